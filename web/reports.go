package web

import (
	"net/http"
	"strconv"

	"sojourn"
	"sojourn/audit"
	"sojourn/service"
)

// lapseView is a page of the lapse report.
type lapseView struct {
	service.Lapses
	NextLapsing, NextNoStatus string
}

// lapses shows the lapse report (S2): everyone in the viewer's scope whose
// only valid permits or documents end within "days" (default 90) of "on",
// and everyone without legal status on it, each list paged.
func (s *site) lapses(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Form = r.URL.Query()
	q := service.LapseQuery{On: p.date("on"), Days: 90, Authority: p.Val("authority"), Limit: pageSize,
		LapsingAfter: p.int64Field("lapsing_after"), NoStatusAfter: p.int64Field("no_status_after")}
	if d := p.Val("days"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 || n > 3660 {
			p.Errors["days"] = p.T("form.bad_number")
		}
		q.Days = n
	}
	if len(p.Errors) > 0 {
		p.Title = p.T("lapses.title")
		p.Data = lapseView{}
		s.render(w, http.StatusUnprocessableEntity, "lapses", p)
		return nil
	}
	l, err := s.svc.LapseList(r.Context(), q)
	if err != nil {
		if p.refused(err, "authority", "days", "on") && sojourn.ErrorCode(err) == sojourn.CodeInvalid {
			p.Title, p.Data = p.T("lapses.title"), lapseView{}
			s.render(w, http.StatusUnprocessableEntity, "lapses", p)
			return nil
		}
		return err
	}
	v := lapseView{Lapses: l}
	link := func(key string, after int64) string {
		if after == 0 {
			return ""
		}
		q := r.URL.Query()
		q.Set(key, itoa(after))
		return r.URL.Path + "?" + q.Encode()
	}
	v.NextLapsing, v.NextNoStatus = link("lapsing_after", l.LapsingNext), link("no_status_after", l.NoLegalStatusNext)
	p.Form.Set("on", l.On.String())
	p.Form.Set("days", strconv.Itoa(q.Days))
	p.Title, p.Data = p.T("lapses.title"), v
	return s.show(w, "lapses", p)
}

// delegationView is the delegations page: the delegations from and to the
// viewer's authority and the overdue reports owed to it.
type delegationView struct {
	Delegations []sojourn.Delegation
	Overdue     []sojourn.Obligation
}

// delegations lists the delegations of the viewer's authority and the
// reports overdue to it.
func (s *site) delegations(w http.ResponseWriter, r *http.Request, p *page) error {
	var v delegationView
	if p.Actor.Authority != "" {
		var err error
		if v.Delegations, err = s.svc.Delegations(r.Context(), p.Actor.Authority); err != nil {
			return err
		}
		if v.Overdue, err = s.svc.Overdue(r.Context(), p.Actor.Authority, sojourn.Date{}); err != nil {
			return err
		}
	}
	p.Title, p.Data = p.T("delegations.title"), v
	return s.show(w, "delegations", p)
}

// auditView is a page of the audit search.
type auditView struct {
	Entries []audit.Entry
}

// auditSearch searches the audit log by object, actor and action (for
// auditors; the service refuses everyone else).
func (s *site) auditSearch(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Form = r.URL.Query()
	var v auditView
	if p.Val("object") != "" || p.Val("actor") != "" || p.Val("action") != "" {
		q := service.AuditQuery{Object: p.Val("object"), Actor: p.Val("actor"), Action: p.Val("action"), Limit: 100}
		list, err := s.svc.AuditLog(r.Context(), q)
		if err != nil {
			if !p.refused(err, "object", "actor", "action") || sojourn.ErrorCode(err) != sojourn.CodeInvalid {
				return err
			}
			p.Title, p.Data = p.T("audit.title"), v
			s.render(w, http.StatusUnprocessableEntity, "audit", p)
			return nil
		}
		v.Entries = list
	}
	p.Title, p.Data = p.T("audit.title"), v
	return s.show(w, "audit", p)
}
