package service

import (
	"context"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// StatusOn answers a person's legal status on a date as the system knew it
// at knownAt (the zero time means now).
func (s *Service) StatusOn(ctx context.Context, personID int64, on sojourn.Date, knownAt time.Time) (sojourn.Status, error) {
	if knownAt.IsZero() {
		knownAt = s.now()
	}
	on = s.dateOr(on)
	var out sojourn.Status
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return err
		}
		facts, err := tx.FactsOf(ctx, personID)
		out = sojourn.StatusOn(personID, facts, on, knownAt.UTC())
		return err
	})
	return out, err
}

// Facts returns every record of a person's status facts, superseded ones
// included: the whole bitemporal history.
func (s *Service) Facts(ctx context.Context, personID int64) ([]sojourn.StatusFact, error) {
	var out []sojourn.StatusFact
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return err
		}
		var err error
		out, err = tx.FactsOf(ctx, personID)
		return err
	})
	return out, err
}

// CorrectFact records a correction of a status fact: a new record that
// supersedes the old one, which stays in the history.
func (s *Service) CorrectFact(ctx context.Context, personID, factID int64, in sojourn.CorrectionInput) (sojourn.StatusFact, error) {
	if err := precheck(ctx, access.CorrectFact, in); err != nil {
		return sojourn.StatusFact{}, err
	}
	var out sojourn.StatusFact
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		a, _, err := visiblePerson(ctx, tx, personID, access.CorrectFact)
		if err != nil {
			return err
		}
		old, err := tx.FactByID(ctx, factID)
		if err != nil || old.PersonID != personID {
			return sojourn.Errorf(sojourn.CodeNotFound, "status fact not found")
		}
		corrected := in.Apply(old)
		if !corrected.ValidTo.IsZero() && corrected.ValidTo.Before(corrected.ValidFrom) {
			return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid correction",
				Fields: []sojourn.FieldError{{Field: "valid_to", Message: "would end before the fact begins (" + corrected.ValidFrom.String() + ")"}}}
		}
		now := s.now()
		if err := tx.SupersedeFact(ctx, factID, now); err != nil {
			return err
		}
		corrected.RecordedAt, corrected.RecordedBy = now, a.Name
		if out, err = tx.RecordFact(ctx, corrected); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.CorrectFact, objectID("person", personID), out)
	})
	return out, err
}

// Lapses is the lapse list of an authority on a date.
type Lapses struct {
	On            sojourn.Date    `json:"on"`
	Days          int             `json:"days"`
	Authority     string          `json:"authority,omitempty"`
	Lapsing       []sojourn.Lapse `json:"lapsing" doc:"persons whose every permit and document ends within the window"`
	NoLegalStatus []sojourn.Lapse `json:"no_legal_status" doc:"persons with no valid permit or document on the date"`
}

// LapseList lists, for an authority ("" for every authority the actor sees),
// everyone whose only valid permits or documents end within days days of on,
// and everyone without legal status on on.
func (s *Service) LapseList(ctx context.Context, authority string, on sojourn.Date, days int) (Lapses, error) {
	a, err := authorize(ctx, access.ReadLapses, access.Target{Authority: authority})
	if err != nil {
		return Lapses{}, err
	}
	if authority == "" {
		authority = access.Scope(a)
	}
	on = s.dateOr(on)
	out := Lapses{On: on, Days: days, Authority: authority}
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		if out.Lapsing, err = tx.Lapsing(ctx, authority, on, days); err != nil {
			return err
		}
		out.NoLegalStatus, err = tx.WithoutStatus(ctx, authority, on)
		return err
	})
	return out, err
}
