package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sojourn"
	"sojourn/service"
	"sojourn/store/storetest"
)

// campaignWorld sets up the cities and n persons kept by VRD, registered
// workers in Alma and Borovo except every fourth (a student), and returns
// the workers.
func (s *server) campaignWorld(n int) (cities, []int64) {
	w := s.setupCities()
	var workers []int64
	for i := range n {
		p := s.person(w.vrdClerk, "VRD", "Resident", fmt.Sprintf("Number%c%c", 'a'+i/26, 'a'+i%26), "1920-01-01")
		category := "worker"
		if i%4 == 3 {
			category = "student"
		} else {
			workers = append(workers, p)
		}
		s.register(w.vrdClerk, p, []string{"Alma", "Borovo"}[i%2], category, "1954-01-01", "")
	}
	return w, workers
}

// startCampaign starts the workers' campaign in batches of five persons.
func (s *server) startCampaign(w cities) int64 {
	return id(s.must(http.StatusAccepted, w.vrdHead, "POST", "/api/v1/campaigns", map[string]any{
		"name": "Workers", "legal_reference": "Order 7", "rule": `category == "worker"`, "on": "1956-01-10", "batch_size": 5,
	}).JSON())
}

// TestCampaignWorkerKilledMidBatch — the campaign's worker is killed (its
// River client stopped, the running batch cancelled before it commits)
// and a new one started: the campaign resumes where it stopped and every
// person of the cohort ends with exactly one review case.
func TestCampaignWorkerKilledMidBatch(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			var stall atomic.Bool
			stalled := make(chan struct{}, 1)
			s := newServerWith(t, dialect, service.Config{OnBatch: func(ctx context.Context, _ sojourn.Job, batch int) error {
				if batch == 2 && stall.CompareAndSwap(true, false) {
					stalled <- struct{}{}
					<-ctx.Done() // the batch's rows are written, not committed
					return ctx.Err()
				}
				return nil
			}}, -1)
			w, workers := s.campaignWorld(40)
			stall.Store(true)
			campaign := s.startCampaign(w)
			select {
			case <-stalled:
			case <-time.After(60 * time.Second):
				t.Fatal("the campaign never reached its third batch")
			}
			if err := s.queue.Kill(context.Background()); err != nil {
				t.Fatal(err)
			}
			c := s.must(http.StatusOK, w.vrdHead, "GET", path("/api/v1/campaigns/%d", campaign), nil).JSON()
			if prog := c["progress"].(map[string]any); prog["done"] != 10.0 || prog["state"] == "done" {
				t.Fatalf("after the kill: %v", c)
			}
			s.queue = startWorker(t, s.store, s.svc, s.clock.Now, -1)
			c = s.awaitJob(w.vrdHead, path("/api/v1/campaigns/%d", campaign), nil)
			// River counts a run its stopping client cut short as no
			// attempt of the job's: the new worker goes on in the first
			if prog := c["progress"].(map[string]any); prog["state"] != "done" || prog["done"] != 40.0 || prog["attempts"] != 1.0 {
				t.Fatalf("after the restart: %v", c)
			}
			exactlyOneReview(t, s, campaign, workers)
		})
	}
}

// TestCampaignBatchRetried — a batch that fails is retried: while it
// waits, its error shows in the campaign's progress; the retry resumes
// and every person ends with exactly one review case.
func TestCampaignBatchRetried(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			var fail atomic.Bool
			s := newServerWith(t, dialect, service.Config{OnBatch: func(_ context.Context, _ sojourn.Job, batch int) error {
				if batch == 1 && fail.CompareAndSwap(true, false) {
					return sojourn.Errorf(sojourn.CodeConflict, "the registry of Borovo did not answer")
				}
				return nil
			}}, -1)
			w, workers := s.campaignWorld(24)
			fail.Store(true)
			campaign := s.startCampaign(w)
			url := path("/api/v1/campaigns/%d", campaign)
			c := s.awaitJob(w.vrdHead, url, func(m map[string]any) bool {
				return m["progress"].(map[string]any)["state"] != "queued" && m["progress"].(map[string]any)["state"] != "running"
			})
			prog := c["progress"].(map[string]any)
			if prog["state"] != "retrying" || !strings.Contains(prog["error"].(string), "Borovo did not answer") || prog["done"] != 5.0 {
				t.Fatalf("a failed batch: %v", c)
			}
			c = s.awaitJob(w.vrdHead, url, nil)
			if prog := c["progress"].(map[string]any); prog["state"] != "done" || prog["attempts"] != 2.0 || prog["done"] != 24.0 {
				t.Fatalf("after the retry: %v", c)
			}
			exactlyOneReview(t, s, campaign, workers)
		})
	}
}

// TestCampaignPausesAndResumes — a run whose slice of time is over after
// every batch (service.Config.Slice) pauses and is picked up again from
// its cursor, in the same attempt, until it is done: every person ends
// with exactly one review case.
func TestCampaignPausesAndResumes(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			s := newServerWith(t, dialect, service.Config{Slice: time.Nanosecond}, -1)
			w, workers := s.campaignWorld(16)
			campaign := s.startCampaign(w)
			c := s.awaitJob(w.vrdHead, path("/api/v1/campaigns/%d", campaign), nil)
			if prog := c["progress"].(map[string]any); prog["state"] != "done" || prog["attempts"] != 1.0 || prog["done"] != 16.0 {
				t.Fatalf("after the pauses: %v", c)
			}
			exactlyOneReview(t, s, campaign, workers)
		})
	}
}
