package store

import (
	"context"
	"database/sql"
	"time"

	"sojourn"
)

const jobColumns = `SELECT id, kind, args, state, attempts, done, total, error, requested_by, authority,
	created_at, started_at, finished_at FROM jobs`

func scanJob(s scanner) (sojourn.Job, error) {
	var j sojourn.Job
	var created int64
	var started, finished sql.NullInt64
	err := s.Scan(&j.ID, &j.Kind, &j.Args, &j.State, &j.Attempts, &j.Done, &j.Total, &j.Error, &j.RequestedBy,
		&j.Authority, &created, &started, &finished)
	j.CreatedAt, j.StartedAt, j.FinishedAt = fromMicros(created), nullMicros(started), nullMicros(finished)
	return j, err
}

// EnqueueJob records a queued job; the caller queues its run (with River)
// in the same transaction.
func (t *Tx) EnqueueJob(ctx context.Context, j sojourn.Job, now time.Time) (sojourn.Job, error) {
	id, err := t.insert(ctx, `INSERT INTO jobs (kind, args, state, requested_by, authority, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, j.Kind, j.Args, sojourn.JobQueued, j.RequestedBy, j.Authority, micros(now))
	if err != nil {
		return j, err
	}
	return t.JobByID(ctx, id)
}

// JobByID returns a job.
func (t *Tx) JobByID(ctx context.Context, id int64) (sojourn.Job, error) {
	return getOne(ctx, t, "job", scanJob, jobColumns+" WHERE id = ?", id)
}

// StartJob marks a job running in its attempt-th attempt (a run taken up
// again after a pause of its own is the same attempt).
func (t *Tx) StartJob(ctx context.Context, id int64, attempt int, now time.Time) error {
	_, err := t.exec(ctx, "UPDATE jobs SET state = ?, attempts = ?, started_at = ?, error = '' WHERE id = ?",
		sojourn.JobRunning, attempt, micros(now), id)
	return err
}

// JobProgress records the progress of a running job.
func (t *Tx) JobProgress(ctx context.Context, id int64, done, total int) error {
	_, err := t.exec(ctx, "UPDATE jobs SET done = ?, total = ? WHERE id = ?", done, total, id)
	return err
}

// FinishJob ends a job as done or failed (with the error shown to people).
func (t *Tx) FinishJob(ctx context.Context, id int64, state, message string, now time.Time) error {
	if state != sojourn.JobDone && state != sojourn.JobFailed {
		return sojourn.Errorf(sojourn.CodeInvalid, "a job finishes done or failed, not %s", state)
	}
	_, err := t.exec(ctx, "UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ?",
		state, message, micros(now), id)
	return err
}

// RetryJob records that an attempt of a job failed and it will run again;
// the error stays on the record for people to see until the next attempt
// starts.
func (t *Tx) RetryJob(ctx context.Context, id int64, message string) error {
	_, err := t.exec(ctx, "UPDATE jobs SET state = ?, error = ? WHERE id = ?", sojourn.JobRetrying, message, id)
	return err
}
