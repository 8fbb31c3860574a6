package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
)

// startWorker runs the job queue as `sojourn serve` does, until the test
// ends, with the maintenance round every maintenance (negative: never),
// and returns it.
func startWorker(t testing.TB, st *store.Store, svc *service.Service, clock func() time.Time, maintenance time.Duration) *jobs.Queue {
	ctx := context.Background()
	q, err := jobs.ForService(ctx, st, svc, jobs.Config{Poll: 100 * time.Millisecond, Clock: clock, Maintenance: maintenance,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	stop, err := q.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return q
}

// awaitRun polls a what-if run until it has finished and returns it.
func (s *server) awaitRun(token string, runID int64) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		run := s.must(http.StatusOK, token, "GET", path("/api/v1/policy/whatif/%d", runID), nil).JSON()
		if run["state"] == "done" || run["state"] == "failed" {
			return run
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("what-if run %d did not finish", runID)
	return nil
}
