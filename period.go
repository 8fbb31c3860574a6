package sojourn

// Period is a span of valid time: from ValidFrom to ValidTo, both days
// included; a zero ValidTo leaves the end open. Facts, authorities,
// accreditations, delegations and documents each hold for a Period.
type Period struct {
	ValidFrom Date `json:"valid_from"`
	ValidTo   Date `json:"valid_to,omitzero" doc:"last day; absent when open-ended"`
}

// Contains reports whether d falls within the period.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.ValidFrom) && (p.ValidTo.IsZero() || !d.After(p.ValidTo))
}

// Validate checks that the period has a start and does not end before it.
func (p Period) Validate() error {
	var pr Problems
	pr.RequireDate("valid_from", p.ValidFrom)
	pr.Period("valid_from", p.ValidFrom, "valid_to", p.ValidTo)
	return pr.Err("period")
}
