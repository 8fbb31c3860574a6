package policy

import (
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"sojourn"
)

// activation resolves CEL variables from slots filled by bind. It is reused
// through the schema's pool so that an evaluation allocates little.
type activation struct {
	slots  map[string]int
	vals   []ref.Val
	status []status // scratch for the statuses of a version's rules
}

// statuses returns a zeroed scratch slice of n statuses.
func (a *activation) statuses(n int) []status {
	if cap(a.status) < n {
		a.status = make([]status, n)
	}
	st := a.status[:n]
	clear(st)
	return st
}

// ResolveName implements interpreter.Activation.
func (a *activation) ResolveName(name string) (any, bool) {
	i, ok := a.slots[name]
	if !ok {
		return nil, false
	}
	return a.vals[i], true
}

// Parent implements interpreter.Activation; there is none.
func (a *activation) Parent() interpreter.Activation { return nil }

// acquire returns an activation bound to on and inputs; release it after use.
func (s *schema) acquire(on sojourn.Date, inputs map[string]any) (*activation, error) {
	if on.IsZero() {
		return nil, sojourn.Errorf(sojourn.CodeInvalid, "the evaluation date is required")
	}
	a := s.pool.Get().(*activation)
	if !s.bind(a, on, inputs) {
		s.release(a)
		return nil, s.inputError(inputs)
	}
	return a, nil
}

// bind fills the slots of a and reports whether inputs are exactly the
// declared inputs with values of their types.
func (s *schema) bind(a *activation, on sojourn.Date, inputs map[string]any) bool {
	a.vals[0] = types.Timestamp{Time: on.Time()}
	for i, in := range s.inputs {
		v, ok := inputs[in.Name]
		if !ok {
			return false
		}
		val, err := s.types[i].bind(v)
		if err != nil {
			return false
		}
		a.vals[i+1] = val
	}
	return len(inputs) == len(s.inputs)
}

// release returns a to the pool, dropping references to caller data.
func (s *schema) release(a *activation) {
	clear(a.vals)
	s.pool.Put(a)
}
