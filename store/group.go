package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"sojourn"
)

// Group commit (SQLite). SQLite has one writer and each durable commit
// costs an fsync, so concurrent writes queue on the disk. One goroutine
// takes the Write calls waiting at the moment, runs each in a savepoint of
// one shared transaction (a failing call rolls back only its own savepoint)
// and commits them all with one fsync. Each call still sees the effects of
// those before it, exactly as if they had committed one after another, and
// succeeds or fails on its own.

// maxBatch bounds how many calls share one commit.
const maxBatch = 64

// writeCall is one Write waiting for the committer.
type writeCall struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

// committer is a store's group-commit goroutine and its queue.
type committer struct {
	calls chan *writeCall
	stop  chan struct{}
	ended chan struct{}
}

func (s *Store) startCommitter() {
	c := &committer{calls: make(chan *writeCall), stop: make(chan struct{}), ended: make(chan struct{})}
	s.committer = c
	go func() {
		defer close(c.ended)
		for {
			select {
			case first := <-c.calls:
				s.commitBatch(gather(first, c.calls))
			case <-c.stop:
				return
			}
		}
	}()
}

// gather returns first and the calls already waiting behind it.
func gather(first *writeCall, calls chan *writeCall) []*writeCall {
	batch := []*writeCall{first}
	for len(batch) < maxBatch {
		select {
		case c := <-calls:
			batch = append(batch, c)
		default:
			return batch
		}
	}
	return batch
}

// submit hands a call to the committer and waits for its result.
func (c *committer) submit(ctx context.Context, fn func(*Tx) error) error {
	call := &writeCall{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case c.calls <- call:
		return <-call.done
	case <-c.stop:
		return sojourn.Internal(errors.New("the store is closed"))
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close stops the committer once the batch in hand is done.
func (c *committer) close() {
	close(c.stop)
	<-c.ended
}

// commitBatch runs a batch in one transaction and tells every call its
// result: success exactly when the call's work was committed. A batch of
// one is an ordinary transaction. When the shared transaction breaks (SQLite
// rolls a whole transaction back on some errors, after which a savepoint
// can no longer be undone or released), every call run so far fails, since
// its work is gone, and the calls not yet run go on in a new batch.
func (s *Store) commitBatch(batch []*writeCall) {
	s.observeBatch(len(batch))
	if len(batch) == 1 {
		batch[0].done <- s.runAlone(batch[0])
		return
	}
	defer s.writes.prepareWanted(context.Background())
	results := make([]error, len(batch))
	ran := len(batch)
	sqlTx, err := s.writer.BeginTx(context.Background(), nil)
	if err == nil {
		for i, c := range batch {
			tx := s.newTx(sqlTx, s.writes)
			tx.whole = true
			var broken error
			if results[i], broken = inSavepoint(tx, c); broken != nil {
				err, ran = broken, i+1
				sqlTx.Rollback()
				break
			}
		}
		if err == nil {
			err = sqlTx.Commit()
		}
	}
	for i, c := range batch[:ran] {
		if err != nil && results[i] == nil {
			results[i] = sojourn.Internal(fmt.Errorf("group commit: %w", err))
		}
		c.done <- results[i]
	}
	if ran < len(batch) {
		s.commitBatch(batch[ran:])
	}
}

// runAlone runs a call in a transaction of its own; a panic in it becomes
// an internal error for that call rather than ending the committer.
func (s *Store) runAlone(c *writeCall) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	if err := c.ctx.Err(); err != nil {
		return err // the client left before its write started
	}
	return s.run(c.ctx, s.writer, s.writes, nil, c.fn)
}

// panicError turns a recovered panic into an internal error carrying the
// stack for the log (clients never see internal details).
func panicError(r any) error {
	return sojourn.Internal(fmt.Errorf("panic in a write: %v\n%s", r, debug.Stack()))
}

// inSavepoint runs one call inside a savepoint, undoing it if it fails or
// panics, and returns the call's result. A call whose client has left is
// not started. broken is set when the shared transaction itself failed: the
// savepoint could not be taken, undone or released.
func inSavepoint(tx *Tx, c *writeCall) (err, broken error) {
	if err := c.ctx.Err(); err != nil {
		return err, nil
	}
	ctx := context.Background()
	if _, err := tx.tx.ExecContext(ctx, "SAVEPOINT call"); err != nil {
		return sojourn.Internal(err), err
	}
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
		if err != nil {
			if _, rerr := tx.tx.ExecContext(ctx, "ROLLBACK TO call"); rerr != nil {
				broken = rerr
			}
		}
		if _, rerr := tx.tx.ExecContext(ctx, "RELEASE call"); rerr != nil && broken == nil {
			broken = rerr
		}
		if broken != nil && err == nil {
			err = sojourn.Internal(fmt.Errorf("group commit: %w", broken))
		}
	}()
	return tx.runCall(c.ctx, c.fn), nil
}
