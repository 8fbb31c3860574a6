package policy

import "sojourn"

// Result is an outcome with its explanation, as stored with a decision.
type Result struct {
	Outcome        string       `json:"outcome"`
	Pack           string       `json:"pack"`
	Version        string       `json:"version"`
	LegalReference string       `json:"legal_reference"`
	Hash           string       `json:"hash"`      // of the version
	PackHash       string       `json:"pack_hash"` // of the whole pack
	EffectiveFrom  sojourn.Date `json:"effective_from"`
	EffectiveTo    sojourn.Date `json:"effective_to,omitzero"` // absent for an open end
	On             sojourn.Date `json:"on"`
	// Fired lists the active rules that fired, and the unmet requirements,
	// in declaration order.
	Fired []RuleHit `json:"fired"`
	// Overridden lists the rules named by an active exception.
	Overridden []Override `json:"overridden"`
	// Inputs is the snapshot of the inputs as evaluated: bool, int64,
	// float64, string, sojourn.Date or []string by declared type.
	Inputs map[string]any `json:"inputs"`
}

// Statuses of a RuleHit.
const (
	StatusFired = "fired"
	StatusUnmet = "unmet"
)

// RuleHit is a rule that fired (or a requirement that is unmet).
type RuleHit struct {
	ID      string `json:"id"`
	Ref     string `json:"ref"`
	Effect  string `json:"effect"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// Override is a rule set aside by an exception: By is the id of the first
// active exception (in declaration order) naming it.
type Override struct {
	ID      string `json:"id"`
	Ref     string `json:"ref"`
	Effect  string `json:"effect"`
	By      string `json:"by"`
	Message string `json:"message"`
}

// Compare reports whether the outcome changed from before to after, as a
// what-if run asks.
func Compare(before, after Result) bool {
	return before.Outcome != after.Outcome
}

// explain builds the Result of an evaluation of v, without its outcome.
func (v *Version) explain(on sojourn.Date, a *activation, st []status) Result {
	res := Result{
		Pack: v.Pack, Version: v.Name, LegalReference: v.LegalReference,
		Hash: v.Hash, PackHash: v.packHash,
		EffectiveFrom: v.EffectiveFrom, EffectiveTo: v.EffectiveTo, On: on,
		Fired:      []RuleHit{},
		Overridden: []Override{},
		Inputs:     v.schema.snapshot(a),
	}
	for i, s := range st {
		r := &v.Rules[i]
		switch s {
		case fired, unmet:
			res.Fired = append(res.Fired, RuleHit{ID: r.ID, Ref: r.Ref, Effect: r.Effect, Status: hitStatus(s), Message: r.Message})
		case overridden:
			by := v.Rules[v.overrider(st, i)].ID
			res.Overridden = append(res.Overridden, Override{ID: r.ID, Ref: r.Ref, Effect: r.Effect, By: by, Message: r.Message})
		}
	}
	return res
}

func hitStatus(s status) string {
	if s == unmet {
		return StatusUnmet
	}
	return StatusFired
}
