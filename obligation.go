package sojourn

import "time"

// Obligation is one report an authority owes for a decision made under a
// delegation: to the delegator (OwedTo), by the delegate (Obligor), due on
// DueOn. It is fulfilled by linking a report; FlaggedOn is the day the
// overdue check first found it overdue.
type Obligation struct {
	ID           int64     `json:"id"`
	DelegationID int64     `json:"delegation_id"`
	DecisionID   int64     `json:"decision_id"`
	CaseID       int64     `json:"case_id"`
	Template     string    `json:"template"`
	Obligor      string    `json:"obligor"`
	OwedTo       string    `json:"owed_to"`
	PersonID     int64     `json:"person_id"`
	Person       string    `json:"person"`
	Reason       string    `json:"reason"`
	Description  string    `json:"description"`
	DueOn        Date      `json:"due_on"`
	FulfilledOn  Date      `json:"fulfilled_on,omitzero"`
	ReportRef    string    `json:"report_ref,omitempty"`
	FlaggedOn    Date      `json:"flagged_on,omitzero"`
	CreatedAt    time.Time `json:"created_at"`
	// Classification is that of the case the obligation arises from; it
	// decides who may see the obligation.
	Classification Level `json:"classification"`
}

// OverdueOn reports whether the obligation is overdue on d: past its due
// date and not fulfilled on or before d.
func (o Obligation) OverdueOn(d Date) bool {
	return d.After(o.DueOn) && (o.FulfilledOn.IsZero() || o.FulfilledOn.After(d))
}

// FulfilmentInput is what the obligated authority submits to fulfil an
// obligation: the reference of its report and the day it was sent.
type FulfilmentInput struct {
	ReportRef   string `json:"report_ref" minLength:"1" maxLength:"200" example:"168/ld"`
	FulfilledOn Date   `json:"fulfilled_on" example:"1956-03-10"`
}

// Validate checks the input field by field.
func (in FulfilmentInput) Validate() error {
	var p Problems
	p.Require("report_ref", in.ReportRef)
	p.MaxLen("report_ref", in.ReportRef, 200)
	p.RequireDate("fulfilled_on", in.FulfilledOn)
	return p.Err("fulfilment")
}
