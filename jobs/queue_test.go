package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"sojourn"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
	"sojourn/store/storetest"
)

// TestQueue — a job recorded and queued in one transaction runs once River
// picks it up, keeps its progress, and ends done; a failing handler ends it
// failed with the message people may see; a job of no known kind fails
// without internal details; a job whose transaction rolls back never runs.
func TestQueue(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Open(t, dialect)
			q, err := jobs.New(ctx, st, jobs.Config{Poll: 100 * time.Millisecond,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			ran := map[int64]int{}
			q.Handle("count", func(ctx context.Context, job sojourn.Job, progress service.Progress) error {
				mu.Lock()
				ran[job.ID]++
				mu.Unlock()
				return st.Write(ctx, func(tx *store.Tx) error { return progress(ctx, tx, 3, 3) })
			})
			q.Handle("fail", func(context.Context, sojourn.Job, service.Progress) error {
				return sojourn.Errorf(sojourn.CodeInvalid, "pack residence has no version \"1999\"")
			})
			q.Handle("crash", func(context.Context, sojourn.Job, service.Progress) error {
				return errors.New("disk on fire at /var/lib/secret")
			})
			stop, err := q.Start(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			for kind, want := range map[string]sojourn.Job{
				"count":   {State: sojourn.JobDone, Done: 3, Total: 3, Attempts: 1},
				"fail":    {State: sojourn.JobFailed, Error: "pack residence has no version \"1999\"", Attempts: 1},
				"crash":   {State: sojourn.JobFailed, Error: "internal error", Attempts: 1},
				"unknown": {State: sojourn.JobFailed, Error: "internal error", Attempts: 1},
			} {
				job := enqueue(t, st, q, kind, false)
				got, err := q.Wait(ctx, job.ID)
				if err != nil || got.State != want.State || got.Error != want.Error || got.Done != want.Done ||
					got.Total != want.Total || got.Attempts != want.Attempts || got.FinishedAt == nil {
					t.Errorf("%s job = %+v, %v; want %+v", kind, got, err, want)
				}
			}
			enqueue(t, st, q, "count", true)
			time.Sleep(300 * time.Millisecond)
			mu.Lock()
			defer mu.Unlock()
			if len(ran) != 1 {
				t.Errorf("count jobs run: %v; want the committed one only, once", ran)
			}
		})
	}
}

// enqueue records and queues a job of the kind in one transaction, rolled
// back when rollback is set.
func enqueue(t *testing.T, st *store.Store, q *jobs.Queue, kind string, rollback bool) sojourn.Job {
	t.Helper()
	var job sojourn.Job
	errRollback := errors.New("roll back")
	err := st.Write(context.Background(), func(tx *store.Tx) (err error) {
		if job, err = tx.EnqueueJob(context.Background(), sojourn.Job{Kind: kind, Args: "{}", RequestedBy: "test"}, time.Now()); err != nil {
			return err
		}
		if err := q.Enqueue(context.Background(), tx, job); err != nil {
			return err
		}
		if rollback {
			return errRollback
		}
		return nil
	})
	if err != nil && !(rollback && errors.Is(err, errRollback)) {
		t.Fatal(err)
	}
	return job
}
