package sojourn

import "time"

// DepartureDue is the obligation a time-limited stay creates: the person
// must leave by DueOn, the stay's last day. It is discharged by a recorded
// departure or taken over by an extension of the stay (ExtendedBy names
// the extension case); otherwise the day after DueOn the overstay check
// flags it (FlaggedOn) and it is listed as an overstay of its authority.
type DepartureDue struct {
	ID         int64     `json:"id"`
	PersonID   int64     `json:"person_id"`
	Name       string    `json:"name" doc:"the person's name (Latin script when recorded)"`
	Authority  string    `json:"authority"`
	CaseID     int64     `json:"case_id" doc:"the case that granted the stay"`
	FactID     int64     `json:"fact_id" doc:"the stay in the status ledger"`
	Purpose    string    `json:"purpose"`
	DueOn      Date      `json:"due_on"`
	DepartedOn Date      `json:"departed_on,omitzero"`
	ExtendedBy int64     `json:"extended_by,omitempty"`
	FlaggedOn  Date      `json:"flagged_on,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
	// Classification is that of the case that granted the stay.
	Classification Level `json:"classification"`
}

// Open reports whether the person still has to leave: neither departed nor
// extended.
func (d DepartureDue) Open() bool { return d.DepartedOn.IsZero() && d.ExtendedBy == 0 }

// DepartureInput records that a person left on a day.
type DepartureInput struct {
	DepartedOn Date `json:"departed_on" example:"1938-04-28"`
}

// Validate checks the input field by field.
func (in DepartureInput) Validate() error {
	var p Problems
	p.RequireDate("departed_on", in.DepartedOn)
	return p.Err("departure")
}

// StayOn returns the stay, among a person's facts as known at knownAt,
// that holds on d (the longest, when several do).
func StayOn(facts []StatusFact, d Date, knownAt time.Time) (StatusFact, bool) {
	return longestValid(KnownFacts(facts, knownAt), FactStay, d)
}
