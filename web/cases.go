package web

import (
	"encoding/json"
	"net/http"

	"sojourn"
	"sojourn/service"
)

// caseList is a page of cases with the filters that chose them.
type caseList struct {
	Cases []sojourn.Case
	// Names are the names of the persons the cases concern, by id.
	Names  map[int64][]sojourn.Name
	States []sojourn.CaseState
	Next   string
}

// caseStates are the states a case list filters on.
var caseStates = []sojourn.CaseState{sojourn.StateFiled, sojourn.StateInReview, sojourn.StateDecided,
	sojourn.StateClosed, sojourn.StateSuspended}

// cases lists the cases the user may see, filtered by state and person, a
// page at a time.
func (s *site) cases(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Form = r.URL.Query()
	q := service.CaseQuery{After: after(r), Limit: pageSize + 1, PersonID: p.int64Field("person")}
	if st := sojourn.CaseState(p.Val("state")); st != "" {
		q.State = st
		found := false
		for _, known := range caseStates {
			found = found || known == st
		}
		if !found {
			p.Errors["state"] = p.T("form.bad_choice")
		}
	}
	out := caseList{States: caseStates}
	if len(p.Errors) == 0 {
		list, err := s.svc.Cases(r.Context(), q)
		if err != nil {
			return err
		}
		out.Cases, out.Next = pageOf(r, list, func(c sojourn.Case) int64 { return c.ID })
		if out.Names, err = s.svc.PersonNames(r.Context(), idsOf(out.Cases, casePerson)); err != nil {
			return err
		}
	}
	p.Title, p.Data = p.T("cases.title"), out
	status := http.StatusOK
	if len(p.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, "cases", p)
	return nil
}

// caseView is a case's page.
type caseView struct {
	Case sojourn.Case
	// Names are the names of the case's person, when the reader may see them.
	Names   []sojourn.Name
	Explain *service.Explanation // the evaluation of an open case
	// EvalError says why an open case could not be evaluated.
	EvalError string
	Decided   []decisionView
	Confirm   *confirmView // the confirmation of an irreversible action
	// Correspondence lists the registry's items linked to the case.
	Correspondence []sojourn.ItemSummary
}

// decisionView is a decision with its stored explanation decoded.
type decisionView struct {
	sojourn.Decision
	Explain *service.Explanation
}

// caseData loads what a case's page shows.
func (s *site) caseData(r *http.Request, p *page, id int64) (*caseView, error) {
	ctx := r.Context()
	c, err := s.svc.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &caseView{Case: c}
	names, err := s.svc.PersonNames(ctx, []int64{c.PersonID})
	if err != nil {
		return nil, err
	}
	v.Names = names[c.PersonID]
	if v.Correspondence, err = correspondenceOf(ctx, s.svc.CaseCorrespondence, id); err != nil {
		return nil, err
	}
	for _, d := range c.Decisions {
		dv := decisionView{Decision: d}
		if len(d.Explanation) > 0 {
			var e service.Explanation
			if json.Unmarshal(d.Explanation, &e) == nil {
				dv.Explain = &e
			}
		}
		v.Decided = append(v.Decided, dv)
	}
	if c.State == sojourn.StateFiled || c.State == sojourn.StateInReview {
		e, err := s.svc.EvaluateCase(ctx, id, sojourn.EvaluationInput{})
		switch {
		case err == nil:
			v.Explain = &e
		case sojourn.ErrorCode(err) == sojourn.CodeInternal:
			return nil, err
		default:
			v.EvalError = p.loc.Message(messageOf(err))
		}
	}
	return v, nil
}

// casePage shows a case with its forms.
func (s *site) casePage(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.caseData(r, p, id)
	if err != nil {
		return err
	}
	if done := r.URL.Query().Get("done"); done != "" {
		if _, ok := caseActions[done]; ok || done == "file" {
			p.Notice = p.T("case.done." + done)
		}
	}
	p.Title, p.Data = p.T("case.title", v.Case.ID), v
	return s.show(w, "case", p)
}

// casePerson is the person a case concerns.
func casePerson(c sojourn.Case) int64 { return c.PersonID }
