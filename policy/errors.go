package policy

import (
	"errors"

	"sojourn"
)

// Sentinel errors for the outcomes a caller must tell apart. The errors the
// package returns are *sojourn.Error values (use errors.As) that also match
// one of these sentinels with errors.Is.
var (
	// ErrConflict: an active grant and an active deny both fired and neither
	// is an exception to the other.
	ErrConflict = errors.New("policy: unresolved conflict")
	// ErrNoApplicableRule: no grant, deny or refer fired and no requirement
	// is unmet.
	ErrNoApplicableRule = errors.New("policy: no applicable rule")
	// ErrNoVersionInForce: no version of the pack is in force on the date.
	ErrNoVersionInForce = errors.New("policy: no version in force")
	// ErrExamplesFailed: Load refused a pack whose examples do not pass.
	ErrExamplesFailed = errors.New("policy: examples failed")
)

// kindError pairs a *sojourn.Error with a sentinel so that both errors.As
// (for the code and message) and errors.Is (for the sentinel) work.
type kindError struct {
	err  *sojourn.Error
	kind error
}

func (e *kindError) Error() string { return e.err.Error() }

func (e *kindError) Unwrap() []error { return []error{e.err, e.kind} }

// withKind returns err marked with the sentinel kind.
func withKind(kind error, err *sojourn.Error) error {
	return &kindError{err: err, kind: kind}
}
