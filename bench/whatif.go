package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"sojourn"
	"sojourn/jobs"
	"sojourn/policies"
	"sojourn/service"
	"sojourn/store"
)

// WhatIfConfig says how many open cases to add before the what-if run.
type WhatIfConfig struct {
	Cases   int // open residence-permit cases to file first (besides those the database holds)
	Workers int // concurrent writers while filing
}

// WhatIf files cfg.Cases open residence-permit cases, loads the shipped
// residence pack as the one in use, and times a what-if run of a draft of
// its first version over every open case of the database on the job queue,
// from the request to the end of the run: cases evaluated per second.
func WhatIf(ctx context.Context, st *store.Store, cfg WhatIfConfig) (Result, error) {
	svc := service.New(st, service.DefaultConfig())
	if _, _, err := seedCases(ctx, svc, cfg.Cases); err != nil {
		return Result{}, err
	}
	src, err := policies.Files.ReadFile("residence.yaml")
	if err != nil {
		return Result{}, err
	}
	sys := service.WithActor(ctx, sojourn.System)
	if _, err := svc.UploadPolicyPack(sys, sojourn.PolicyUpload{Source: string(src)}); err != nil {
		return Result{}, fmt.Errorf("residence pack: %w", err)
	}
	q, err := jobs.ForService(ctx, st, svc, jobs.Config{Poll: 100 * time.Millisecond, Maintenance: -1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return Result{}, err
	}
	stop, err := q.Start(ctx)
	if err != nil {
		return Result{}, err
	}
	defer stop()
	// the draft: version 1930 with no end, so that it applies to every case
	first := string(src)[:strings.Index(string(src), "\n  - version: \"1938\"")+1]
	draft := strings.Replace(first, "    effective_to: 1938-01-31\n", "", 1)
	analyst := service.WithActor(ctx, sojourn.Actor{Name: "bench-analyst", Role: sojourn.RoleAdmin, Clearance: sojourn.TopSecret})
	start := time.Now()
	run, err := svc.StartWhatIf(analyst, sojourn.WhatIfInput{Pack: "residence", Version: "1930", Scope: "open", Source: draft})
	if err != nil {
		return Result{}, err
	}
	job, err := q.Wait(ctx, run.ID)
	elapsed := time.Since(start)
	if err == nil && job.State != sojourn.JobDone {
		err = fmt.Errorf("what-if run %s: %s", job.State, job.Error)
	}
	return Result{Name: "what-if over open cases", Ops: job.Total, Elapsed: elapsed, Throughput: float64(job.Total) / elapsed.Seconds()}, err
}
