package service

import (
	"context"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// PersonFile is a person with their documents, as known at a record time
// (KnownAt, when one was asked for): the version of the file held then, and
// each document's validity as the status ledger said then.
type PersonFile struct {
	sojourn.Person
	KnownAt   time.Time          `json:"known_at,omitzero" doc:"the record time asked for, if any"`
	Documents []sojourn.Document `json:"documents"`
	// MergedInto names the person this one is merged into now.
	MergedInto int64 `json:"merged_into,omitempty" doc:"the person this one is merged into now (whatever known_at asks): their file holds this person's cases, documents and current facts; absent when not merged"`
}

// RegisterPerson opens a person's file at an authority, unless persons
// the actor sees are likely the same (a DuplicateError lists them) and the
// clerk did not confirm a new person.
func (s *Service) RegisterPerson(ctx context.Context, in sojourn.PersonInput) (sojourn.Person, error) {
	a, err := authorize(ctx, access.RegisterPerson, access.Target{Authority: in.Authority})
	if err != nil {
		return sojourn.Person{}, err
	}
	if err := in.Validate(); err != nil {
		return sojourn.Person{}, err
	}
	var out sojourn.Person
	err = s.write(ctx, func(tx *store.Tx) error {
		if err := notInFuture("person", "birth_date", in.BirthDate, sojourn.DateOf(tx.Now())); err != nil {
			return err
		}
		if _, err := tx.AuthorityByCode(ctx, in.Authority); err != nil {
			return fieldNotFound("authority", err)
		}
		if err := inOffice(ctx, tx, in.Authority, sojourn.DateOf(tx.Now()), access.RegisterPerson); err != nil {
			return err
		}
		if err := guardDuplicate(ctx, tx, a, in); err != nil {
			return err
		}
		out, err = tx.CreatePerson(ctx, in, tx.Now())
		if err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RegisterPerson, objectID("person", out.ID), in)
	})
	return out, err
}

// visiblePerson loads a person and checks the actor may take act on them;
// a change to a person merged into another is refused, naming the
// survivor.
func visiblePerson(ctx context.Context, tx *store.Tx, id int64, act access.Action) (sojourn.Actor, sojourn.Person, error) {
	p, err := tx.PersonByID(ctx, id)
	if err != nil {
		return sojourn.Actor{}, p, err
	}
	a, err := authorize(ctx, act, access.Target{Authority: p.Authority})
	if err != nil || access.Reads(act) {
		return a, p, err
	}
	return a, p, notMerged(ctx, tx, id)
}

// Person returns a person's file as the system knew it at knownAt (the zero
// time means now).
func (s *Service) Person(ctx context.Context, id int64, knownAt time.Time) (PersonFile, error) {
	out := PersonFile{KnownAt: knownAt.UTC()}
	if knownAt.IsZero() {
		knownAt = s.now()
	}
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if _, _, err = visiblePerson(ctx, tx, id, access.ReadPerson); err != nil {
			return err
		}
		if out.Person, err = tx.PersonAsKnownAt(ctx, id, knownAt); err != nil {
			return err
		}
		if out.MergedInto, err = mergedInto(ctx, tx, id); err != nil {
			return err
		}
		out.Documents, err = documentsAsKnown(ctx, tx, id, knownAt)
		return err
	})
	return out, err
}

// documentsAsKnown returns a person's documents as known at a record time,
// each with the validity the ledger gave it then.
func documentsAsKnown(ctx context.Context, tx *store.Tx, personID int64, at time.Time) ([]sojourn.Document, error) {
	docs, err := tx.DocumentsAsKnownAt(ctx, personID, at)
	if err != nil {
		return nil, err
	}
	facts, err := tx.FactsOf(ctx, personID)
	return sojourn.DocumentsAsKnown(docs, facts, at), err
}

// AddDocument records a person's document and its validity in the ledger.
func (s *Service) AddDocument(ctx context.Context, personID int64, in sojourn.DocumentInput) (sojourn.Document, error) {
	if err := precheck(ctx, access.RecordDocument, in); err != nil {
		return sojourn.Document{}, err
	}
	var out sojourn.Document
	err := s.write(ctx, func(tx *store.Tx) error {
		a, p, err := visiblePerson(ctx, tx, personID, access.RecordDocument)
		if err != nil {
			return err
		}
		if err := inOffice(ctx, tx, p.Authority, sojourn.DateOf(tx.Now()), access.RecordDocument); err != nil {
			return err
		}
		if out, err = tx.CreateDocument(ctx, personID, in, tx.Now()); err != nil {
			return err
		}
		if _, err = tx.RecordFact(ctx, out.Fact(p.Authority, a.Name, tx.Now())); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RecordDocument, objectID("person", personID), out)
	})
	return out, err
}
