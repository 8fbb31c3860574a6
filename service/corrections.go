package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// CorrectPerson records a reasoned correction of a person's names, birth
// date or country of origin: a new version of the file; the version it
// replaces stays readable as known at its time.
func (s *Service) CorrectPerson(ctx context.Context, personID int64, in sojourn.PersonCorrection) (sojourn.Person, error) {
	if err := precheck(ctx, access.CorrectFact, in); err != nil {
		return sojourn.Person{}, err
	}
	var out sojourn.Person
	err := s.write(ctx, func(tx *store.Tx) error {
		a, old, err := visiblePerson(ctx, tx, personID, access.CorrectFact)
		if err != nil {
			return err
		}
		if err := notInFuture("correction", "birth_date", in.BirthDate, sojourn.DateOf(tx.Now())); err != nil {
			return err
		}
		if out, err = tx.CorrectPerson(ctx, old, in.Apply(old), tx.Now()); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.CorrectFact, objectID("person", personID), out)
	})
	return out, err
}

// CorrectDocument records a reasoned correction of a person's document: a
// new version of the document and, when its validity or label changes, a
// correction of its fact in the status ledger, in one change.
func (s *Service) CorrectDocument(ctx context.Context, personID, documentID int64, in sojourn.DocumentCorrection) (sojourn.Document, error) {
	if err := precheck(ctx, access.CorrectFact, in); err != nil {
		return sojourn.Document{}, err
	}
	var out sojourn.Document
	err := s.write(ctx, func(tx *store.Tx) error {
		a, _, err := visiblePerson(ctx, tx, personID, access.CorrectFact)
		if err != nil {
			return err
		}
		old, err := tx.DocumentByID(ctx, documentID)
		if err != nil || old.PersonID != personID {
			return sojourn.Errorf(sojourn.CodeNotFound, "document not found")
		}
		fact, err := tx.DocumentFact(ctx, documentID)
		if err != nil {
			return err
		}
		old.Period, old.Retracted = fact.Period, fact.Retracted
		corrected, refact := in.Apply(old)
		if refact {
			f := corrected.Fact(fact.Authority, a.Name, tx.Now())
			f.Supersedes, f.Reason, f.Retracted = fact.ID, in.Reason, fact.Retracted
			if _, err := supersede(ctx, tx, fact, f); err != nil {
				return err
			}
		}
		if out, err = tx.CorrectDocument(ctx, old, corrected, tx.Now()); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.CorrectFact, objectID("document", documentID), out)
	})
	return out, err
}
