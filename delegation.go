package sojourn

import (
	"regexp"
	"slices"
	"time"
)

// Delegation is a grant by one authority (From) to another (To) of the power
// to decide a scope of cases for a period. Each condition must hold for a
// decision under it, or the case goes back to the delegator; each obligation
// is owed to the delegator for every decision made under it.
type Delegation struct {
	ID    int64  `json:"id"`
	From  string `json:"from"`
	To    string `json:"to"`
	Scope Scope  `json:"scope"`
	Period
	Conditions       []Condition          `json:"conditions"`
	Obligations      []ObligationTemplate `json:"obligations"`
	LegalRef         string               `json:"legal_ref,omitempty"`
	RevokedOn        Date                 `json:"revoked_on,omitzero"`
	RevocationReason string               `json:"revocation_reason,omitempty"`
	CreatedBy        string               `json:"created_by"`
	CreatedAt        time.Time            `json:"created_at"`
}

// Scope is what a delegation covers: case types, and the class of persons
// as the countries whose citizens (country of origin) it concerns; no
// countries means persons of every country.
type Scope struct {
	CaseTypes []string `json:"case_types" minItems:"1" maxItems:"20" example:"[\"residence_permit\"]"`
	Countries []string `json:"countries,omitempty" maxItems:"300" doc:"class of persons: citizens of these countries (country of origin); empty = everyone"`
}

// Condition is a named CEL condition over the inputs of DelegationInputs
// that must hold for a decision under a delegation.
type Condition struct {
	ID      string `json:"id" example:"host_concurrence" maxLength:"64"`
	When    string `json:"when" example:"host_concurrence" maxLength:"2000"`
	Message string `json:"message" example:"the concurrence of the host authorities must be recorded" maxLength:"500"`
}

// ObligationTemplate is a report owed to the delegator for each decision
// made under a delegation, due WithinDays after the decision.
type ObligationTemplate struct {
	ID         string `json:"id" example:"report" maxLength:"64"`
	WithinDays int    `json:"within_days" minimum:"1" maximum:"3660" example:"14"`
	Report     string `json:"report" maxLength:"500" example:"report naming the person dispatched and the reason"`
}

// DelegationInputs are the condition inputs the service derives for a
// decision under a delegation (name → policy type). The date `on` is the
// decision date.
var DelegationInputs = map[string]string{
	"individual_case":   "bool",   // the officer states it is an individual case
	"justified":         "bool",   // the officer states the case is justified
	"reasons_given":     "bool",   // the officer states the grounds give full reasons
	"host_concurrence":  "bool",   // a concurrence is recorded on the case, given on or before the decision
	"pending_liability": "bool",   // liability evidence (proceedings pending) is on the case
	"outcome":           "string", // grant, deny or refer
	"case_type":         "string",
	"person_country":    "string", // the person's country of origin
}

// ActiveOn reports whether the delegation is in force on d: within its
// period and not yet revoked (RevokedOn is the first day it no longer holds).
func (d Delegation) ActiveOn(on Date) bool {
	return d.Contains(on) && (d.RevokedOn.IsZero() || on.Before(d.RevokedOn))
}

// Covers reports whether the scope includes a case of the type about a
// citizen of country.
func (s Scope) Covers(caseType, country string) bool {
	return slices.Contains(s.CaseTypes, caseType) && (len(s.Countries) == 0 || slices.Contains(s.Countries, country))
}

// DelegationInput is what an administrator or the head of the delegating
// authority submits to delegate.
type DelegationInput struct {
	From  string `json:"from" example:"HQ"`
	To    string `json:"to" example:"EMB-P"`
	Scope Scope  `json:"scope"`
	Period
	Conditions  []Condition          `json:"conditions,omitempty" maxItems:"50"`
	Obligations []ObligationTemplate `json:"obligations,omitempty" maxItems:"20"`
	LegalRef    string               `json:"legal_ref,omitempty" maxLength:"500"`
}

var localID = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// Validate checks the input field by field; the CEL of the conditions is
// compiled by the service.
func (in DelegationInput) Validate() error {
	var p Problems
	p.Require("from", in.From)
	p.Require("to", in.To)
	if in.From != "" && in.From == in.To {
		p.Add("to", "an authority cannot delegate to itself")
	}
	if len(in.Scope.CaseTypes) == 0 {
		p.Add("scope.case_types", "at least one case type is required")
	}
	for i, t := range in.Scope.CaseTypes {
		p.OneOf("scope.case_types["+itoa(i)+"]", t, CaseTypes...)
	}
	for i, c := range in.Scope.Countries {
		p.Country("scope.countries["+itoa(i)+"]", c)
	}
	p.Merge(in.Period.Validate())
	for i, o := range in.Obligations {
		f := "obligations[" + itoa(i) + "]"
		if !localID.MatchString(o.ID) {
			p.Add(f+".id", "must be lower-case letters, digits or _, starting with a letter")
		}
		if o.WithinDays < 1 || o.WithinDays > 3660 {
			p.Add(f+".within_days", "must be from 1 to 3660")
		}
		p.Require(f+".report", o.Report)
		p.MaxLen(f+".report", o.Report, 500)
	}
	p.MaxLen("legal_ref", in.LegalRef, 500)
	return p.Err("delegation")
}

// Concurrence is the recorded agreement of an outside party (e.g. the host
// country's authorities) to a case, with its date and reference.
type Concurrence struct {
	ID         int64     `json:"id"`
	CaseID     int64     `json:"case_id"`
	Party      string    `json:"party"`
	GivenOn    Date      `json:"given_on"`
	Reference  string    `json:"reference"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// ConcurrenceInput is what is submitted to record a concurrence.
type ConcurrenceInput struct {
	Party     string `json:"party" minLength:"1" maxLength:"200" example:"HOST authorities"`
	GivenOn   Date   `json:"given_on" example:"1956-02-20"`
	Reference string `json:"reference" minLength:"1" maxLength:"200" example:"note 25-S-207"`
}

// Validate checks the input field by field.
func (in ConcurrenceInput) Validate() error {
	var p Problems
	p.Require("party", in.Party)
	p.MaxLen("party", in.Party, 200)
	p.RequireDate("given_on", in.GivenOn)
	p.Require("reference", in.Reference)
	p.MaxLen("reference", in.Reference, 200)
	return p.Err("concurrence")
}
