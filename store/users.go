package store

import (
	"context"
	"database/sql"
	"time"

	"sojourn"
)

const userColumns = "SELECT u.id, u.name, u.role, COALESCE(u.authority, ''), u.clearance, u.disabled, u.created_at FROM users u"

func scanUser(s scanner) (sojourn.User, error) {
	var u sojourn.User
	var created int64
	err := s.Scan(&u.ID, &u.Name, &u.Role, &u.Authority, &u.Clearance, &u.Disabled, &created)
	u.CreatedAt = fromMicros(created)
	return u, err
}

// CreateUser inserts a user (without password or token).
func (t *Tx) CreateUser(ctx context.Context, in sojourn.UserInput, now time.Time) (sojourn.User, error) {
	id, err := t.insert(ctx, `INSERT INTO users (name, role, authority, clearance, disabled, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, in.Name, in.Role, nullString(in.Authority), in.Clearance, false, micros(now))
	return sojourn.User{ID: id, Name: in.Name, Role: in.Role, Authority: in.Authority, Clearance: in.Clearance,
		CreatedAt: fromMicros(micros(now))}, err
}

// UserByName returns the user with the name.
func (t *Tx) UserByName(ctx context.Context, name string) (sojourn.User, error) {
	return getOne(ctx, t, "user "+name, scanUser, userColumns+" WHERE u.name = ?", name)
}

// UserByID returns the user with the id.
func (t *Tx) UserByID(ctx context.Context, id int64) (sojourn.User, error) {
	return getOne(ctx, t, "user", scanUser, userColumns+" WHERE u.id = ?", id)
}

// PasswordHash returns a user's encoded password hash ("" if none is set).
func (t *Tx) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	err := t.queryRow(ctx, "SELECT password_hash FROM users WHERE id = ?", userID).Scan(&h)
	return h, t.d.translate(err)
}

// SetPassword stores a user's encoded password hash.
func (t *Tx) SetPassword(ctx context.Context, userID int64, hash string) error {
	_, err := t.update(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", hash, userID)
	return err
}

// DisableUser disables a user and ends their sessions and tokens at now.
func (t *Tx) DisableUser(ctx context.Context, userID int64, now time.Time) error {
	if _, err := t.update(ctx, "UPDATE users SET disabled = ? WHERE id = ?", true, userID); err != nil {
		return err
	}
	if err := t.EndSessionsOf(ctx, userID, now); err != nil {
		return err
	}
	_, err := t.update(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", micros(now), userID)
	return err
}

// EndSessionsOf ends every open session of a user at now.
func (t *Tx) EndSessionsOf(ctx context.Context, userID int64, now time.Time) error {
	_, err := t.exec(ctx, "UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL", micros(now), userID)
	return err
}

// CountUsers returns how many users there are.
func (t *Tx) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, t.d.translate(err)
}

const tokenColumns = `SELECT k.id, u.name, k.name, k.scope, k.created_at, k.expires_at, k.revoked_at
	FROM api_tokens k JOIN users u ON u.id = k.user_id`

func scanToken(s scanner) (sojourn.Token, error) {
	var k sojourn.Token
	var created int64
	var expires, revoked sql.NullInt64
	err := s.Scan(&k.ID, &k.User, &k.Name, &k.Scope, &created, &expires, &revoked)
	k.CreatedAt, k.ExpiresAt, k.RevokedAt = fromMicros(created), nullMicros(expires), nullMicros(revoked)
	return k, err
}

// CreateToken stores a token of a user by the hash of its secret.
func (t *Tx) CreateToken(ctx context.Context, user sojourn.User, k sojourn.Token, hash string) (sojourn.Token, error) {
	var expires any
	if k.ExpiresAt != nil {
		expires = micros(*k.ExpiresAt)
	}
	var err error
	k.ID, err = t.insert(ctx, `INSERT INTO api_tokens (user_id, name, hash, scope, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, user.ID, k.Name, hash, k.Scope, micros(k.CreatedAt), expires)
	k.User = user.Name
	return k, err
}

// TokenByHash returns the token with the hash and its user.
func (t *Tx) TokenByHash(ctx context.Context, hash string) (sojourn.Token, sojourn.User, error) {
	k, err := getOne(ctx, t, "token", scanToken, tokenColumns+" WHERE k.hash = ?", hash)
	if err != nil {
		return k, sojourn.User{}, err
	}
	u, err := t.UserByName(ctx, k.User)
	return k, u, err
}

// TokenByID returns one token.
func (t *Tx) TokenByID(ctx context.Context, id int64) (sojourn.Token, error) {
	return getOne(ctx, t, "token", scanToken, tokenColumns+" WHERE k.id = ?", id)
}

// TokensOf lists a user's tokens, newest first.
func (t *Tx) TokensOf(ctx context.Context, userID int64) ([]sojourn.Token, error) {
	return getAll(ctx, t, scanToken, tokenColumns+" WHERE k.user_id = ? ORDER BY k.id DESC", userID)
}

// RevokeToken revokes a token at now; revoking twice is a conflict.
func (t *Tx) RevokeToken(ctx context.Context, id int64, now time.Time) error {
	n, err := t.update(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", micros(now), id)
	if err != nil {
		return err
	}
	if n != 1 {
		return sojourn.Errorf(sojourn.CodeConflict, "token %d is already revoked", id)
	}
	return nil
}
