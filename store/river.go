package store

import (
	"context"
	"database/sql"
)

// QueueDB returns the handle the job queue (River) works on: the writer
// pool, which on SQLite is the one writer connection, so that River's writes
// queue with everybody else's instead of failing as busy.
func (s *Store) QueueDB() *sql.DB { return s.writer }

// SQLTx returns the transaction's database/sql handle, so that a job can be
// queued with River atomically with the change that asks for it, and the
// context its statements must run under in place of ctx (see stmtCtx: a
// statement of a write is never interrupted).
func (t *Tx) SQLTx(ctx context.Context) (*sql.Tx, context.Context) { return t.tx, t.stmtCtx(ctx) }

// LockJobSchema holds, until the transaction ends, the PostgreSQL advisory
// lock under which the job queue's schema is migrated, so that instances
// starting together migrate it one at a time. On SQLite it does nothing
// (a transaction there already excludes every other writer).
func (t *Tx) LockJobSchema(ctx context.Context) error {
	if t.d.name != "postgres" {
		return nil
	}
	_, err := t.exec(ctx, "SELECT pg_advisory_xact_lock(7412)")
	return err
}
