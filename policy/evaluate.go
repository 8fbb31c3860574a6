package policy

import (
	"cel.dev/cel-go/common/types"

	"sojourn"
)

// status is what became of one rule in an evaluation.
type status uint8

const (
	quiet      status = iota // evaluated, did not fire (or requirement met)
	fired                    // condition true (not require): active
	unmet                    // require whose condition is false: active
	overridden               // named by an active exception; not evaluated
)

// EvaluateVersion evaluates the inputs of a case on the date on under v,
// whatever v's effective period (for what-if runs and drafts), and explains
// the outcome. On ErrConflict and ErrNoApplicableRule the Result is filled
// except for Outcome, so the caller can show what fired.
func EvaluateVersion(v *Version, on sojourn.Date, inputs map[string]any) (Result, error) {
	a, err := v.schema.acquire(on, inputs)
	if err != nil {
		return Result{}, err
	}
	defer v.schema.release(a)
	st, err := v.decide(a)
	if err != nil {
		return Result{}, err
	}
	res := v.explain(on, a, st)
	res.Outcome, err = v.outcome(st)
	return res, err
}

// EvaluateVersionOutcome is EvaluateVersion without the explanation: the
// fast path for bulk runs.
func EvaluateVersionOutcome(v *Version, on sojourn.Date, inputs map[string]any) (string, error) {
	a, err := v.schema.acquire(on, inputs)
	if err != nil {
		return "", err
	}
	defer v.schema.release(a)
	st, err := v.decide(a)
	if err != nil {
		return "", err
	}
	return v.outcome(st)
}

// decide evaluates the rules in plan order and returns their statuses; a
// rule named by an active exception is overridden without being evaluated.
func (v *Version) decide(a *activation) ([]status, error) {
	st := a.statuses(len(v.Rules))
	for _, i := range v.plan.order {
		if v.overrider(st, i) >= 0 {
			st[i] = overridden
			continue
		}
		out, _, err := v.progs[i].Eval(a)
		if err != nil {
			return nil, sojourn.Errorf(sojourn.CodeInvalid, "pack %s version %s, rule %s: cannot evaluate the condition: %v",
				v.Pack, v.Name, v.Rules[i].ID, err)
		}
		st[i] = classify(v.Rules[i].Effect, out == types.True)
	}
	return st, nil
}

// overrider returns the first rule (in declaration order) that is an active
// exception to rule i, or -1.
func (v *Version) overrider(st []status, i int) int {
	for _, e := range v.plan.overriders[i] {
		if st[e] == fired {
			return e
		}
	}
	return -1
}

// classify returns the status of a rule whose condition evaluated to holds.
func classify(effect string, holds bool) status {
	switch {
	case effect == EffectRequire && !holds:
		return unmet
	case effect != EffectRequire && holds:
		return fired
	}
	return quiet
}

// outcome derives the outcome from the statuses: an unresolved conflict is
// an error; then refer, then deny (unmet requirement or deny), then grant;
// with none of those, no rule applies.
func (v *Version) outcome(st []status) (string, error) {
	grant, deny, refer, unmetAny := -1, -1, false, false
	for i, s := range st {
		if s == unmet {
			unmetAny = true
		}
		if s != fired {
			continue
		}
		switch v.Rules[i].Effect {
		case EffectGrant:
			grant = firstOf(grant, i)
		case EffectDeny:
			deny = firstOf(deny, i)
		case EffectRefer:
			refer = true
		}
	}
	switch {
	case grant >= 0 && deny >= 0:
		return "", v.conflict(grant, deny)
	case refer:
		return OutcomeRefer, nil
	case unmetAny || deny >= 0:
		return OutcomeDeny, nil
	case grant >= 0:
		return OutcomeGrant, nil
	}
	return "", withKind(ErrNoApplicableRule, sojourn.Errorf(sojourn.CodePreconditionFailed,
		"no applicable rule in pack %s version %s", v.Pack, v.Name))
}

func (v *Version) conflict(grant, deny int) error {
	return withKind(ErrConflict, sojourn.Errorf(sojourn.CodePreconditionFailed,
		"unresolved conflict between rules %s and %s (pack %s version %s): neither is an exception to the other",
		v.Rules[grant].ID, v.Rules[deny].ID, v.Pack, v.Name))
}

// firstOf returns seen if a rule was already seen (>= 0), else i.
func firstOf(seen, i int) int {
	if seen >= 0 {
		return seen
	}
	return i
}
