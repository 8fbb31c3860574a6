package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"sojourn"
	"sojourn/service"
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

// Work runs one job. A failure of a job of a retrying kind (a batched run
// that resumes where it stopped) is recorded on the job, which River runs
// again until its attempts are used up; any other failure ends the job as
// failed with a message for people, and River does not retry it (a new
// what-if run is one request away).
func (r *runner) Work(ctx context.Context, rj *river.Job[runArgs]) error {
	var job sojourn.Job
	err := r.q.st.Write(ctx, func(tx *store.Tx) (err error) {
		if job, err = tx.JobByID(ctx, rj.Args.JobID); err != nil {
			return err
		}
		return tx.StartJob(ctx, job.ID, rj.Attempt, r.q.cfg.Clock())
	})
	if err != nil {
		return river.JobCancel(err)
	}
	state, message := sojourn.JobDone, ""
	runErr := r.run(ctx, job)
	if errors.Is(runErr, service.ErrPause) {
		return river.JobSnooze(0) // the record stays running; the next pick-up goes on
	}
	if runErr != nil {
		state, message = sojourn.JobFailed, publicMessage(runErr)
		r.q.cfg.Logger.Error("job failed", slog.Int64("job", job.ID), slog.String("kind", job.Kind), slog.Any("err", runErr))
	}
	// the record is kept even when the run was cancelled (the client stopping)
	ctx = context.WithoutCancel(ctx)
	if runErr != nil && r.q.retrying[job.Kind] && rj.Attempt < rj.MaxAttempts {
		if err := r.q.st.Write(ctx, func(tx *store.Tx) error { return tx.RetryJob(ctx, job.ID, message) }); err != nil {
			return err
		}
		return runErr
	}
	err = r.q.st.Write(ctx, func(tx *store.Tx) error {
		return tx.FinishJob(ctx, job.ID, state, message, r.q.cfg.Clock())
	})
	if err == nil && state == sojourn.JobFailed {
		err = river.JobCancel(errors.New(message))
	}
	return err
}

// NextRetry runs a failed attempt of a retrying job again after a second
// per attempt made.
func (r *runner) NextRetry(rj *river.Job[runArgs]) time.Time {
	return time.Now().Add(time.Duration(rj.Attempt) * time.Second)
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
	switch {
	case errors.As(err, &e) && e.Code != sojourn.CodeInternal:
		return e.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "the run took longer than a job may (see jobs.Config.Rescue)"
	}
	return "internal error"
}
