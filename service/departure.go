package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// EnforceDeparture records that an ordered departure was carried out on
// in.EnforcedOn and closes the case. Like every change to a departure, it
// is refused while a protection of the person holds on that date.
func (s *Service) EnforceDeparture(ctx context.Context, id, version int64, in sojourn.EnforcementInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.EnforceDeparture, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.EnforceDeparture, sojourn.ActionEnforce, in.EnforcedOn, in,
		func(tx *store.Tx, _ sojourn.Actor, c *sojourn.Case) error {
			if c.Type != sojourn.CaseDeparture {
				return sojourn.Errorf(sojourn.CodeConflict, "case %d is a %s case: only a departure is enforced", c.ID, c.Type)
			}
			decisions, err := tx.DecisionsOf(ctx, c.ID)
			if err != nil {
				return err
			}
			if last := decisions[len(decisions)-1]; last.Outcome != sojourn.OutcomeGrant {
				return sojourn.Errorf(sojourn.CodeConflict, "departure case %d was decided %s on %s: no departure was ordered", c.ID, last.Outcome, last.DecidedOn)
			}
			p, err := particularsOf(ctx, tx, *c)
			if err != nil {
				return err
			}
			p.EnforcedOn = in.EnforcedOn
			return tx.UpdateParticulars(ctx, c.ID, p)
		})
}
