package service

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// When a delegation ends, by revocation or at the end of its period, no
// case is left with a delegate that can no longer decide it: its open cases
// covered by the delegation go back to the delegator with a return
// transfer, unless the delegate decides them by its own jurisdiction or
// under another delegation in force. A revocation may not be dated before a
// decision already taken under the delegation: those decisions stand, and
// challenging them is a matter for appeal, not for rewriting the record.

// checkRevocationDate refuses a revocation dated on or before a decision
// already taken under the delegation, naming those decisions.
func checkRevocationDate(ctx context.Context, tx *store.Tx, d sojourn.Delegation, on sojourn.Date) error {
	taken, err := tx.DecisionsUnder(ctx, d.ID, on)
	if err != nil || len(taken) == 0 {
		return err
	}
	names := make([]string, len(taken))
	for i, dec := range taken {
		names[i] = fmt.Sprintf("case %d decided %s", dec.CaseID, dec.DecidedOn)
	}
	return &sojourn.Error{Code: sojourn.CodeConflict, Message: "a revocation cannot be dated before decisions already taken under the delegation",
		Fields: []sojourn.FieldError{{Field: "revoked_on", Message: fmt.Sprintf(
			"%d decision(s) were taken under delegation %d on or after %s (%s); date the revocation after the last one",
			len(taken), d.ID, on, strings.Join(names, ", "))}}}
}

// returnCases moves the open cases a delegation that ended on (its first
// day no longer in force) leaves without a decider back to the delegator
// (or whoever holds its functions now), each with a return transfer and an
// audit entry, and returns the ids of those the actor's clearance covers.
func (s *Service) returnCases(ctx context.Context, tx *store.Tx, a sojourn.Actor, d sojourn.Delegation, on sojourn.Date, why string) ([]int64, error) {
	pending, err := tx.PendingCases(ctx, d.To)
	if err != nil {
		return nil, err
	}
	returned := []int64{}
	for _, c := range pending {
		person, err := tx.PersonByID(ctx, c.PersonID)
		if err != nil {
			return nil, err
		}
		if !d.Scope.Covers(c.Type, person.CountryOfOrigin) {
			continue
		}
		if decides, err := decidesOn(ctx, tx, c, person.CountryOfOrigin, on); err != nil || decides {
			if err != nil {
				return nil, err
			}
			continue
		}
		tr, err := tx.MoveCase(ctx, sojourn.Transfer{CaseID: c.ID, Kind: sojourn.TransferReturn, From: d.To, To: d.From, On: on,
			Reason:     fmt.Sprintf("delegation %d from %s %s on %s: %s", d.ID, d.From, why, on, cmp.Or(d.RevocationReason, "its period ended")),
			RecordedBy: a.Name, RecordedAt: tx.Now()})
		if err != nil {
			return nil, err
		}
		c.Authority = d.From
		onward, err := toHolder(ctx, tx, a, &c, on)
		if err != nil {
			return nil, err
		}
		if _, err := tx.UpdateCase(ctx, c, tx.Now()); err != nil {
			return nil, err
		}
		if err := s.record(ctx, tx, a, access.ManageDelegations, objectID("case", c.ID), append([]sojourn.Transfer{tr}, onward...)); err != nil {
			return nil, err
		}
		if cleared(a, c.Classification) {
			returned = append(returned, c.ID)
		}
	}
	return returned, nil
}

// heldUnder finds the delegation under which the case's authority held
// the case on the date: the one in force then, or else the newest one
// covering the case that had begun by then and has ended or been revoked
// since. A delegate can always hand a case back to its delegator.
func heldUnder(ctx context.Context, tx *store.Tx, c sojourn.Case, country string, on sojourn.Date) (sojourn.Delegation, bool, error) {
	if d, found, err := delegationFor(ctx, tx, c, country, on); err != nil || found {
		return d, found, err
	}
	list, err := tx.DelegationsTo(ctx, c.Authority)
	for _, d := range list {
		if !d.ValidFrom.After(on) && d.Scope.Covers(c.Type, country) {
			return d, true, err
		}
	}
	return sojourn.Delegation{}, false, err
}

// decidesOn reports whether the case's authority may decide it on the
// date by its own jurisdiction or under a delegation in force.
func decidesOn(ctx context.Context, tx *store.Tx, c sojourn.Case, country string, on sojourn.Date) (bool, error) {
	own, err := tx.AuthorityByCode(ctx, c.Authority)
	if err != nil || own.Decides(c.Type, on) {
		return err == nil, err
	}
	_, found, err := delegationFor(ctx, tx, c, country, on)
	return found, err
}

// ReturnCasesOfEndedDelegations returns to their delegators the open cases
// of every delegation whose period ended before on (default today) and
// that left them without a decider. It is the maintenance round's hook
// (revocations return their cases at once); running it again moves
// nothing new.
func (s *Service) ReturnCasesOfEndedDelegations(ctx context.Context, on sojourn.Date) ([]int64, error) {
	a, err := authorize(ctx, access.FlagOverdue, access.Target{})
	if err != nil {
		return nil, err
	}
	var returned []int64
	err = s.write(ctx, func(tx *store.Tx) error {
		if on.IsZero() {
			on = sojourn.DateOf(tx.Now())
		}
		ended, err := tx.EndedDelegations(ctx, on)
		if err != nil {
			return err
		}
		for _, d := range ended {
			ids, err := s.returnCases(ctx, tx, a, d, d.ValidTo.AddDays(1), "ended")
			if err != nil {
				return err
			}
			returned = append(returned, ids...)
		}
		return nil
	})
	return returned, err
}
