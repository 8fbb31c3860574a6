package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Time-limited stays (S3). A granted admission, stay or stay extension
// records a stay fact in the status ledger (so StatusOn answers it) and,
// when the stay has an end, the departure it makes due on its last day.
// The day after, the overstay check (FlagOverstays, run by the maintenance
// round) flags a due still open, and the authority's overstay list shows
// it until the person leaves or the stay is extended.

// grantStay records the stay a granted case gives, and its departure due.
func (s *Service) grantStay(ctx context.Context, tx *store.Tx, a sojourn.Actor, c sojourn.Case, dec sojourn.Decision) error {
	if c.Type != sojourn.CaseAdmission && c.Type != sojourn.CaseStay && c.Type != sojourn.CaseStayExtension {
		return nil
	}
	p, err := particularsOf(ctx, tx, c)
	if err != nil {
		return err
	}
	purpose, from := p.StayPurpose(c.Type), dec.DecidedOn
	var old sojourn.DepartureDue
	if c.Type == sojourn.CaseStayExtension {
		stay, err := stayToExtend(ctx, tx, c.PersonID, c.FiledOn, p.StayUntil)
		if err != nil {
			return err
		}
		if old, err = tx.DepartureDueOfFact(ctx, stay.ID); err != nil {
			return err
		}
		purpose, from = old.Purpose, stay.ValidTo.AddDays(1)
		if err := tx.ExtendDepartureDue(ctx, old.ID, c.ID); err != nil {
			return err
		}
	}
	if !p.StayUntil.IsZero() && p.StayUntil.Before(from) {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid decision", Fields: []sojourn.FieldError{{Field: "decided_on",
			Message: "the stay would begin (" + from.String() + ") after its last day (" + p.StayUntil.String() + ")"}}}
	}
	fact, err := tx.RecordFact(ctx, sojourn.StatusFact{PersonID: c.PersonID, Kind: sojourn.FactStay, Ref: "case " + itoa(c.ID),
		Label: purpose + " stay (case " + itoa(c.ID) + ")", Authority: c.Authority,
		Period: sojourn.Period{ValidFrom: from, ValidTo: p.StayUntil}, RecordedAt: tx.Now(), RecordedBy: a.Name})
	if err != nil || p.StayUntil.IsZero() {
		return err
	}
	_, err = tx.CreateDepartureDue(ctx, sojourn.DepartureDue{PersonID: c.PersonID, Authority: c.Authority, CaseID: c.ID,
		FactID: fact.ID, Purpose: purpose, DueOn: p.StayUntil}, tx.Now())
	return err
}

// stayToExtend returns the time-limited stay the person holds on the
// filing date of an extension, which must end before the new last day.
func stayToExtend(ctx context.Context, tx *store.Tx, personID int64, filedOn, until sojourn.Date) (sojourn.StatusFact, error) {
	facts, err := tx.FactsOf(ctx, personID)
	if err != nil {
		return sojourn.StatusFact{}, err
	}
	stay, ok := sojourn.StayOn(facts, filedOn, tx.Now())
	field := func(name, msg string) error {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid stay extension",
			Fields: []sojourn.FieldError{{Field: name, Message: msg}}}
	}
	switch {
	case !ok:
		return stay, field("person_id", "holds no stay on "+filedOn.String()+" to extend")
	case stay.ValidTo.IsZero():
		return stay, field("person_id", "holds an open-ended stay ("+stay.Label+"): there is no end to extend")
	case !until.After(stay.ValidTo):
		return stay, field("particulars.stay_until", "must be after the end of the stay it extends ("+stay.ValidTo.String()+")")
	}
	return stay, nil
}

// FlagOverstays flags every departure due whose last day passed before on
// (default today) and that is still open and unflagged, with one audit
// entry each, and returns those the actor's clearance covers. It is the
// maintenance round's hook (run with the System actor); running it again
// flags nothing new.
func (s *Service) FlagOverstays(ctx context.Context, on sojourn.Date) ([]sojourn.DepartureDue, error) {
	a, err := authorize(ctx, access.FlagOverstays, access.Target{})
	if err != nil {
		return nil, err
	}
	on = s.dateOr(on)
	flagged := []sojourn.DepartureDue{}
	err = s.write(ctx, func(tx *store.Tx) error {
		list, err := tx.DuesToFlag(ctx, on)
		if err != nil {
			return err
		}
		for _, d := range list {
			if ok, err := tx.FlagOverstay(ctx, d.ID, on); err != nil || !ok {
				return err
			}
			d.FlaggedOn = on
			if err := s.record(ctx, tx, a, access.FlagOverstays, objectID("departure_due", d.ID), map[string]any{"overstay_from": on}); err != nil {
				return err
			}
			if access.Sees(a, access.Target{Classification: d.Classification}) {
				flagged = append(flagged, d)
			}
		}
		return nil
	})
	return flagged, err
}

// OverstayQuery selects a page of an authority's overstays.
type OverstayQuery struct {
	Authority string
	After     int64
	Limit     int
}

// Overstays lists a page of an authority's flagged overstays that are
// still open, by id, as far as the actor's jurisdiction and clearance
// reach (selected before the limit).
func (s *Service) Overstays(ctx context.Context, q OverstayQuery) ([]sojourn.DepartureDue, error) {
	a, err := authorize(ctx, access.ReadOverstays, access.Target{Authority: q.Authority})
	if err != nil {
		return nil, err
	}
	out := []sojourn.DepartureDue{}
	err = s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.AuthorityByCode(ctx, q.Authority); err != nil {
			return err
		}
		list, err := tx.Overstays(ctx, q.Authority, visibility(a), q.After, s.limit(q.Limit))
		out = append(out, list...)
		return err
	})
	return out, err
}

// DepartureDues lists a person's departure dues, oldest first, those of
// cases the actor's clearance covers.
func (s *Service) DepartureDues(ctx context.Context, personID int64) ([]sojourn.DepartureDue, error) {
	out := []sojourn.DepartureDue{}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		a, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson)
		if err != nil {
			return err
		}
		list, err := tx.DepartureDuesOfPerson(ctx, personID)
		for _, d := range list {
			if access.Sees(a, access.Target{Classification: d.Classification}) {
				out = append(out, d)
			}
		}
		return err
	})
	return out, err
}

// RecordDeparture records that the person of a departure due left on a
// day, which discharges it (an overstay so far stops being listed).
func (s *Service) RecordDeparture(ctx context.Context, id int64, in sojourn.DepartureInput) (sojourn.DepartureDue, error) {
	if err := precheck(ctx, access.RecordDeparture, in); err != nil {
		return sojourn.DepartureDue{}, err
	}
	var out sojourn.DepartureDue
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if out, err = tx.DepartureDueByID(ctx, id, true); err != nil {
			return err
		}
		a, err := authorize(ctx, access.RecordDeparture, access.Target{Authority: out.Authority, Classification: out.Classification})
		if err != nil {
			return err
		}
		if !out.Open() {
			return sojourn.Errorf(sojourn.CodeConflict, "departure due %d is no longer open (departed on %s, extended by case %d)",
				id, out.DepartedOn, out.ExtendedBy)
		}
		if err := inOffice(ctx, tx, out.Authority, in.DepartedOn, access.RecordDeparture); err != nil {
			return err
		}
		if err := tx.RecordDeparture(ctx, id, in.DepartedOn); err != nil {
			return err
		}
		out.DepartedOn = in.DepartedOn
		return s.record(ctx, tx, a, access.RecordDeparture, objectID("departure_due", id), in)
	})
	return out, err
}

// followStay makes the open departure due of a corrected stay follow the
// correction: its last day moves with the stay's. A stay with an open due
// is not made open-ended or retracted by a correction: the departure is
// recorded, or the stay extended, instead.
func followStay(ctx context.Context, tx *store.Tx, old, corrected sojourn.StatusFact) error {
	if old.Kind != sojourn.FactStay {
		return nil
	}
	due, err := tx.DepartureDueOfFact(ctx, old.ID)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if corrected.Retracted || corrected.ValidTo.IsZero() {
		return sojourn.Errorf(sojourn.CodeConflict, "stay fact %d has departure due %d open: record the departure or extend the stay instead", old.ID, due.ID)
	}
	return tx.MoveDepartureDue(ctx, due.ID, corrected.ID, corrected.ValidTo)
}
