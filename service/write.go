package service

import (
	"context"

	"sojourn"
	"sojourn/access"
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
	return s.store.Write(ctx, s.stamped(fn))
}

// stamped gives fn its transaction stamped with one record time, read once
// from the clock as the transaction begins.
func (s *Service) stamped(fn func(*store.Tx) error) func(*store.Tx) error {
	return func(tx *store.Tx) error { return fn(tx.At(s.now())) }
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

// readLogged runs read, which returns the classification of what it read
// and what to record of it, in a read transaction. When that is classified
// it runs read again in a read-write transaction that also appends act's
// audit entry about object, so that nobody sees classified material
// without the log saying so; unclassified reads stay read-only. This is the
// one write a read-only token may cause.
func (s *Service) readLogged(ctx context.Context, act access.Action, object string,
	read func(*store.Tx) (sojourn.Level, any, error)) error {
	var level sojourn.Level
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		level, _, err = read(tx)
		return err
	})
	if err != nil || level.Rank() <= sojourn.Unclassified.Rank() {
		return err
	}
	return s.store.Write(ctx, s.stamped(func(tx *store.Tx) error {
		_, seen, err := read(tx)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, ActorFrom(ctx), act, object, seen)
	}))
}
