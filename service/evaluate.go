package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/policy"
	"sojourn/store"
)

// Explanation is what a decision stores of its policy evaluation: the
// engine's result (outcome, pack, version, hashes, rules fired and
// overridden, inputs), the stored revision of the pack, the evaluation error
// if there was one, and whether the officer decided against it and why.
type Explanation struct {
	policy.Result
	Revision          int64  `json:"pack_revision"`
	Error             string `json:"error,omitempty"`
	AgainstEvaluation bool   `json:"against_evaluation"`
	OverrideGrounds   string `json:"override_grounds,omitempty"`
}

// outcomeLabel is the outcome, or "error" when the evaluation failed.
func (e Explanation) outcomeLabel() string {
	if e.Error != "" {
		return "error"
	}
	return e.Outcome
}

// packInUse returns the pack in use for a case type and its revision;
// found is false when none is uploaded.
func packInUse(ctx context.Context, tx *store.Tx, caseType string) (p *policy.Pack, revision int64, found bool, err error) {
	row, err := tx.PolicyPackRevision(ctx, packFor(caseType), 0)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
		return nil, 0, false, nil
	}
	if err != nil {
		return nil, 0, false, err
	}
	p, err = compile(row)
	return p, row.Revision, err == nil, err
}

// evaluation evaluates a case under the pack in use for its type, reading
// what it needs in tx as known at knownAt (the ledger and files as recorded
// then): on the date on if given, else on the date the pack
// says (see caseDate), under the version in force that day. found is false
// when no pack decides the case type. A failed evaluation (no version in
// force, a conflict, no applicable rule) is returned as err with the
// explanation filled as far as it got.
func evaluation(ctx context.Context, tx *store.Tx, c sojourn.Case, on, decidedOn sojourn.Date, knownAt time.Time) (e Explanation, found bool, err error) {
	p, rev, found, err := packInUse(ctx, tx, c.Type)
	if !found {
		return e, false, err
	}
	if on.IsZero() {
		if on, err = caseDate(p, c, decidedOn); err != nil {
			return e, true, err
		}
	}
	return evaluateIn(ctx, newFacts(tx, knownAt, map[string][]sojourn.Accreditation{}), c, on, p, rev)
}

// caseDate is the date p evaluates a case on: its filing date, or the
// decision date when the pack says evaluate_on: decided_on.
func caseDate(p *policy.Pack, c sojourn.Case, decidedOn sojourn.Date) (sojourn.Date, error) {
	if p.EvaluateOn != policy.EvaluateOnDecision {
		return c.FiledOn, nil
	}
	if decidedOn.IsZero() {
		return decidedOn, &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid evaluation",
			Fields: []sojourn.FieldError{{Field: "on", Message: "pack " + p.Name + " is evaluated on the decision date: give that date"}}}
	}
	return decidedOn, nil
}

// evaluateIn evaluates a case on a date under the version of p in force.
func evaluateIn(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date, p *policy.Pack, revision int64) (Explanation, bool, error) {
	e := Explanation{Result: policy.Result{Pack: p.Name, PackHash: p.Hash, On: on}, Revision: revision}
	v, err := p.InForce(on)
	if err != nil {
		return failed(e, err)
	}
	return evaluateUnder(ctx, f, c, on, v, e)
}

// evaluateUnder evaluates the case under version v into e.
func evaluateUnder(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date, v *policy.Version, e Explanation) (Explanation, bool, error) {
	inputs, err := inputsFor(ctx, f, c, on, v)
	if err != nil {
		return failed(e, err)
	}
	res, err := policy.EvaluateVersion(v, on, inputs)
	if res.Pack != "" {
		e.Result = res
	}
	if err != nil {
		return failed(e, err)
	}
	return e, true, nil
}

// failed records an evaluation error in e; internal errors pass unchanged.
func failed(e Explanation, err error) (Explanation, bool, error) {
	var se *sojourn.Error
	if errors.As(err, &se) && se.Code != sojourn.CodeInternal {
		e.Error = se.Message
	}
	return e, true, err
}

// EvaluateCase evaluates a case without changing anything (a dry run; the
// evaluation of a classified case is audited like reading it): on
// the given date, default its filing date, under the version of its pack in
// force that day. No pack for the case type, no version in force, a conflict
// or no applicable rule is an error naming it.
func (s *Service) EvaluateCase(ctx context.Context, id int64, in sojourn.EvaluationInput) (Explanation, error) {
	if err := precheck(ctx, access.EvaluateCase, in); err != nil {
		return Explanation{}, err
	}
	var out Explanation
	err := s.readLogged(ctx, access.EvaluateCase, objectID("case", id), func(tx *store.Tx) (sojourn.Level, any, error) {
		c, err := tx.CaseByID(ctx, id, false)
		if err != nil {
			return "", nil, err
		}
		if _, err := authorize(ctx, access.EvaluateCase, caseTarget(c)); err != nil {
			return "", nil, err
		}
		var found bool
		out, found, err = evaluation(ctx, tx, c, in.On, sojourn.Date{}, s.now())
		if err == nil && !found {
			err = sojourn.Errorf(sojourn.CodePreconditionFailed, "no policy pack %s is in use for %s cases", packFor(c.Type), c.Type)
		}
		return c.Classification, out, err
	})
	return out, err
}

// decisionExplanation evaluates a case being decided on its filing date and
// returns the explanation the decision stores. With no pack in force for
// the case type the decision is made by hand (byhand.go). Deciding against
// the evaluation, or despite a failed one, needs override grounds, recorded
// as such. A case
// the evaluation refers (e.g. an exceptional route without the top
// authority's approval) cannot be decided at all until what the referring
// rules ask for is there.
func decisionExplanation(ctx context.Context, tx *store.Tx, c sojourn.Case, in sojourn.DecisionInput) (json.RawMessage, error) {
	e, found, err := evaluation(ctx, tx, c, sojourn.Date{}, in.DecidedOn, tx.Now())
	switch {
	case (!found && err == nil) || errors.Is(err, policy.ErrNoVersionInForce):
		return byHand(c, e, in)
	case !found:
		return nil, err
	case err != nil && (e.Error == "" || in.OverrideGrounds == ""):
		return nil, err
	case err == nil && e.Outcome == policy.OutcomeRefer:
		return nil, cannotDecide(c, e)
	case err == nil && e.Outcome == in.Outcome && in.OverrideGrounds != "":
		return nil, overrideProblem("the decision follows the evaluation (" + e.Outcome + "); override grounds are only for deciding against it")
	case err == nil && e.Outcome != in.Outcome && in.OverrideGrounds == "":
		return nil, overrideProblem("the evaluation under pack " + e.Pack + " version " + e.Version + " gives " + e.Outcome +
			"; deciding " + in.Outcome + " against it needs written grounds")
	}
	return explain(e, in)
}

// explain is the explanation a decision stores: the evaluation, and the
// override grounds when the officer decided against it or without one.
func explain(e Explanation, in sojourn.DecisionInput) (json.RawMessage, error) {
	e.AgainstEvaluation = in.OverrideGrounds != ""
	e.OverrideGrounds = in.OverrideGrounds
	b, err := json.Marshal(e)
	if err != nil {
		return nil, sojourn.Internal(err)
	}
	return b, nil
}

func overrideProblem(msg string) error {
	return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid decision",
		Fields: []sojourn.FieldError{{Field: "override_grounds", Message: msg}}}
}

// cannotDecide refuses a decision on a case its evaluation refers, naming
// each referring rule's message and reference (the explanation of a dry
// run gives the rest).
func cannotDecide(c sojourn.Case, e Explanation) error {
	msg := fmt.Sprintf("case %d cannot be decided:", c.ID)
	for _, r := range e.Fired {
		if r.Effect == policy.EffectRefer {
			msg += fmt.Sprintf(" %s (%s)", r.Message, r.Ref)
		}
	}
	return sojourn.Errorf(sojourn.CodeConflict, "%s", msg)
}
