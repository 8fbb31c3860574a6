package store

import (
	"context"
	"encoding/json"
	"time"

	"sojourn"
)

const authorityColumns = `SELECT id, code, name, kind, COALESCE(parent, ''), places, case_types, valid_from, valid_to,
	COALESCE(successor, ''), abolished_on, abolition_reason, created_at FROM authorities`

func scanAuthority(s scanner) (sojourn.Authority, error) {
	var a sojourn.Authority
	var places, caseTypes string
	var created int64
	if err := s.Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.Parent, &places, &caseTypes, &a.ValidFrom, &a.ValidTo,
		&a.Successor, &a.AbolishedOn, &a.AbolitionReason, &created); err != nil {
		return a, err
	}
	a.CreatedAt = fromMicros(created)
	if err := json.Unmarshal([]byte(caseTypes), &a.CaseTypes); err != nil {
		return a, err
	}
	return a, json.Unmarshal([]byte(places), &a.Places)
}

// CreateAuthority inserts an authority and returns it with its id.
func (t *Tx) CreateAuthority(ctx context.Context, in sojourn.AuthorityInput, now time.Time) (sojourn.Authority, error) {
	places, caseTypes := nonNil(in.Places), nonNil(in.CaseTypes)
	id, err := t.insert(ctx, `INSERT INTO authorities (code, name, kind, parent, places, case_types, valid_from, valid_to, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.Code, in.Name, in.Kind, nullString(in.Parent), jsonText(places), jsonText(caseTypes), in.ValidFrom, in.ValidTo, micros(now))
	if err != nil {
		return sojourn.Authority{}, err
	}
	return sojourn.Authority{ID: id, Code: in.Code, Name: in.Name, Kind: in.Kind, Parent: in.Parent,
		Places: places, CaseTypes: caseTypes, Period: sojourn.Period{ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}, CreatedAt: fromMicros(micros(now))}, nil
}

// AuthorityByCode returns the authority with the code.
func (t *Tx) AuthorityByCode(ctx context.Context, code string) (sojourn.Authority, error) {
	return getOne(ctx, t, "authority "+code, scanAuthority, authorityColumns+" WHERE code = ?", code)
}

// ListAuthorities returns every authority ordered by code.
func (t *Tx) ListAuthorities(ctx context.Context) ([]sojourn.Authority, error) {
	return getAll(ctx, t, scanAuthority, authorityColumns+" ORDER BY code")
}
