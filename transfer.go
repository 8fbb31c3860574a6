package sojourn

import "time"

// Transfer kinds: a case referred by a delegate to its delegator, moved
// to the successor of an abolished authority, or returned to the delegator
// when the delegation it was held under was revoked or expired.
const (
	TransferReferral   = "referral"
	TransferSuccession = "succession"
	TransferReturn     = "return" // back to the delegator when a delegation ends
)

// Transfer is one move of a case from one authority to another; a case's
// transfers are its routing history.
type Transfer struct {
	ID         int64     `json:"id"`
	CaseID     int64     `json:"case_id"`
	Kind       string    `json:"kind"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	On         Date      `json:"on"`
	Reason     string    `json:"reason"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// ReferralInput is what a delegate submits to refer a case to its delegator.
type ReferralInput struct {
	ReferredOn Date   `json:"referred_on" example:"1956-03-05"`
	Reason     string `json:"reason" minLength:"1" maxLength:"2000" example:"the case needs the ministry's decision on an exceptional route"`
}

// Validate checks the input field by field.
func (in ReferralInput) Validate() error {
	var p Problems
	p.RequireDate("referred_on", in.ReferredOn)
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	return p.Err("referral")
}

// AbolitionInput is what is submitted to abolish an authority: from On its
// functions and pending cases pass to Successor.
type AbolitionInput struct {
	On        Date   `json:"on" doc:"first day on which the authority no longer exists" example:"1936-06-01"`
	Successor string `json:"successor" example:"SC"`
	Reason    string `json:"reason" minLength:"1" maxLength:"2000" example:"the department is merged into its successor"`
}

// Validate checks the input field by field.
func (in AbolitionInput) Validate() error {
	var p Problems
	p.RequireDate("on", in.On)
	if !authorityCode.MatchString(in.Successor) {
		p.Add("successor", "is not an authority code")
	}
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	return p.Err("abolition")
}

// TransferNote says that an abolished authority's functions passed to its
// successor, e.g. "functions of LC passed to SC on 1936-06-01".
func (a Authority) TransferNote() string {
	return "functions of " + a.Code + " passed to " + a.Successor + " on " + a.AbolishedOn.String()
}

// AbolishedBy reports whether the authority had been abolished by d.
func (a Authority) AbolishedBy(d Date) bool {
	return !a.AbolishedOn.IsZero() && !d.Before(a.AbolishedOn)
}

// AbsentOn says why the authority cannot act on d, a day on which it does
// not exist: the transfer of its functions once it has been abolished.
func (a Authority) AbsentOn(d Date) string {
	if a.AbolishedBy(d) {
		return a.TransferNote()
	}
	return "authority " + a.Code + " does not exist on " + d.String()
}
