package service

import (
	"context"
	"slices"

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
	return s.readLoggedAll(ctx, act, func(tx *store.Tx) ([]sighting, error) {
		level, seen, err := read(tx)
		return []sighting{{object, level, seen}}, err
	})
}

// sighting is one object a read returned: its audit name, its
// classification and what to record of it.
type sighting struct {
	object string
	level  sojourn.Level
	seen   any
}

// readLoggedAll is readLogged for a read returning several objects (a
// listing, a page of results): when any is classified, read runs again in
// a read-write transaction that appends one act entry for each classified
// object it returned.
func (s *Service) readLoggedAll(ctx context.Context, act access.Action, read func(*store.Tx) ([]sighting, error)) error {
	var seen []sighting
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		seen, err = read(tx)
		return err
	})
	if err != nil || !slices.ContainsFunc(seen, sighting.classified) {
		return err
	}
	return s.store.Write(ctx, s.stamped(func(tx *store.Tx) error {
		seen, err := read(tx)
		if err != nil {
			return err
		}
		for _, v := range seen {
			if !v.classified() {
				continue
			}
			if err := s.record(ctx, tx, ActorFrom(ctx), act, v.object, v.seen); err != nil {
				return err
			}
		}
		return nil
	}))
}

// classified reports whether the object is classified above unclassified.
func (v sighting) classified() bool {
	return v.level.Rank() > sojourn.Unclassified.Rank()
}
