package store

import "database/sql"

// QueueDB returns the handle the job queue (River) works on: the writer
// pool, which on SQLite is the one writer connection, so that River's writes
// queue with everybody else's instead of failing as busy.
func (s *Store) QueueDB() *sql.DB { return s.writer }

// SQLTx returns the transaction's database/sql handle, so that a job can be
// queued with River atomically with the change that asks for it.
func (t *Tx) SQLTx() *sql.Tx { return t.tx }
