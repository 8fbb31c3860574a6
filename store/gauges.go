package store

import (
	"context"
	"database/sql"
)

// Count is a number of rows sharing one value of a column.
type Count struct {
	Value string
	N     int64
}

// DecisionOutcomes counts the decisions taken, by outcome.
func (t *Tx) DecisionOutcomes(ctx context.Context) ([]Count, error) {
	return t.counts(ctx, "SELECT outcome, COUNT(*) FROM decisions GROUP BY outcome ORDER BY outcome")
}

// JobStates counts the job queue's jobs by state (River's available,
// scheduled, running, retryable, completed, discarded, cancelled).
func (t *Tx) JobStates(ctx context.Context) ([]Count, error) {
	return t.counts(ctx, "SELECT state, COUNT(*) FROM river_job GROUP BY state ORDER BY state")
}

// LatestCheckpoint is the number of the newest audit checkpoint (0: none).
func (t *Tx) LatestCheckpoint(ctx context.Context) (int64, error) {
	n, err := t.NextCheckpointSeq(ctx)
	return n - 1, err
}

func (t *Tx) counts(ctx context.Context, query string) ([]Count, error) {
	return getAll(ctx, t, func(s scanner) (Count, error) {
		var c Count
		err := s.Scan(&c.Value, &c.N)
		return c, err
	}, query)
}

// PoolStats returns the statistics of the database connection pools by
// name: "writer" and "reader" on SQLite, "pool" on PostgreSQL (one pool
// serves both).
func (s *Store) PoolStats() map[string]sql.DBStats {
	if s.reader == s.writer {
		return map[string]sql.DBStats{"pool": s.writer.Stats()}
	}
	return map[string]sql.DBStats{"writer": s.writer.Stats(), "reader": s.reader.Stats()}
}

// ObserveBatches has fn told the size of every group commit (SQLite: how
// many Write calls shared one transaction and one fsync). PostgreSQL
// commits each Write alone and never calls it.
func (s *Store) ObserveBatches(fn func(size int)) { s.batchObserver.Store(&fn) }

// observeBatch tells the batch observer, if any, a batch's size.
func (s *Store) observeBatch(size int) {
	if fn := s.batchObserver.Load(); fn != nil {
		(*fn)(size)
	}
}
