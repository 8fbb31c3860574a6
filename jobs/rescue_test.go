package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"sojourn"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store/storetest"
)

// TestDeadWorkerRescued — an attempt whose worker never comes back (a
// process killed with kill -9 leaves its job running in the database, as
// a hung one does) is run again once the job has been running for
// Config.Rescue, not hours later: the batched run resumes from its cursor.
// River looks for stuck jobs every 30 seconds, so this test takes that long.
func TestDeadWorkerRescued(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for River's rescuer (30 s)")
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Open(t, dialect)
			q, err := jobs.New(ctx, st, jobs.Config{Poll: 100 * time.Millisecond, Rescue: 2 * time.Second,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			dead := make(chan struct{})
			var runs atomic.Int32
			q.HandleRetrying("batched", func(ctx context.Context, job sojourn.Job, progress service.Progress) error {
				if runs.Add(1) == 1 {
					<-dead // the first worker never answers again
				}
				return nil
			})
			stop, err := q.Start(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			defer close(dead)
			job := enqueue(t, st, q, "batched", false)
			wait, cancel := context.WithTimeout(ctx, 3*time.Minute)
			defer cancel()
			got, err := q.Wait(wait, job.ID)
			if err != nil || got.State != sojourn.JobDone || got.Attempts != 2 || runs.Load() != 2 {
				t.Fatalf("job = %+v after %d runs, %v; want done in a second attempt", got, runs.Load(), err)
			}
		})
	}
}
