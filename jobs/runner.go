package jobs

import (
	"context"
	"errors"
	"log/slog"

	"github.com/riverqueue/river"

	"sojourn"
	"sojourn/store"
)

// runArgs is what River carries for a job: the id of its record.
type runArgs struct {
	JobID int64 `json:"job_id"`
}

// Kind names the River job kind of every Sojourn job.
func (runArgs) Kind() string { return "sojourn.job" }

// runner is River's worker for Sojourn jobs: it runs the handler of the
// recorded job's kind and keeps the record's state.
type runner struct {
	river.WorkerDefaults[runArgs]
	q *Queue
}

// Work runs one job. A failure ends the job as failed with a message for
// people; River does not retry it (a new what-if run is one request away).
func (r *runner) Work(ctx context.Context, rj *river.Job[runArgs]) error {
	var job sojourn.Job
	err := r.q.st.Write(ctx, func(tx *store.Tx) (err error) {
		if job, err = tx.JobByID(ctx, rj.Args.JobID); err != nil {
			return err
		}
		return tx.StartJob(ctx, job.ID, r.q.cfg.Clock())
	})
	if err != nil {
		return river.JobCancel(err)
	}
	state, message := sojourn.JobDone, ""
	if err := r.run(ctx, job); err != nil {
		state, message = sojourn.JobFailed, publicMessage(err)
		r.q.cfg.Logger.Error("job failed", slog.Int64("job", job.ID), slog.String("kind", job.Kind), slog.Any("err", err))
	}
	err = r.q.st.Write(ctx, func(tx *store.Tx) error {
		return tx.FinishJob(ctx, job.ID, state, message, r.q.cfg.Clock())
	})
	if err == nil && state == sojourn.JobFailed {
		err = river.JobCancel(errors.New(message))
	}
	return err
}

func (r *runner) run(ctx context.Context, job sojourn.Job) error {
	h, ok := r.q.handlers[job.Kind]
	if !ok {
		return sojourn.Errorf(sojourn.CodeInternal, "no handler for jobs of kind %s", job.Kind)
	}
	return h(ctx, job, func(ctx context.Context, tx *store.Tx, done, total int) error {
		return tx.JobProgress(ctx, job.ID, done, total)
	})
}

// publicMessage is what people are told of a job's failure: the message of
// a Sojourn error, never internal details.
func publicMessage(err error) string {
	var e *sojourn.Error
	if errors.As(err, &e) && e.Code != sojourn.CodeInternal {
		return e.Error()
	}
	return "internal error"
}
