package main

import (
	"context"
	"log/slog"
	"time"

	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
)

// startJobs starts the job queue (River) for the service, with the
// maintenance round every interval; the function it returns stops the queue
// and waits for running jobs.
func startJobs(ctx context.Context, st *store.Store, svc *service.Service, logger *slog.Logger, maintenance time.Duration) (func(), error) {
	cfg := jobs.DefaultConfig()
	cfg.Logger, cfg.Maintenance = logger, maintenance
	q, err := jobs.ForService(ctx, st, svc, cfg)
	if err != nil {
		return nil, err
	}
	return q.Start(ctx)
}
