// Package jobs runs durable background work (what-if runs, and later
// deadlines, campaigns and exports) from a queue table in Sojourn's own
// database, so queued work survives restarts and any instance may run it.
//
// A worker claims the oldest queued job in a write transaction (on
// PostgreSQL with SKIP LOCKED, so instances never take the same job), marks
// it running with a lease, and runs its handler. Handlers report progress,
// which extends the lease; a job whose lease runs out (its worker died) is
// claimed again. A handler's error fails the job with the error's message.
package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"sojourn"
	"sojourn/service"
	"sojourn/store"
)

// Handler runs one job of a kind.
type Handler func(ctx context.Context, job store.Job, progress service.Progress) error

// Config configures a Worker.
type Config struct {
	// Poll is how long an idle worker waits before looking for work again.
	Poll time.Duration
	// Lease is how long a claimed job stays the worker's without progress.
	Lease time.Duration
	// Clock returns the current time; tests fix it.
	Clock func() time.Time
	// Logger receives job failures.
	Logger *slog.Logger
}

// DefaultConfig polls every second with a five-minute lease.
func DefaultConfig() Config {
	return Config{Poll: time.Second, Lease: 5 * time.Minute, Clock: time.Now, Logger: slog.Default()}
}

// Worker claims and runs jobs.
type Worker struct {
	st       *store.Store
	cfg      Config
	handlers map[string]Handler
}

// New returns a worker over an open, migrated store.
func New(st *store.Store, cfg Config) *Worker {
	def := DefaultConfig()
	if cfg.Poll <= 0 {
		cfg.Poll = def.Poll
	}
	if cfg.Lease <= 0 {
		cfg.Lease = def.Lease
	}
	if cfg.Clock == nil {
		cfg.Clock = def.Clock
	}
	if cfg.Logger == nil {
		cfg.Logger = def.Logger
	}
	return &Worker{st: st, cfg: cfg, handlers: map[string]Handler{}}
}

// ForService returns a worker with the handlers of the service's jobs.
func ForService(st *store.Store, svc *service.Service, cfg Config) *Worker {
	w := New(st, cfg)
	w.Handle(service.JobWhatIf, svc.RunWhatIf)
	return w
}

// Handle sets the handler of a job kind.
func (w *Worker) Handle(kind string, h Handler) { w.handlers[kind] = h }

// Run claims and runs jobs until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	for {
		if err := w.Drain(ctx); err != nil && ctx.Err() == nil {
			w.cfg.Logger.Error("job queue", slog.Any("err", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(w.cfg.Poll):
		}
	}
}

// Start runs the worker in the background until ctx ends or the returned
// function is called; that function waits for the worker to stop.
func (w *Worker) Start(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// Drain runs jobs until none is waiting.
func (w *Worker) Drain(ctx context.Context) error {
	for {
		ran, err := w.RunOnce(ctx)
		if err != nil || !ran {
			return err
		}
	}
}

// RunOnce claims one job and runs it; ran is false when none was waiting.
// A failing handler fails the job, not the call.
func (w *Worker) RunOnce(ctx context.Context) (ran bool, err error) {
	var job store.Job
	err = w.st.Write(ctx, func(tx *store.Tx) (err error) {
		job, ran, err = tx.ClaimJob(ctx, w.cfg.Clock(), w.cfg.Lease)
		return err
	})
	if err != nil || !ran {
		return false, err
	}
	state, message := store.JobDone, ""
	if err := w.run(ctx, job); err != nil {
		state, message = store.JobFailed, publicMessage(err)
		w.cfg.Logger.Error("job failed", slog.Int64("job", job.ID), slog.String("kind", job.Kind), slog.Any("err", err))
	}
	return true, w.st.Write(ctx, func(tx *store.Tx) error {
		return tx.FinishJob(ctx, job.ID, state, message, w.cfg.Clock())
	})
}

func (w *Worker) run(ctx context.Context, job store.Job) error {
	h, ok := w.handlers[job.Kind]
	if !ok {
		return sojourn.Errorf(sojourn.CodeInternal, "no handler for jobs of kind %s", job.Kind)
	}
	return h(ctx, job, func(ctx context.Context, tx *store.Tx, done, total int) error {
		return tx.JobProgress(ctx, job.ID, done, total, w.cfg.Clock().Add(w.cfg.Lease))
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
