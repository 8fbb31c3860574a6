package web

import (
	"net/http"

	"sojourn"
	"sojourn/service"
)

// homeView is a user's start page: what their role works on.
type homeView struct {
	Open []sojourn.Case
	// Names are the names of the persons the open cases concern, by id.
	Names   map[int64][]sojourn.Name
	Overdue []sojourn.Obligation
	Lapses  *service.Lapses
}

// home shows the start page of the user's role: officers, clerks and
// heads see their authority's open cases, lapses in the next 90 days and
// overdue reports owed to it; auditors and administrators their tools.
func (s *site) home(w http.ResponseWriter, r *http.Request, p *page) error {
	var v homeView
	ctx := r.Context()
	if p.Can(sojourn.RoleClerk, sojourn.RoleOfficer, sojourn.RoleHead) && p.Actor.Authority != "" {
		for _, st := range []sojourn.CaseState{sojourn.StateFiled, sojourn.StateInReview} {
			list, err := s.svc.Cases(ctx, service.CaseQuery{State: st, Limit: 10})
			if err != nil {
				return err
			}
			v.Open = append(v.Open, list...)
		}
		var err error
		if v.Names, err = s.svc.PersonNames(ctx, idsOf(v.Open, casePerson)); err != nil {
			return err
		}
		l, err := s.svc.LapseList(ctx, service.LapseQuery{Authority: p.Actor.Authority, Days: 90, Limit: 10})
		if err != nil {
			return err
		}
		v.Lapses = &l
		if v.Overdue, err = s.svc.Overdue(ctx, p.Actor.Authority, sojourn.Date{}); err != nil {
			return err
		}
	}
	p.Title, p.Data = p.T("home.title"), v
	return s.show(w, "home", p)
}
