package service

import (
	"context"

	"sojourn"
	"sojourn/store"
)

// write runs fn in one read-write transaction on behalf of the context's
// actor. Every change the service makes goes through here (write_test.go
// checks that nothing else in the package opens a write transaction), so a
// read-only token is refused in this one place, before anything is read:
// a new route cannot forget it. The transaction is stamped with one record
// time, read once from the clock as it begins: every row the call writes
// and its audit entry carry tx.Now(), never a clock read of their own.
func (s *Service) write(ctx context.Context, fn func(*store.Tx) error) error {
	if err := writable(ctx); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *store.Tx) error { return fn(tx.At(s.now())) })
}

// writable refuses an actor holding a read-only token. write checks it; a
// change that must do work before its transaction (hashing a password)
// checks it first too, so a read-only token learns nothing from that work.
func writable(ctx context.Context) error {
	if ActorFrom(ctx).ReadOnly {
		return sojourn.Errorf(sojourn.CodeForbidden, "this token may only read; a change needs a token with scope write")
	}
	return nil
}

// auditedRead runs fn, a read that appends its own audit entry, in a
// read-write transaction: the one write a read-only actor may cause is the
// record that they read classified material.
func (s *Service) auditedRead(ctx context.Context, fn func(*store.Tx) error) error {
	return s.store.Write(ctx, func(tx *store.Tx) error { return fn(tx.At(s.now())) })
}
