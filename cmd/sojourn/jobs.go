package main

import (
	"context"
	"log/slog"

	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
)

// startJobs runs the job queue's worker in the background; the function it
// returns stops the worker and waits for it.
func startJobs(ctx context.Context, st *store.Store, svc *service.Service, logger *slog.Logger) func() {
	cfg := jobs.DefaultConfig()
	cfg.Logger = logger
	return jobs.ForService(st, svc, cfg).Start(ctx)
}
