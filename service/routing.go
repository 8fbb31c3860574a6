package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// ReferCase refers a case its authority may not decide under delegation to
// the delegator: the case moves there with a transfer record, keeping its
// state and history.
func (s *Service) ReferCase(ctx context.Context, id, version int64, in sojourn.ReferralInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.ReferCase, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.ReferCase, sojourn.ActionRefer, in.ReferredOn, in,
		func(tx *store.Tx, a sojourn.Actor, c *sojourn.Case) error {
			person, err := tx.PersonByID(ctx, c.PersonID)
			if err != nil {
				return err
			}
			del, found, err := heldUnder(ctx, tx, *c, person.CountryOfOrigin, in.ReferredOn)
			if err != nil {
				return err
			}
			if !found {
				return sojourn.Errorf(sojourn.CodeConflict, "no delegation to %s covers case %d on %s: there is no delegator to refer it to",
					c.Authority, c.ID, in.ReferredOn)
			}
			_, err = tx.MoveCase(ctx, sojourn.Transfer{CaseID: c.ID, Kind: sojourn.TransferReferral, From: c.Authority,
				To: del.From, On: in.ReferredOn, Reason: in.Reason, RecordedBy: a.Name, RecordedAt: tx.Now()})
			c.Authority = del.From
			return err
		})
}

// RecordConcurrence records an outside party's concurrence on an open case.
func (s *Service) RecordConcurrence(ctx context.Context, id, version int64, in sojourn.ConcurrenceInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.RecordConcurrence, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.RecordConcurrence, sojourn.ActionEvidence, in.GivenOn, in,
		func(tx *store.Tx, a sojourn.Actor, c *sojourn.Case) error {
			_, err := tx.AddConcurrence(ctx, c.ID, in, a.Name, tx.Now())
			return err
		})
}

// loadRouting loads a case's concurrences, transfers and obligations, and
// marks whether its petitioning sponsor was accredited on the filing date.
func loadRouting(ctx context.Context, tx *store.Tx, c *sojourn.Case) (err error) {
	if c.Concurrences, err = tx.ConcurrencesOf(ctx, c.ID); err != nil {
		return err
	}
	if c.Transfers, err = tx.TransfersOf(ctx, c.ID); err != nil {
		return err
	}
	if c.Obligations, err = tx.ObligationsOfCase(ctx, c.ID); err != nil {
		return err
	}
	return markPetition(ctx, tx, c)
}

// markPetition sets whether the petition counts, by the rule the
// evaluation's sponsor_accredited input uses (Case.PetitionAccredited).
func markPetition(ctx context.Context, tx *store.Tx, c *sojourn.Case) error {
	if c.Petition == nil {
		return nil
	}
	accs, err := tx.AccreditationsOf(ctx, c.Petition.Sponsor)
	if err != nil {
		return err
	}
	ok := c.PetitionAccredited(accs)
	c.Petition.Accredited = &ok
	return nil
}

// emptyRouting makes a case's concurrence, transfer and obligation lists
// non-nil.
func emptyRouting(c *sojourn.Case) {
	if c.Concurrences == nil {
		c.Concurrences = []sojourn.Concurrence{}
	}
	if c.Transfers == nil {
		c.Transfers = []sojourn.Transfer{}
	}
	if c.Obligations == nil {
		c.Obligations = []sojourn.Obligation{}
	}
}
