package service

import (
	"context"
	"slices"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Register registers a person with the local office of a city, in a
// category, for a period: a registration row (city, category, number from
// the office's series) and its ledger fact (the validity). A registration
// of the person still valid on the new one's first day (a re-registration,
// or a move from another city) ends the day before, by a correction that
// keeps the earlier record in the ledger.
func (s *Service) Register(ctx context.Context, personID int64, in sojourn.RegistrationInput) (sojourn.Registration, error) {
	if err := precheck(ctx, access.RegisterResident, in); err != nil {
		return sojourn.Registration{}, err
	}
	var out sojourn.Registration
	err := s.write(ctx, func(tx *store.Tx) error {
		a, _, err := visiblePerson(ctx, tx, personID, access.RegisterResident)
		if err != nil {
			return err
		}
		auths, err := tx.ListAuthorities(ctx)
		if err != nil {
			return err
		}
		office, ok := placeAuthority(auths, sojourn.KindOffice, in.City, in.ValidFrom)
		if !ok {
			return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid registration",
				Fields: []sojourn.FieldError{{Field: "city", Message: "no local office covers " + in.City + " on " + in.ValidFrom.String()}}}
		}
		if err := s.endRegistrations(ctx, tx, a, personID, in); err != nil {
			return err
		}
		out, err = tx.CreateRegistration(ctx, sojourn.Registration{PersonID: personID, Office: office, City: in.City,
			Category: in.Category, Period: in.Period, RecordedBy: a.Name}, tx.Now())
		if err != nil {
			return err
		}
		fact, err := tx.RecordFact(ctx, sojourn.StatusFact{PersonID: personID, Kind: sojourn.FactRegistration, Ref: out.Number,
			Label: "registered (" + in.Category + ") in " + in.City + " with " + office, Authority: office, Period: in.Period,
			RecordedAt: tx.Now(), RecordedBy: a.Name})
		if err != nil {
			return err
		}
		out.FactID, out.Period = fact.ID, in.Period
		return s.record(ctx, tx, a, access.RegisterResident, objectID("person", personID), out)
	})
	return out, err
}

// endRegistrations ends, the day before in.ValidFrom, every current
// registration of the person still valid then. One that begins on or after
// that day is not ended but refused: it is corrected, not replaced.
func (s *Service) endRegistrations(ctx context.Context, tx *store.Tx, a sojourn.Actor, personID int64, in sojourn.RegistrationInput) error {
	facts, err := tx.FactsOf(ctx, personID)
	if err != nil {
		return err
	}
	for _, f := range sojourn.KnownFacts(facts, tx.Now()) {
		if f.Kind != sojourn.FactRegistration || (!f.ValidTo.IsZero() && f.ValidTo.Before(in.ValidFrom)) {
			continue
		}
		if !f.ValidFrom.Before(in.ValidFrom) {
			return sojourn.Errorf(sojourn.CodeConflict, "registration %s already holds from %s; correct its fact %d instead",
				f.Ref, f.ValidFrom, f.ID)
		}
		old, err := tx.FactByID(ctx, f.ID)
		if err != nil {
			return err
		}
		ended := sojourn.CorrectionInput{ValidTo: in.ValidFrom.AddDays(-1),
			Reason: "registered again from " + in.ValidFrom.String() + " (" + in.Category + ", " + in.City + ")"}.Apply(old)
		ended.RecordedAt, ended.RecordedBy = tx.Now(), a.Name
		if _, err := supersede(ctx, tx, old, ended); err != nil {
			return err
		}
	}
	return nil
}

// placeAuthority returns the code of the authority of a kind that covers
// a place and can act on d (exists, not abolished), if there is one.
func placeAuthority(auths []sojourn.Authority, kind, place string, d sojourn.Date) (string, bool) {
	for _, a := range auths {
		if a.Kind == kind && a.ActiveOn(d) && !a.AbolishedBy(d) && slices.Contains(a.Places, place) {
			return a.Code, true
		}
	}
	return "", false
}
