package service

import (
	"cmp"
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Abolition is the outcome of abolishing an authority: the authority as it
// now stands and the pending cases moved to its successor (those the
// caller's clearance covers; the others move too, unnamed).
type Abolition struct {
	Authority sojourn.Authority `json:"authority"`
	Moved     []int64           `json:"moved_cases"`
	Persons   int64             `json:"moved_persons" doc:"how many person files passed to the successor"`
}

// AbolishAuthority abolishes an authority from in.On: it ends the day
// before, its case types pass to the successor, and its pending (filed and
// in-review) cases and the files of the persons it keeps move to the
// successor with their history kept, all in one transaction. An administrator, or the head of the parent authority (of the
// authority itself when it has no parent), may abolish it.
func (s *Service) AbolishAuthority(ctx context.Context, code string, in sojourn.AbolitionInput) (Abolition, error) {
	if err := precheck(ctx, access.ManageDelegations, in); err != nil {
		return Abolition{}, err
	}
	var out Abolition
	err := s.write(ctx, func(tx *store.Tx) error {
		old, err := tx.AuthorityByCode(ctx, code)
		if err != nil {
			return err
		}
		a, err := authorize(ctx, access.ManageDelegations, access.Target{Authority: cmp.Or(old.Parent, old.Code)})
		if err != nil {
			return err
		}
		successor, err := checkAbolition(ctx, tx, old, in)
		if err != nil {
			return err
		}
		if out.Persons, err = tx.AbolishAuthority(ctx, old, successor, in.On, in.Reason); err != nil {
			return err
		}
		if out.Authority, err = tx.AuthorityByCode(ctx, code); err != nil {
			return err
		}
		if err := s.record(ctx, tx, a, access.ManageDelegations, "authority/"+code, in); err != nil {
			return err
		}
		out.Moved, err = s.moveCases(ctx, tx, a, out.Authority, in)
		return err
	})
	return out, err
}

// checkAbolition checks that the authority can be abolished on in.On and
// returns its successor.
func checkAbolition(ctx context.Context, tx *store.Tx, old sojourn.Authority, in sojourn.AbolitionInput) (sojourn.Authority, error) {
	if !old.AbolishedOn.IsZero() {
		return sojourn.Authority{}, sojourn.Errorf(sojourn.CodeConflict, "%s was already abolished: %s", old.Code, old.TransferNote())
	}
	invalid := func(field, msg string) error {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid abolition",
			Fields: []sojourn.FieldError{{Field: field, Message: msg}}}
	}
	if !in.On.After(old.ValidFrom) || !old.ActiveOn(in.On.AddDays(-1)) {
		return sojourn.Authority{}, invalid("on", "the authority does not exist on the day before "+in.On.String())
	}
	if in.Successor == old.Code {
		return sojourn.Authority{}, invalid("successor", "an authority cannot succeed itself")
	}
	successor, err := tx.AuthorityByCode(ctx, in.Successor)
	if err != nil {
		return successor, fieldNotFound("successor", err)
	}
	if !successor.ActiveOn(in.On) {
		return successor, invalid("successor", successor.Code+" does not exist on "+in.On.String())
	}
	return successor, nil
}

// moveCases moves the pending cases of an abolished authority to its
// successor, each with a transfer record and an audit entry, and returns
// the ids of those the actor's clearance covers (all of them move).
func (s *Service) moveCases(ctx context.Context, tx *store.Tx, a sojourn.Actor, old sojourn.Authority, in sojourn.AbolitionInput) ([]int64, error) {
	cases, err := tx.PendingCases(ctx, old.Code)
	if err != nil {
		return nil, err
	}
	moved := []int64{}
	for _, c := range cases {
		moves, err := toHolder(ctx, tx, a, &c, in.On)
		if err != nil {
			return nil, err
		}
		if _, err := tx.UpdateCase(ctx, c, tx.Now()); err != nil {
			return nil, err
		}
		if err := s.record(ctx, tx, a, access.ManageDelegations, objectID("case", c.ID), moves); err != nil {
			return nil, err
		}
		if cleared(a, c.Classification) {
			moved = append(moved, c.ID)
		}
	}
	return moved, nil
}

// notInOffice explains why an authority cannot decide on a day it does not
// exist, naming the transfer of its functions when it was abolished.
func notInOffice(a sojourn.Authority, on sojourn.Date) error {
	if a.AbolishedBy(on) {
		return sojourn.Errorf(sojourn.CodeForbidden, "%s cannot decide on %s: %s", a.Code, on, a.TransferNote())
	}
	return sojourn.Errorf(sojourn.CodeForbidden, "%s and cannot decide", a.AbsentOn(on))
}
