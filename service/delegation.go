package service

import (
	"context"
	"fmt"

	"sojourn"
	"sojourn/access"
	"sojourn/policy"
	"sojourn/store"
)

// CreateDelegation records that one authority delegates a scope of its
// decisions to another. The conditions must compile over
// sojourn.DelegationInputs, and the delegator must itself decide every case
// type it delegates.
func (s *Service) CreateDelegation(ctx context.Context, in sojourn.DelegationInput) (sojourn.Delegation, error) {
	if err := precheck(ctx, access.ManageDelegations, in); err != nil {
		return sojourn.Delegation{}, err
	}
	a, err := authorize(ctx, access.ManageDelegations, access.Target{Authority: in.From})
	if err != nil {
		return sojourn.Delegation{}, err
	}
	if _, err := compileConditions(in.Conditions); err != nil {
		return sojourn.Delegation{}, err
	}
	var out sojourn.Delegation
	err = s.write(ctx, func(tx *store.Tx) error {
		if err := checkDelegation(ctx, tx, in); err != nil {
			return err
		}
		if out, err = tx.CreateDelegation(ctx, in, a.Name, tx.Now()); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageDelegations, objectID("delegation", out.ID), in)
	})
	return out, err
}

// checkDelegation checks the references of a new delegation: both
// authorities exist, and the delegator decides the delegated case types.
func checkDelegation(ctx context.Context, tx *store.Tx, in sojourn.DelegationInput) error {
	from, err := tx.AuthorityByCode(ctx, in.From)
	if err != nil {
		return fieldNotFound("from", err)
	}
	if _, err := tx.AuthorityByCode(ctx, in.To); err != nil {
		return fieldNotFound("to", err)
	}
	for _, party := range []string{in.From, in.To} {
		if err := inOffice(ctx, tx, party, in.ValidFrom, access.ManageDelegations); err != nil {
			return err
		}
	}
	var p sojourn.Problems
	for i, t := range in.Scope.CaseTypes {
		if !from.Decides(t, in.ValidFrom) {
			p.Add(fmt.Sprintf("scope.case_types[%d]", i), "%s does not decide %s cases on %s, so it cannot delegate them", from.Code, t, in.ValidFrom)
		}
	}
	return p.Err("delegation")
}

// compileConditions compiles a delegation's conditions over its inputs.
func compileConditions(conds []sojourn.Condition) (*policy.ConditionSet, error) {
	pc := make([]policy.Condition, len(conds))
	for i, c := range conds {
		pc[i] = policy.Condition{ID: c.ID, When: c.When, Message: c.Message}
	}
	return policy.CompileConditions(sojourn.DelegationInputs, pc)
}

// RevokeDelegation ends a delegation from a date on, which may not come
// before a decision already taken under it; the open cases it leaves
// without a decider go back to the delegator (delegationend.go).
func (s *Service) RevokeDelegation(ctx context.Context, id int64, in sojourn.RevocationInput) (sojourn.Delegation, error) {
	if err := precheck(ctx, access.ManageDelegations, in); err != nil {
		return sojourn.Delegation{}, err
	}
	var out sojourn.Delegation
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if out, err = tx.DelegationByID(ctx, id); err != nil {
			return err
		}
		a, err := authorize(ctx, access.ManageDelegations, access.Target{Authority: out.From})
		if err != nil {
			return err
		}
		if !out.RevokedOn.IsZero() {
			return sojourn.Errorf(sojourn.CodeConflict, "delegation %d was already revoked on %s", id, out.RevokedOn)
		}
		if in.RevokedOn.Before(out.ValidFrom) {
			return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid revocation",
				Fields: []sojourn.FieldError{{Field: "revoked_on", Message: "is before the delegation began"}}}
		}
		if err := inOffice(ctx, tx, out.From, in.RevokedOn, access.ManageDelegations); err != nil {
			return err
		}
		if err := checkRevocationDate(ctx, tx, out, in.RevokedOn); err != nil {
			return err
		}
		if err := tx.RevokeDelegation(ctx, id, in.RevokedOn, in.Reason); err != nil {
			return err
		}
		out.RevokedOn, out.RevocationReason = in.RevokedOn, in.Reason
		if err := s.record(ctx, tx, a, access.ManageDelegations, objectID("delegation", id), in); err != nil {
			return err
		}
		_, err = s.returnCases(ctx, tx, a, out, in.RevokedOn, "revoked")
		return err
	})
	return out, err
}

// Delegation returns one delegation.
func (s *Service) Delegation(ctx context.Context, id int64) (sojourn.Delegation, error) {
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) (sojourn.Delegation, error) {
		return tx.DelegationByID(ctx, id)
	})
}

// Delegations lists the delegations from or to an authority ("" for all).
func (s *Service) Delegations(ctx context.Context, authority string) ([]sojourn.Delegation, error) {
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) ([]sojourn.Delegation, error) {
		return tx.DelegationsOf(ctx, authority)
	})
}

// competence returns the delegation a decision of the case on in.DecidedOn
// is made under: the zero Delegation when the case's authority decides the
// case type by its own jurisdiction. Without jurisdiction or a delegation in
// force covering the case, the decision is forbidden; when a condition of
// the delegation fails, it is refused with every failed condition named.
func competence(ctx context.Context, tx *store.Tx, c sojourn.Case, in sojourn.DecisionInput) (sojourn.Delegation, error) {
	own, err := tx.AuthorityByCode(ctx, c.Authority)
	if err != nil || own.Decides(c.Type, in.DecidedOn) {
		return sojourn.Delegation{}, err
	}
	person, err := tx.PersonByID(ctx, c.PersonID)
	if err != nil {
		return sojourn.Delegation{}, err
	}
	del, found, err := delegationFor(ctx, tx, c, person.CountryOfOrigin, in.DecidedOn)
	if err != nil {
		return del, err
	}
	if !found {
		return del, sojourn.Errorf(sojourn.CodeForbidden,
			"%s has no jurisdiction over %s cases on %s and no delegation in force covers this case", c.Authority, c.Type, in.DecidedOn)
	}
	inputs, err := conditionInputs(ctx, tx, c, person, in)
	if err != nil {
		return del, err
	}
	return del, checkConditions(del, c, inputs, in.DecidedOn)
}

// delegationFor finds the newest delegation to the case's authority in force
// on the date whose scope covers the case and whose delegator decides the
// case type itself on that date.
func delegationFor(ctx context.Context, tx *store.Tx, c sojourn.Case, country string, on sojourn.Date) (sojourn.Delegation, bool, error) {
	list, err := tx.DelegationsTo(ctx, c.Authority)
	if err != nil {
		return sojourn.Delegation{}, false, err
	}
	for _, d := range list {
		if !d.ActiveOn(on) || !d.Scope.Covers(c.Type, country) {
			continue
		}
		from, err := tx.AuthorityByCode(ctx, d.From)
		if err != nil {
			return d, false, err
		}
		if from.Decides(c.Type, on) {
			return d, true, nil
		}
	}
	return sojourn.Delegation{}, false, nil
}

// conditionInputs derives the inputs of delegation conditions from the case
// and the decision.
func conditionInputs(ctx context.Context, tx *store.Tx, c sojourn.Case, p sojourn.Person, in sojourn.DecisionInput) (map[string]any, error) {
	concurrences, err := tx.ConcurrencesOf(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	evidence, err := tx.EvidenceOf(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	concurred, liable := false, false
	for _, cc := range concurrences {
		concurred = concurred || !cc.GivenOn.After(in.DecidedOn)
	}
	for _, e := range evidence {
		liable = liable || (e.Kind == sojourn.EvidenceLiability && !e.ReceivedOn.After(in.DecidedOn))
	}
	return map[string]any{
		"individual_case": in.IndividualCase, "justified": in.Justified, "reasons_given": in.ReasonsGiven,
		"host_concurrence": concurred, "pending_liability": liable,
		"outcome": in.Outcome, "case_type": c.Type, "person_country": p.CountryOfOrigin,
	}, nil
}

// checkConditions evaluates a delegation's conditions and refuses the
// decision naming every condition that failed.
func checkConditions(d sojourn.Delegation, c sojourn.Case, inputs map[string]any, on sojourn.Date) error {
	set, err := compileConditions(d.Conditions)
	if err != nil {
		return sojourn.Internal(fmt.Errorf("delegation %d: stored conditions do not compile: %w", d.ID, err))
	}
	failed, err := set.Failed(on, inputs)
	if err != nil || len(failed) == 0 {
		return err
	}
	e := &sojourn.Error{Code: sojourn.CodeInvalid, Message: fmt.Sprintf(
		"%s may not decide case %d under delegation %d from %s: %d condition(s) failed; refer the case to %s",
		c.Authority, c.ID, d.ID, d.From, len(failed), d.From)}
	for _, f := range failed {
		e.Fields = append(e.Fields, sojourn.FieldError{Field: "conditions." + f.ID, Message: f.ID + ": " + f.Message})
	}
	return e
}
