package store

import (
	"context"
	"encoding/json"
	"time"

	"sojourn"
)

const personColumns = "SELECT id, authority, names, birth_date, country, created_at FROM persons"

func scanPerson(s scanner) (sojourn.Person, error) {
	var p sojourn.Person
	var names string
	var created int64
	if err := s.Scan(&p.ID, &p.Authority, &names, &p.BirthDate, &p.CountryOfOrigin, &created); err != nil {
		return p, err
	}
	p.CreatedAt = fromMicros(created)
	return p, json.Unmarshal([]byte(names), &p.Names)
}

// CreatePerson inserts a person and returns it with its id.
func (t *Tx) CreatePerson(ctx context.Context, in sojourn.PersonInput, now time.Time) (sojourn.Person, error) {
	id, err := t.insert(ctx, `INSERT INTO persons (authority, names, birth_date, country, created_at) VALUES (?, ?, ?, ?, ?)`,
		in.Authority, jsonText(in.Names), in.BirthDate, in.CountryOfOrigin, micros(now))
	return sojourn.Person{ID: id, Authority: in.Authority, Names: in.Names, BirthDate: in.BirthDate,
		CountryOfOrigin: in.CountryOfOrigin, CreatedAt: fromMicros(micros(now))}, err
}

// PersonByID returns the person with the id.
func (t *Tx) PersonByID(ctx context.Context, id int64) (sojourn.Person, error) {
	return getOne(ctx, t, "person", scanPerson, personColumns+" WHERE id = ?", id)
}

// ListPersons returns the persons kept by an authority ("" for all), by id,
// at most limit of them after the id after.
func (t *Tx) ListPersons(ctx context.Context, authority string, after int64, limit int) ([]sojourn.Person, error) {
	return getAll(ctx, t, scanPerson, personColumns+" WHERE (? = '' OR authority = ?) AND id > ? ORDER BY id LIMIT ?",
		authority, authority, after, limit)
}

const documentColumns = "SELECT id, person_id, kind, number, issuing_state, valid_from, valid_to FROM documents"

func scanDocument(s scanner) (sojourn.Document, error) {
	var d sojourn.Document
	err := s.Scan(&d.ID, &d.PersonID, &d.Kind, &d.Number, &d.IssuingState, &d.ValidFrom, &d.ValidTo)
	return d, err
}

// CreateDocument inserts a document of a person.
func (t *Tx) CreateDocument(ctx context.Context, personID int64, in sojourn.DocumentInput, now time.Time) (sojourn.Document, error) {
	id, err := t.insert(ctx, `INSERT INTO documents (person_id, kind, number, issuing_state, valid_from, valid_to, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		personID, in.Kind, in.Number, in.IssuingState, in.ValidFrom, in.ValidTo, micros(now))
	return sojourn.Document{ID: id, PersonID: personID, Kind: in.Kind, Number: in.Number,
		IssuingState: in.IssuingState, Period: sojourn.Period{ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}}, err
}

// DocumentsOf returns a person's documents.
func (t *Tx) DocumentsOf(ctx context.Context, personID int64) ([]sojourn.Document, error) {
	return getAll(ctx, t, scanDocument, documentColumns+" WHERE person_id = ? ORDER BY id", personID)
}
