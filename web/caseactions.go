package web

import (
	"context"
	"net/http"

	"sojourn"
	"sojourn/service"
)

// validator is a form's input to the service.
type validator interface{ Validate() error }

// caseAction is one form of a case's page: its fields, whether it asks for
// confirmation first (an irreversible act), and apply, which reads the
// form, validates it and, when run, does the act.
type caseAction struct {
	fields  []string
	confirm bool
	apply   func(ctx context.Context, svc *service.Service, p *page, id, version int64, run bool) error
}

// act builds an action's apply from a form reader and a service call.
func act[T validator](read func(p *page) T, do func(*service.Service, context.Context, int64, int64, T) (sojourn.Case, error)) func(context.Context, *service.Service, *page, int64, int64, bool) error {
	return func(ctx context.Context, svc *service.Service, p *page, id, version int64, run bool) error {
		in := read(p)
		if err := formErr(p, in.Validate()); err != nil || !run {
			return err
		}
		_, err := do(svc, ctx, id, version, in)
		return err
	}
}

// caseActions are the forms of a case's page, by the action in their path.
var caseActions = map[string]caseAction{
	"review": {apply: func(ctx context.Context, svc *service.Service, p *page, id, version int64, run bool) error {
		if !run {
			return nil
		}
		_, err := svc.ReviewCase(ctx, id, version)
		return err
	}},
	"evidence": {fields: []string{"kind", "claim", "source", "received_on"}, apply: act(func(p *page) sojourn.EvidenceInput {
		return sojourn.EvidenceInput{Kind: p.Val("kind"), Claim: p.Val("claim"), Source: p.Val("source"), ReceivedOn: p.date("received_on")}
	}, (*service.Service).AddEvidence)},
	"concurrence": {fields: []string{"party", "given_on", "reference"}, apply: act(func(p *page) sojourn.ConcurrenceInput {
		return sojourn.ConcurrenceInput{Party: p.Val("party"), GivenOn: p.date("given_on"), Reference: p.Val("reference")}
	}, (*service.Service).RecordConcurrence)},
	"decide": {confirm: true, fields: []string{"outcome", "grounds", "legal_refs", "decided_on", "permit_valid_from",
		"permit_valid_to", "override_grounds", "appeal_route"}, apply: act(readDecision, (*service.Service).DecideCase)},
	"refer": {confirm: true, fields: []string{"referred_on", "reason"}, apply: act(func(p *page) sojourn.ReferralInput {
		return sojourn.ReferralInput{ReferredOn: p.date("referred_on"), Reason: p.Val("reason")}
	}, (*service.Service).ReferCase)},
	"appeal": {confirm: true, fields: []string{"grounds", "lodged_on"}, apply: act(func(p *page) sojourn.AppealInput {
		return sojourn.AppealInput{Grounds: p.Val("grounds"), LodgedOn: p.date("lodged_on")}
	}, (*service.Service).AppealCase)},
	"close": {confirm: true, fields: []string{"reason", "closed_on"}, apply: act(func(p *page) sojourn.CloseInput {
		return sojourn.CloseInput{Reason: p.Val("reason"), ClosedOn: p.date("closed_on")}
	}, (*service.Service).CloseCase)},
	"approve": {confirm: true, fields: []string{"approved_on", "grounds"}, apply: act(func(p *page) sojourn.ApprovalInput {
		return sojourn.ApprovalInput{ApprovedOn: p.date("approved_on"), Grounds: p.Val("grounds")}
	}, (*service.Service).ApproveCase)},
	"enforce": {confirm: true, fields: []string{"enforced_on", "note"}, apply: act(func(p *page) sojourn.EnforcementInput {
		return sojourn.EnforcementInput{EnforcedOn: p.date("enforced_on"), Note: p.Val("note")}
	}, (*service.Service).EnforceDeparture)},
}

// readDecision reads the decision form; legal references are one a line.
func readDecision(p *page) sojourn.DecisionInput {
	in := sojourn.DecisionInput{Outcome: p.Val("outcome"), Grounds: p.Val("grounds"), AppealRoute: p.Val("appeal_route"),
		DecidedOn: p.date("decided_on"), PermitValidFrom: p.date("permit_valid_from"), PermitValidTo: p.date("permit_valid_to"),
		OverrideGrounds: p.Val("override_grounds"), IndividualCase: p.Val("individual_case") == "on",
		Justified: p.Val("justified") == "on", ReasonsGiven: p.Val("reasons_given") == "on", LegalRefs: lines(p.Val("legal_refs"))}
	return in
}

// confirmView is the confirmation asked before an irreversible act: the
// action and the form's values, sent again with confirm=yes.
type confirmView struct {
	Action string
	Fields []confirmField
}

// confirmField is one submitted value.
type confirmField struct{ Name, Value string }

// caseAction runs a form of a case's page. Bad input is shown next to its
// field on the case's page and changes nothing; an irreversible act is
// first shown back for confirmation; a done act goes back to the case.
func (s *site) caseAction(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	name := r.PathValue("action")
	a, ok := caseActions[name]
	if !ok {
		return notFound()
	}
	if err := parseForm(r, p); err != nil {
		return err
	}
	p.Form.Set("_action", name)
	version := p.int64Field("version")
	run := !a.confirm || p.Val("confirm") == "yes"
	err = a.apply(r.Context(), s.svc, p, id, version, run)
	if err == nil && run {
		http.Redirect(w, r, "/app/cases/"+itoa(id)+"?done="+name, http.StatusSeeOther)
		return nil
	}
	v, lerr := s.caseData(r, p, id)
	if lerr != nil {
		return lerr
	}
	p.Title, p.Data = p.T("case.title", id), v
	if err == nil {
		v.Confirm = &confirmView{Action: name}
		for _, f := range append([]string{"version", "individual_case", "justified", "reasons_given"}, a.fields...) {
			if val := p.Val(f); val != "" {
				v.Confirm.Fields = append(v.Confirm.Fields, confirmField{f, val})
			}
		}
		return s.show(w, "confirm", p)
	}
	if !p.refused(err, a.fields...) {
		return err
	}
	s.render(w, statusOf(sojourn.ErrorCode(err)), "case", p)
	return nil
}

// FormErr is a field's error when the form of action was the one sent.
func (p *page) FormErr(action, field string) string {
	if p.Val("_action") != action {
		return ""
	}
	return p.Err(field)
}

// FormVal is a field's value when the form of action was the one sent.
func (p *page) FormVal(action, field string) string {
	if p.Val("_action") != action {
		return ""
	}
	return p.Val(field)
}
