package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Session is a web session as stored: its user and its times.
type Session struct {
	UserID    int64
	CreatedAt time.Time
	LastSeen  time.Time
	EndedAt   *time.Time
}

// CreateSession stores a new session by the hash of its secret.
func (t *Tx) CreateSession(ctx context.Context, hash string, userID int64, now time.Time) error {
	_, err := t.exec(ctx, "INSERT INTO sessions (hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)",
		hash, userID, micros(now), micros(now))
	return err
}

// SessionByHash returns a session.
func (t *Tx) SessionByHash(ctx context.Context, hash string) (Session, error) {
	return getOne(ctx, t, "session", func(s scanner) (Session, error) {
		var ss Session
		var created, seen int64
		var ended sql.NullInt64
		err := s.Scan(&ss.UserID, &created, &seen, &ended)
		ss.CreatedAt, ss.LastSeen, ss.EndedAt = fromMicros(created), fromMicros(seen), nullMicros(ended)
		return ss, err
	}, "SELECT user_id, created_at, last_seen, ended_at FROM sessions WHERE hash = ?", hash)
}

// TouchSession records activity on a session.
func (t *Tx) TouchSession(ctx context.Context, hash string, now time.Time) error {
	_, err := t.exec(ctx, "UPDATE sessions SET last_seen = ? WHERE hash = ?", micros(now), hash)
	return err
}

// EndSession ends a session at now.
func (t *Tx) EndSession(ctx context.Context, hash string, now time.Time) error {
	_, err := t.exec(ctx, "UPDATE sessions SET ended_at = ? WHERE hash = ? AND ended_at IS NULL", micros(now), hash)
	return err
}

// CountLoginAttempt counts one attempt against key and returns the count in
// the current window, which starts anew at now when the last one began
// before since. It is one upsert that returns the new count: the row is
// locked while it changes, so concurrent attempts each see a distinct count
// and no more than the limit ever pass (PostgreSQL as well as SQLite).
func (t *Tx) CountLoginAttempt(ctx context.Context, key string, since, now time.Time) (int, error) {
	var n int
	err := t.queryRow(ctx, `INSERT INTO login_failures (key, window_start, failures) VALUES (?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN login_failures.window_start < ? THEN 1 ELSE login_failures.failures + 1 END,
			window_start = CASE WHEN login_failures.window_start < ? THEN ? ELSE login_failures.window_start END
		RETURNING failures`,
		key, micros(now), micros(since), micros(since), micros(now)).Scan(&n)
	return n, t.d.translate(err)
}

// LoginWindowStart returns when the current window of key's attempts began
// (the zero time when none are counted).
func (t *Tx) LoginWindowStart(ctx context.Context, key string) (time.Time, error) {
	var us int64
	err := t.queryRow(ctx, "SELECT window_start FROM login_failures WHERE key = ?", key).Scan(&us)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return fromMicros(us), t.d.translate(err)
}

// UncountLoginAttempt takes back one attempt counted against key (a login
// that succeeded is not a failure).
func (t *Tx) UncountLoginAttempt(ctx context.Context, key string) error {
	_, err := t.exec(ctx, "UPDATE login_failures SET failures = failures - 1 WHERE key = ? AND failures > 0", key)
	return err
}

// ClearLoginFailures forgets the failures counted for key.
func (t *Tx) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := t.exec(ctx, "DELETE FROM login_failures WHERE key = ?", key)
	return err
}
