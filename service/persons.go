package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// PersonFile is a person with their documents.
type PersonFile struct {
	sojourn.Person
	Documents []sojourn.Document `json:"documents"`
}

// RegisterPerson opens a person's file at an authority.
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
		out, err = tx.CreatePerson(ctx, in, tx.Now())
		if err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RegisterPerson, objectID("person", out.ID), in)
	})
	return out, err
}

// visiblePerson loads a person and checks the actor may take act on them.
func visiblePerson(ctx context.Context, tx *store.Tx, id int64, act access.Action) (sojourn.Actor, sojourn.Person, error) {
	p, err := tx.PersonByID(ctx, id)
	if err != nil {
		return sojourn.Actor{}, p, err
	}
	a, err := authorize(ctx, act, access.Target{Authority: p.Authority})
	return a, p, err
}

// Person returns a person's file.
func (s *Service) Person(ctx context.Context, id int64) (PersonFile, error) {
	var out PersonFile
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if _, out.Person, err = visiblePerson(ctx, tx, id, access.ReadPerson); err != nil {
			return err
		}
		out.Documents, err = tx.DocumentsOf(ctx, id)
		return err
	})
	return out, err
}

// Persons lists the persons in the actor's jurisdiction, by id after after.
func (s *Service) Persons(ctx context.Context, after int64, limit int) ([]sojourn.Person, error) {
	a, err := authorize(ctx, access.ReadPerson, access.Target{})
	if err != nil {
		return nil, err
	}
	var out []sojourn.Person
	err = s.store.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListPersons(ctx, access.Scope(a), after, s.limit(limit))
		return err
	})
	return out, err
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
		_, err = tx.RecordFact(ctx, sojourn.StatusFact{PersonID: personID, Kind: sojourn.FactDocument,
			Ref: in.Number, Label: in.Kind + " " + in.IssuingState + " " + in.Number, Authority: p.Authority,
			Period: sojourn.Period{ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}, RecordedAt: tx.Now(), RecordedBy: a.Name})
		if err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RecordDocument, objectID("person", personID), out)
	})
	return out, err
}
