package policy

import (
	"cel.dev/cel-go/cel"

	"sojourn"
)

// Rule effects.
const (
	EffectGrant   = "grant"   // fires when its condition is true
	EffectDeny    = "deny"    // fires when its condition is true
	EffectRequire = "require" // unmet (and so fired) when its condition is false
	EffectWaive   = "waive"   // an exception with no outcome of its own
	EffectRefer   = "refer"   // fires when its condition is true
)

// The dates of a case a pack may be evaluated on (its evaluate_on key).
const (
	EvaluateOnFiling   = "filed_on"   // the case's filing date
	EvaluateOnDecision = "decided_on" // the date of the decision being made
)

var evaluationDates = []string{EvaluateOnFiling, EvaluateOnDecision}

// What a pack says of decisions dated after the server's today (its
// future_decisions key): refused, the default, or allowed.
const (
	FutureDecisionsRefused = "refused"
	FutureDecisionsAllowed = "allowed"
)

// Outcomes of an evaluation.
const (
	OutcomeGrant = "grant"
	OutcomeDeny  = "deny"
	OutcomeRefer = "refer"
)

// Pack is a compiled policy pack: named versions with disjoint effective
// periods. A Pack is immutable and safe for concurrent use.
type Pack struct {
	Name  string `json:"pack"`
	Title string `json:"title"`
	// EvaluateOn says which date of a case chooses the version in force and
	// is the evaluation date: EvaluateOnFiling (the default) or
	// EvaluateOnDecision.
	EvaluateOn string `json:"evaluate_on"`
	// FutureDecisions allows decisions of the pack's case type dated after
	// the server's today when it is FutureDecisionsAllowed; they are
	// refused otherwise.
	FutureDecisions string `json:"future_decisions"`
	// Hash is the SHA-256 (hex) of the canonical encoding of the whole pack.
	Hash     string     `json:"hash"`
	versions []*Version // by EffectiveFrom
}

// Version is one compiled version of a pack. Its exported fields describe it
// and must not be modified; evaluate it with EvaluateVersion.
type Version struct {
	Pack           string       `json:"pack"`
	Name           string       `json:"version"`
	EffectiveFrom  sojourn.Date `json:"effective_from"`
	EffectiveTo    sojourn.Date `json:"effective_to,omitzero"` // last day in force; zero (absent) for an open end
	LegalReference string       `json:"legal_reference"`
	// Hash is the SHA-256 (hex) of the canonical encoding of the version
	// (everything but its examples).
	Hash     string    `json:"hash"`
	Inputs   []Input   `json:"inputs"` // by name
	Rules    []Rule    `json:"rules"`  // in declaration order
	Examples []Example `json:"examples"`

	packHash string
	schema   *schema
	progs    []cel.Program // progs[i] evaluates Rules[i].When
	plan     plan
}

// Rule is one rule of a version as written in the pack.
type Rule struct {
	ID          string   `json:"id"`
	Ref         string   `json:"ref"`
	Effect      string   `json:"effect"`
	When        string   `json:"when"`
	ExceptionTo []string `json:"exception_to,omitempty"`
	Message     string   `json:"message"`
}

// Example is a worked case of a version with its expected outcome: grant,
// deny, refer, or "error" when evaluation must fail.
type Example struct {
	Name   string         `json:"name"`
	On     sojourn.Date   `json:"on"`
	Inputs map[string]any `json:"inputs"`
	Expect string         `json:"expect"`

	field string // e.g. versions[0].examples[1]
	line  int
}

// Versions returns the versions of p ordered by effective date.
func (p *Pack) Versions() []*Version {
	return append([]*Version(nil), p.versions...)
}

// Version returns the version of p named name.
func (p *Pack) Version(name string) (*Version, error) {
	for _, v := range p.versions {
		if v.Name == name {
			return v, nil
		}
	}
	return nil, sojourn.Errorf(sojourn.CodeNotFound, "pack %s has no version %q", p.Name, name)
}

// InForce returns the version of p in force on the date on: the one with
// EffectiveFrom <= on <= EffectiveTo (an open end is in force for ever).
func (p *Pack) InForce(on sojourn.Date) (*Version, error) {
	if on.IsZero() {
		return nil, sojourn.Errorf(sojourn.CodeInvalid, "the evaluation date is required")
	}
	for _, v := range p.versions {
		if v.InForce(on) {
			return v, nil
		}
	}
	return nil, withKind(ErrNoVersionInForce, sojourn.Errorf(sojourn.CodePreconditionFailed,
		"no rules of pack %s in force on %s", p.Name, on))
}

// InForce reports whether v is in force on the date on.
func (v *Version) InForce(on sojourn.Date) bool {
	return !on.Before(v.EffectiveFrom) && (v.EffectiveTo.IsZero() || !on.After(v.EffectiveTo))
}

// Evaluate evaluates the inputs of a case on the date on under the version
// in force that day, with an explanation.
func (p *Pack) Evaluate(on sojourn.Date, inputs map[string]any) (Result, error) {
	v, err := p.InForce(on)
	if err != nil {
		return Result{}, err
	}
	return EvaluateVersion(v, on, inputs)
}

// EvaluateOutcome is Evaluate without the explanation: the fast path.
func (p *Pack) EvaluateOutcome(on sojourn.Date, inputs map[string]any) (string, error) {
	v, err := p.InForce(on)
	if err != nil {
		return "", err
	}
	return EvaluateVersionOutcome(v, on, inputs)
}
