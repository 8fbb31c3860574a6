package store

import (
	"context"
	"encoding/json"
	"time"

	"sojourn"
)

const authorityColumns = "SELECT id, code, name, kind, COALESCE(parent, ''), places, valid_from, valid_to, created_at FROM authorities"

func scanAuthority(s scanner) (sojourn.Authority, error) {
	var a sojourn.Authority
	var places string
	var created int64
	if err := s.Scan(&a.ID, &a.Code, &a.Name, &a.Kind, &a.Parent, &places, &a.ValidFrom, &a.ValidTo, &created); err != nil {
		return a, err
	}
	a.CreatedAt = fromMicros(created)
	return a, json.Unmarshal([]byte(places), &a.Places)
}

// CreateAuthority inserts an authority and returns it with its id.
func (t *Tx) CreateAuthority(ctx context.Context, in sojourn.AuthorityInput, now time.Time) (sojourn.Authority, error) {
	places := in.Places
	if places == nil {
		places = []string{}
	}
	id, err := t.insert(ctx, `INSERT INTO authorities (code, name, kind, parent, places, valid_from, valid_to, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		in.Code, in.Name, in.Kind, nullString(in.Parent), jsonText(places), in.ValidFrom, in.ValidTo, micros(now))
	if err != nil {
		return sojourn.Authority{}, err
	}
	return sojourn.Authority{ID: id, Code: in.Code, Name: in.Name, Kind: in.Kind, Parent: in.Parent,
		Places: places, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, CreatedAt: fromMicros(micros(now))}, nil
}

// AuthorityByCode returns the authority with the code.
func (t *Tx) AuthorityByCode(ctx context.Context, code string) (sojourn.Authority, error) {
	return getOne(ctx, t, "authority "+code, scanAuthority, authorityColumns+" WHERE code = ?", code)
}

// ListAuthorities returns every authority ordered by code.
func (t *Tx) ListAuthorities(ctx context.Context) ([]sojourn.Authority, error) {
	return getAll(ctx, t, scanAuthority, authorityColumns+" ORDER BY code")
}
