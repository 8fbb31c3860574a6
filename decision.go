package sojourn

import (
	"encoding/json"
	"strings"
	"time"
)

// Decision outcomes.
const (
	OutcomeGrant = "grant"
	OutcomeDeny  = "deny"
	OutcomeRefer = "refer"
)

// Decision is the outcome of a case with its grounds. Every adverse decision
// names a route of appeal. Explanation holds the policy evaluation it was
// based on, when there was one.
type Decision struct {
	ID          int64           `json:"id"`
	CaseID      int64           `json:"case_id"`
	Outcome     string          `json:"outcome"`
	Grounds     string          `json:"grounds"`
	LegalRefs   []string        `json:"legal_refs"`
	AppealRoute string          `json:"appeal_route,omitempty"`
	DecidedBy   string          `json:"decided_by"`
	DecidedOn   Date            `json:"decided_on"`
	Permit      *Permit         `json:"permit,omitempty"`
	Explanation json.RawMessage `json:"explanation,omitempty"`
	RecordedAt  time.Time       `json:"recorded_at"`
	// DelegationID names the delegation the decision was made under, if any.
	DelegationID int64 `json:"delegation_id,omitempty"`
}

// DecisionInput is what an officer submits to decide a case.
type DecisionInput struct {
	Outcome         string   `json:"outcome" enum:"grant,deny,refer"`
	Grounds         string   `json:"grounds" minLength:"1" maxLength:"20000" example:"The applicant has lived in the city since 1935 and holds a work contract (evidence 1, 2)."`
	LegalRefs       []string `json:"legal_refs,omitempty" maxItems:"50"`
	AppealRoute     string   `json:"appeal_route,omitempty" maxLength:"1000" doc:"route of appeal; defaulted for adverse decisions"`
	DecidedOn       Date     `json:"decided_on"`
	PermitValidFrom Date     `json:"permit_valid_from,omitzero" doc:"for a grant: first day of the permit, default decided_on"`
	PermitValidTo   Date     `json:"permit_valid_to,omitzero" doc:"for a grant: last day of the permit, default one year"`
	OverrideGrounds string   `json:"override_grounds,omitempty" maxLength:"20000" doc:"written grounds for deciding against the policy evaluation, or by hand where no policy pack is in force for the case type"`
	// What the officer states for the conditions of a delegation.
	IndividualCase bool `json:"individual_case,omitempty" doc:"the officer states this is an individual case (delegation condition input)"`
	Justified      bool `json:"justified,omitempty" doc:"the officer states the case is justified (delegation condition input)"`
	ReasonsGiven   bool `json:"reasons_given,omitempty" doc:"the grounds give full reasons (delegation condition input)"`
}

// Validate checks the input field by field.
func (in DecisionInput) Validate() error {
	var p Problems
	p.OneOf("outcome", in.Outcome, OutcomeGrant, OutcomeDeny, OutcomeRefer)
	p.Require("grounds", in.Grounds)
	p.MaxLen("grounds", in.Grounds, 20000)
	p.MaxLen("appeal_route", in.AppealRoute, 1000)
	p.MaxLen("override_grounds", in.OverrideGrounds, 20000)
	for i, r := range in.LegalRefs {
		p.Require("legal_refs["+itoa(i)+"]", r)
		p.MaxLen("legal_refs["+itoa(i)+"]", r, 500)
	}
	p.RequireDate("decided_on", in.DecidedOn)
	if in.Outcome != OutcomeGrant && (!in.PermitValidFrom.IsZero() || !in.PermitValidTo.IsZero()) {
		p.Add("permit_valid_from", "only a grant issues a permit")
	}
	p.Period("permit_valid_from", in.PermitValidFrom, "permit_valid_to", in.PermitValidTo)
	return p.Err("decision")
}

// PermitPeriod returns the validity of the permit a grant issues: from the
// given first day (default the decision date) for one year unless given.
func (in DecisionInput) PermitPeriod() Period {
	p := Period{ValidFrom: in.PermitValidFrom, ValidTo: in.PermitValidTo}
	if p.ValidFrom.IsZero() {
		p.ValidFrom = in.DecidedOn
	}
	if p.ValidTo.IsZero() {
		p.ValidTo = p.ValidFrom.AddYears(1).AddDays(-1)
	}
	return p
}

// AppealInput is what is submitted to appeal a decided case.
type AppealInput struct {
	Grounds  string `json:"grounds" minLength:"1" maxLength:"20000" example:"The decision did not consider the medical certificate filed on 1937-10-30."`
	LodgedOn Date   `json:"lodged_on"`
}

// Validate checks the input field by field.
func (in AppealInput) Validate() error {
	var p Problems
	p.Require("grounds", in.Grounds)
	p.MaxLen("grounds", in.Grounds, 20000)
	p.RequireDate("lodged_on", in.LodgedOn)
	return p.Err("appeal")
}

// appealSource is the source of the evidence an appeal puts on its case.
const appealSource = "appellant"

// Evidence is what an appeal puts on its case: the appellant's grounds,
// received on the day the appeal was lodged.
func (in AppealInput) Evidence() EvidenceInput {
	return EvidenceInput{Kind: EvidenceStated, Claim: "Appeal: " + in.Grounds, Source: appealSource, ReceivedOn: in.LodgedOn}
}

// IsAppeal reports whether the evidence is the grounds of an appeal.
func (e Evidence) IsAppeal() bool {
	return e.Kind == EvidenceStated && e.Source == appealSource && strings.HasPrefix(e.Claim, "Appeal: ")
}

// CloseInput is what is submitted to close a case.
type CloseInput struct {
	Reason   string `json:"reason" minLength:"1" maxLength:"2000" example:"withdrawn by the applicant"`
	ClosedOn Date   `json:"closed_on"`
}

// Validate checks the input field by field.
func (in CloseInput) Validate() error {
	var p Problems
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	p.RequireDate("closed_on", in.ClosedOn)
	return p.Err("closing")
}

// Permit is a residence permit issued by a grant.
type Permit struct {
	ID        int64  `json:"id"`
	Number    string `json:"number"`
	PersonID  int64  `json:"person_id"`
	CaseID    int64  `json:"case_id"`
	Authority string `json:"authority"`
	Period
}

// PermitNumber formats the n-th permit number of a series, e.g. R-000123.
func PermitNumber(n int64) string { return seriesNumber("R-", n) }

// AppealDays is how many days after a decision an appeal may be lodged,
// as the default route of appeal says.
const AppealDays = 30

// DefaultAppealRoute is the route of appeal named in an adverse decision
// when the officer gives none.
func DefaultAppealRoute(authority string) string {
	return "Appeal in writing to the head of " + authority + " within " + itoa(AppealDays) + " days of notification of this decision."
}
