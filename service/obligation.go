package service

import (
	"context"
	"fmt"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// oweReports creates the obligations a decision under a delegation owes the
// delegator, one per obligation template, each due WithinDays after the
// decision and naming the person and the reason. It does nothing for a
// decision made by the authority's own jurisdiction.
func (s *Service) oweReports(ctx context.Context, tx *store.Tx, c sojourn.Case, dec sojourn.Decision, del sojourn.Delegation) error {
	if del.ID == 0 || len(del.Obligations) == 0 {
		return nil
	}
	person, err := tx.PersonByID(ctx, c.PersonID)
	if err != nil {
		return err
	}
	name := person.DisplayName()
	for _, t := range del.Obligations {
		due := dec.DecidedOn.AddDays(t.WithinDays)
		_, err := tx.CreateObligation(ctx, sojourn.Obligation{DelegationID: del.ID, DecisionID: dec.ID, CaseID: c.ID,
			Template: t.ID, Obligor: del.To, OwedTo: del.From, PersonID: person.ID, Person: name, Reason: dec.Grounds,
			Description: fmt.Sprintf("%s to %s by %s on case %d (%s, decided %s): person %s; reason: %s",
				t.Report, del.From, due, c.ID, dec.Outcome, dec.DecidedOn, name, dec.Grounds),
			DueOn: due}, tx.Now())
		if err != nil {
			return err
		}
	}
	return nil
}

// Obligation returns one obligation; it is seen by the staff of the
// authority that owes it and of the authority it is owed to who have the
// clearance for its case. Reading a classified one is audited like reading
// its case (obligations.read; see readLogged).
func (s *Service) Obligation(ctx context.Context, id int64) (sojourn.Obligation, error) {
	var out sojourn.Obligation
	err := s.readLogged(ctx, access.ReadObligations, objectID("obligation", id), func(tx *store.Tx) (sojourn.Level, any, error) {
		var err error
		if out, err = tx.ObligationByID(ctx, id, false); err == nil {
			err = authorizeObligation(ctx, access.ReadObligations, out)
		}
		return out.Classification, out, err
	})
	return out, err
}

// FulfilObligation links the report that fulfils an obligation; only the
// officers and heads of the obligated authority may.
func (s *Service) FulfilObligation(ctx context.Context, id int64, in sojourn.FulfilmentInput) (sojourn.Obligation, error) {
	if err := precheck(ctx, access.FulfilObligation, in); err != nil {
		return sojourn.Obligation{}, err
	}
	var out sojourn.Obligation
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if out, err = tx.ObligationByID(ctx, id, true); err != nil {
			return err
		}
		a, err := authorize(ctx, access.FulfilObligation, access.Target{Authority: out.Obligor, Classification: out.Classification})
		if err != nil {
			return err
		}
		if !out.FulfilledOn.IsZero() {
			return sojourn.Errorf(sojourn.CodeConflict, "obligation %d was already fulfilled on %s by report %s", id, out.FulfilledOn, out.ReportRef)
		}
		if err := inOffice(ctx, tx, out.Obligor, in.FulfilledOn, access.FulfilObligation); err != nil {
			return err
		}
		if err := tx.FulfilObligation(ctx, id, in.FulfilledOn, in.ReportRef); err != nil {
			return err
		}
		out.FulfilledOn, out.ReportRef = in.FulfilledOn, in.ReportRef
		return s.record(ctx, tx, a, access.FulfilObligation, objectID("obligation", id), in)
	})
	return out, err
}

// Overdue lists the obligations owed to an authority that are overdue on
// the date (default today) and arise from cases the actor's clearance
// covers: the delegator's overdue list.
func (s *Service) Overdue(ctx context.Context, authority string, on sojourn.Date) ([]sojourn.Obligation, error) {
	a, err := authorize(ctx, access.ReadObligations, access.Target{Authority: authority})
	if err != nil {
		return nil, err
	}
	var out []sojourn.Obligation
	err = s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.AuthorityByCode(ctx, authority); err != nil {
			return err
		}
		out, err = tx.OverdueObligations(ctx, authority, access.Levels(a), s.dateOr(on))
		return err
	})
	return out, err
}

// FlagOverdue marks every obligation overdue on the date (default today)
// that is not flagged yet, with one audit entry each, in one transaction,
// and returns those it flagged that the actor's clearance covers (it flags
// them all). It is the scheduled job's hook: the
// scheduler calls it once a day with the System actor; running it again on
// the same day flags nothing new.
func (s *Service) FlagOverdue(ctx context.Context, on sojourn.Date) ([]sojourn.Obligation, error) {
	a, err := authorize(ctx, access.FlagOverdue, access.Target{})
	if err != nil {
		return nil, err
	}
	on = s.dateOr(on)
	flagged := []sojourn.Obligation{}
	err = s.write(ctx, func(tx *store.Tx) error {
		list, err := tx.OverdueObligations(ctx, "", sojourn.Levels, on)
		if err != nil {
			return err
		}
		for _, o := range list {
			if !o.FlaggedOn.IsZero() {
				continue
			}
			if ok, err := tx.FlagObligation(ctx, o.ID, on); err != nil || !ok {
				return err
			}
			o.FlaggedOn = on
			if err := s.record(ctx, tx, a, access.FlagOverdue, objectID("obligation", o.ID), map[string]any{"overdue_on": on}); err != nil {
				return err
			}
			if cleared(a, o.Classification) {
				flagged = append(flagged, o)
			}
		}
		return nil
	})
	return flagged, err
}
