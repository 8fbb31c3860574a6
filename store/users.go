package store

import (
	"context"
	"time"

	"sojourn"
)

const userColumns = "SELECT id, name, role, COALESCE(authority, ''), clearance, disabled, created_at FROM users"

func scanUser(s scanner) (sojourn.User, error) {
	var u sojourn.User
	var created int64
	err := s.Scan(&u.ID, &u.Name, &u.Role, &u.Authority, &u.Clearance, &u.Disabled, &created)
	u.CreatedAt = fromMicros(created)
	return u, err
}

// CreateUser inserts a user holding a token with the given hash.
func (t *Tx) CreateUser(ctx context.Context, in sojourn.UserInput, tokenHash string, now time.Time) (sojourn.User, error) {
	id, err := t.insert(ctx, `INSERT INTO users (name, role, authority, clearance, disabled, token_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, in.Name, in.Role, nullString(in.Authority), in.Clearance, false, tokenHash, micros(now))
	return sojourn.User{ID: id, Name: in.Name, Role: in.Role, Authority: in.Authority, Clearance: in.Clearance,
		CreatedAt: fromMicros(micros(now))}, err
}

// UserByTokenHash returns the enabled user holding the token with the hash.
func (t *Tx) UserByTokenHash(ctx context.Context, hash string) (sojourn.User, error) {
	return getOne(ctx, t, "token", scanUser, userColumns+" WHERE token_hash = ? AND disabled = ?", hash, false)
}

// UserByName returns the user with the name.
func (t *Tx) UserByName(ctx context.Context, name string) (sojourn.User, error) {
	return getOne(ctx, t, "user "+name, scanUser, userColumns+" WHERE name = ?", name)
}

// CountUsers returns how many users there are.
func (t *Tx) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, t.d.translate(err)
}
