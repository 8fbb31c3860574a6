package store

import (
	"context"
	"time"

	"sojourn"
)

// CreateRegistration takes the next number of the office's registration
// series and inserts the registration (its validity is the caller's
// ledger fact).
func (t *Tx) CreateRegistration(ctx context.Context, r sojourn.Registration, now time.Time) (sojourn.Registration, error) {
	n, err := t.nextInSeries(ctx, r.Office, "registration")
	if err != nil {
		return r, err
	}
	r.Number = sojourn.RegistrationNumber(n)
	r.RecordedAt = fromMicros(micros(now))
	r.ID, err = t.insert(ctx, `INSERT INTO registrations (person_id, office, number, city, category, recorded_at, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.PersonID, r.Office, r.Number, r.City, r.Category, micros(now), r.RecordedBy)
	return r, err
}

// Registered is what a registration row adds to its ledger fact.
type Registered struct {
	City, Category string
}

// RegistrationsOfPersons returns the registrations of several persons, by
// office and number (the ref of their ledger facts).
func (t *Tx) RegistrationsOfPersons(ctx context.Context, ids []int64) (map[[2]string]Registered, error) {
	out := map[[2]string]Registered{}
	if len(ids) == 0 {
		return out, nil
	}
	type row struct {
		office, number string
		r              Registered
	}
	rows, err := getAll(ctx, t, func(s scanner) (row, error) {
		var r row
		err := s.Scan(&r.office, &r.number, &r.r.City, &r.r.Category)
		return r, err
	}, "SELECT office, number, city, category FROM registrations WHERE person_id IN ("+placeholders(len(ids))+")", anys(ids)...)
	for _, r := range rows {
		out[[2]string{r.office, r.number}] = r.r
	}
	return out, err
}

// FactsOfPersons returns every record of the facts of several persons,
// superseded ones too, by person id.
func (t *Tx) FactsOfPersons(ctx context.Context, ids []int64) (map[int64][]sojourn.StatusFact, error) {
	return t.factsOfPersons(ctx, "", ids)
}

// factsOfPersons returns the facts of several persons that cond (" AND …"
// or "") selects, by person id.
func (t *Tx) factsOfPersons(ctx context.Context, cond string, ids []int64) (map[int64][]sojourn.StatusFact, error) {
	out := make(map[int64][]sojourn.StatusFact, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	facts, err := getAll(ctx, t, scanFact, factColumns+" WHERE person_id IN ("+placeholders(len(ids))+")"+cond+" ORDER BY id", anys(ids)...)
	for _, f := range facts {
		out[f.PersonID] = append(out[f.PersonID], f)
	}
	return out, err
}
