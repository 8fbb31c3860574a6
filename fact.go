package sojourn

import "time"

// Fact kinds of the status ledger.
const (
	FactPermit      = "permit"
	FactDocument    = "document"
	FactStay        = "stay"
	FactCitizenship = "citizenship"
	FactProtection  = "protection"
)

// StatusFact is one bitemporal fact about a person: true in the world from
// ValidFrom to ValidTo (inclusive, open end allowed), and believed by the
// system from RecordedAt until SupersededAt. A correction records a new fact
// that supersedes the old one; nothing is overwritten.
type StatusFact struct {
	ID        int64  `json:"id"`
	PersonID  int64  `json:"person_id"`
	Kind      string `json:"kind"`
	Ref       string `json:"ref" doc:"what the fact is about, e.g. permit R-000001 or passport number"`
	Label     string `json:"label"`
	Authority string `json:"authority,omitempty"`
	// DocumentID names the document a document fact is about.
	DocumentID int64 `json:"document_id,omitempty"`
	Period
	Retracted    bool       `json:"retracted,omitempty" doc:"a correction that says the fact never held"`
	RecordedAt   time.Time  `json:"recorded_at"`
	SupersededAt *time.Time `json:"superseded_at,omitempty"`
	Supersedes   int64      `json:"supersedes,omitempty"`
	Reason       string     `json:"reason,omitempty"`
	RecordedBy   string     `json:"recorded_by"`
}

// ValidOn reports whether the fact holds on d in the world.
func (f StatusFact) ValidOn(d Date) bool {
	return !f.Retracted && f.Contains(d)
}

// KnownAt reports whether the system believed the fact at record time t.
func (f StatusFact) KnownAt(t time.Time) bool {
	return !f.RecordedAt.After(t) && (f.SupersededAt == nil || f.SupersededAt.After(t))
}

// CorrectionInput corrects a fact: its valid period was wrong, or it never
// held at all (Retract). Reason is required and kept.
type CorrectionInput struct {
	ValidFrom Date   `json:"valid_from,omitzero" doc:"corrected first day; default unchanged"`
	ValidTo   Date   `json:"valid_to,omitzero" doc:"corrected last day; default unchanged"`
	OpenEnded bool   `json:"open_ended,omitempty" doc:"the fact has no end"`
	Retract   bool   `json:"retract,omitempty" doc:"the fact never held"`
	Reason    string `json:"reason" minLength:"1" maxLength:"2000" example:"the permit was entered with the wrong end date"`
}

// Validate checks the input field by field.
func (in CorrectionInput) Validate() error {
	var p Problems
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	if in.OpenEnded && !in.ValidTo.IsZero() {
		p.Add("open_ended", "cannot be set together with valid_to")
	}
	if in.Retract && (in.OpenEnded || !in.ValidTo.IsZero() || !in.ValidFrom.IsZero()) {
		p.Add("retract", "a retraction takes no dates")
	}
	if !in.Retract && !in.OpenEnded && in.ValidFrom.IsZero() && in.ValidTo.IsZero() {
		p.Add("valid_to", "a correction must change something")
	}
	p.Period("valid_from", in.ValidFrom, "valid_to", in.ValidTo)
	return p.Err("correction")
}

// Apply returns the corrected copy of f (not yet recorded).
func (in CorrectionInput) Apply(f StatusFact) StatusFact {
	c := f
	c.ID, c.SupersededAt, c.Supersedes, c.Reason = 0, nil, f.ID, in.Reason
	if in.Retract {
		c.Retracted = true
		return c
	}
	c.Period = in.period(f.Period)
	return c
}

// period returns p with the correction's dates applied.
func (in CorrectionInput) period(p Period) Period {
	if !in.ValidFrom.IsZero() {
		p.ValidFrom = in.ValidFrom
	}
	if !in.ValidTo.IsZero() {
		p.ValidTo = in.ValidTo
	}
	if in.OpenEnded {
		p.ValidTo = Date{}
	}
	return p
}
