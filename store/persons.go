package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"sojourn"
)

const personColumns = "SELECT id, authority, names, birth_date, country, created_at, recorded_at, reason FROM persons"

func scanPerson(s scanner) (sojourn.Person, error) {
	var p sojourn.Person
	var names string
	var created, recorded int64
	if err := s.Scan(&p.ID, &p.Authority, &names, &p.BirthDate, &p.CountryOfOrigin, &created, &recorded, &p.Reason); err != nil {
		return p, err
	}
	p.CreatedAt, p.RecordedAt = fromMicros(created), fromMicros(recorded)
	return p, json.Unmarshal([]byte(names), &p.Names)
}

// CreatePerson inserts a person, with the blocking keys of their names,
// and returns it with its id.
func (t *Tx) CreatePerson(ctx context.Context, in sojourn.PersonInput, now time.Time) (sojourn.Person, error) {
	id, err := t.insert(ctx, `INSERT INTO persons (authority, names, birth_date, country, created_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
		in.Authority, jsonText(in.Names), in.BirthDate, in.CountryOfOrigin, micros(now), micros(now))
	at := fromMicros(micros(now))
	p := sojourn.Person{ID: id, Authority: in.Authority, Names: in.Names, BirthDate: in.BirthDate,
		CountryOfOrigin: in.CountryOfOrigin, CreatedAt: at, RecordedAt: at}
	if err != nil {
		return p, err
	}
	return p, t.keepMatchKeys(ctx, p, nil)
}

// PersonByID returns the person with the id, as known now.
func (t *Tx) PersonByID(ctx context.Context, id int64) (sojourn.Person, error) {
	return getOne(ctx, t, "person", scanPerson, personColumns+" WHERE id = ?", id)
}

// PersonAsKnownAt returns the version of a person's file the system held at
// record time at; not found if the person was not yet registered then.
func (t *Tx) PersonAsKnownAt(ctx context.Context, id int64, at time.Time) (sojourn.Person, error) {
	p, err := t.PersonByID(ctx, id)
	if err != nil || !p.RecordedAt.After(at) {
		return p, err
	}
	if p.CreatedAt.After(at) {
		return p, sojourn.Errorf(sojourn.CodeNotFound, "person not found")
	}
	var names string
	var recorded int64
	err = t.queryRow(ctx, `SELECT names, birth_date, country, reason, recorded_at FROM person_history
		WHERE person_id = ? AND recorded_at <= ? AND superseded_at > ?`, id, micros(at), micros(at)).
		Scan(&names, &p.BirthDate, &p.CountryOfOrigin, &p.Reason, &recorded)
	if err != nil {
		return p, t.d.translate(err)
	}
	p.RecordedAt = fromMicros(recorded)
	return p, json.Unmarshal([]byte(names), &p.Names)
}

// CorrectPerson records p as the person's new version at now, moving the
// version it replaces (old) to the history, superseded at now, and writes
// the blocking keys of the new version.
func (t *Tx) CorrectPerson(ctx context.Context, old, p sojourn.Person, now time.Time) (sojourn.Person, error) {
	if _, err := t.insert(ctx, `INSERT INTO person_history (person_id, names, birth_date, country, reason, recorded_at, superseded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, old.ID, jsonText(old.Names), old.BirthDate, old.CountryOfOrigin, old.Reason,
		micros(old.RecordedAt), micros(now)); err != nil {
		return p, err
	}
	if _, err := t.update(ctx, `UPDATE persons SET names = ?, birth_date = ?, country = ?, reason = ?, recorded_at = ? WHERE id = ?`,
		jsonText(p.Names), p.BirthDate, p.CountryOfOrigin, p.Reason, micros(now), p.ID); err != nil {
		return p, err
	}
	p.RecordedAt = fromMicros(micros(now))
	return p, t.keepMatchKeys(ctx, p, &old)
}

// personsPage selects a page of the persons kept by an authority ("" for
// all) after an id, by id.
const personsPage = " WHERE (? = '' OR authority = ?) AND id > ? ORDER BY id LIMIT ?"

// ListPersons returns the persons kept by an authority ("" for all), by id,
// at most limit of them after the id after.
func (t *Tx) ListPersons(ctx context.Context, authority string, after int64, limit int) ([]sojourn.Person, error) {
	return getAll(ctx, t, scanPerson, personColumns+personsPage, authority, authority, after, limit)
}

// CohortPersons returns a page of the persons kept by an authority ("" for
// all) after the id after, by id, with what a cohort rule reads of them:
// id, authority, birth date and country of origin (not their names, which
// ListPersons decodes for every row).
func (t *Tx) CohortPersons(ctx context.Context, authority string, after int64, limit int) ([]sojourn.Person, error) {
	return getAll(ctx, t, func(s scanner) (sojourn.Person, error) {
		var p sojourn.Person
		return p, s.Scan(&p.ID, &p.Authority, &p.BirthDate, &p.CountryOfOrigin)
	}, "SELECT id, authority, birth_date, country FROM persons"+personsPage, authority, authority, after, limit)
}

// displayName returns the name a person is shown by, from the JSON of
// their names as stored.
func displayName(names string) (string, error) {
	var p sojourn.Person
	err := json.Unmarshal([]byte(names), &p.Names)
	return p.DisplayName(), err
}

// PersonFilter selects persons for a search: kept by Authority ("" for
// all), holding a document with the number Document or a permit with the
// number Permit ("" for any), after the id After, at most Limit.
type PersonFilter struct {
	Authority, Document, Permit string
	After                       int64
	Limit                       int
}

func (f PersonFilter) where() (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString(" WHERE id > ?")
	args = append(args, f.After)
	if f.Authority != "" {
		b.WriteString(" AND authority = ?")
		args = append(args, f.Authority)
	}
	if f.Document != "" {
		b.WriteString(" AND id IN (SELECT person_id FROM documents WHERE number = ?)")
		args = append(args, f.Document)
	}
	if f.Permit != "" {
		b.WriteString(" AND id IN (SELECT person_id FROM permits WHERE number = ?)")
		args = append(args, f.Permit)
	}
	return b.String(), args
}

// FindPersons returns the persons f selects, by id.
func (t *Tx) FindPersons(ctx context.Context, f PersonFilter) ([]sojourn.Person, error) {
	where, args := f.where()
	return getAll(ctx, t, scanPerson, personColumns+where+" ORDER BY id LIMIT ?", append(args, f.Limit)...)
}

// CountFoundPersons counts the persons f selects, whatever its After and Limit.
func (t *Tx) CountFoundPersons(ctx context.Context, f PersonFilter) (int64, error) {
	f.After = 0
	where, args := f.where()
	var n int64
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM persons"+where, args...).Scan(&n)
	return n, t.d.translate(err)
}
