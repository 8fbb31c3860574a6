package main

import (
	"context"
	"log/slog"

	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
)

// startJobs starts the job queue (River) for the service; the function it
// returns stops the queue and waits for running jobs.
func startJobs(ctx context.Context, st *store.Store, svc *service.Service, logger *slog.Logger) (func(), error) {
	cfg := jobs.DefaultConfig()
	cfg.Logger = logger
	q, err := jobs.ForService(ctx, st, svc, cfg)
	if err != nil {
		return nil, err
	}
	return q.Start(ctx)
}
