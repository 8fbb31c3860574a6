// Package jobs runs durable background work (what-if runs, and later
// deadlines, campaigns and exports) with River (github.com/riverqueue/river)
// on Sojourn's own database: riversqlite on SQLite, over the store's one
// writer connection, and riverdatabasesql on PostgreSQL. River's schema is
// brought up to date with rivermigrate when a queue is made.
//
// Each job has a record in Sojourn's jobs table (what was asked, by whom,
// state, progress, error) that people read; River carries only the record's
// id. A job is queued in the same transaction as the change that asks for it
// (Enqueue), so it is never lost nor run for a change that rolled back.
package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"sojourn"
	"sojourn/service"
	"sojourn/store"
)

// Handler runs one job of a kind.
type Handler func(ctx context.Context, job sojourn.Job, progress service.Progress) error

// Config configures a Queue.
type Config struct {
	// Poll is how often River looks for new jobs (at least 100ms).
	Poll time.Duration
	// Workers is how many jobs run at once in this process.
	Workers int
	// Clock returns the current time for job records; tests fix it.
	Clock func() time.Time
	// Logger receives job failures and River's own log.
	Logger *slog.Logger
	// Rescue is how long a job may be running before River deems the
	// process running it dead (killed, crashed) and runs it again. Every
	// attempt is cut short before that: a batched run pauses and goes on in
	// a new pick-up after service.Config.Slice, and any other job fails
	// once it has run for four fifths of Rescue. River looks for such jobs
	// every 30 seconds. 0 means five minutes.
	Rescue time.Duration
	// Maintenance is how often the maintenance round (overdue reports,
	// audit checkpoints) runs for a service's queue: 0 means hourly, a
	// negative value never.
	Maintenance time.Duration
}

// defaultRescue is how long a job whose process died stays running before
// it runs again.
const defaultRescue = 5 * time.Minute

// DefaultConfig polls every second with two workers.
func DefaultConfig() Config {
	return Config{Poll: time.Second, Workers: 2, Clock: time.Now, Logger: slog.Default()}
}

// Queue queues and runs jobs.
type Queue struct {
	st       *store.Store
	cfg      Config
	client   *river.Client[*sql.Tx]
	handlers map[string]Handler
	retrying map[string]bool // kinds whose failed attempts River runs again
}

// New migrates River's schema and returns a queue over an open, migrated
// store; Start makes it run jobs.
func New(ctx context.Context, st *store.Store, cfg Config) (*Queue, error) {
	return build(ctx, st, cfg, nil)
}

// build makes a queue; with a service it also schedules the maintenance
// round.
func build(ctx context.Context, st *store.Store, cfg Config, svc *service.Service) (*Queue, error) {
	cfg = withDefaults(cfg)
	driver := newDriver(st)
	if err := migrate(ctx, st, driver); err != nil {
		return nil, fmt.Errorf("migrate the job queue: %w", err)
	}
	q := &Queue{st: st, cfg: cfg, handlers: map[string]Handler{}, retrying: map[string]bool{}}
	workers := river.NewWorkers()
	river.AddWorker(workers, &runner{q: q})
	var periodic []*river.PeriodicJob
	if svc != nil {
		river.AddWorker(workers, &maintainer{svc: svc, logger: cfg.Logger})
		periodic = maintenance(cfg.Maintenance)
	}
	var err error
	q.client, err = river.NewClient(driver, &river.Config{
		ID:                   clientID(),
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers:              workers,
		FetchPollInterval:    cfg.Poll,
		JobTimeout:           cfg.Rescue - cfg.Rescue/5, // so that no live job is taken for a dead one
		RescueStuckJobsAfter: cfg.Rescue,
		Logger:               cfg.Logger,
		PeriodicJobs:         periodic,
	})
	return q, err
}

// clientID names this process among the instances sharing a database (in
// River's leader table and in every job's attempted_by): its host, its
// process id and when it started.
func clientID() string {
	host, _ := os.Hostname()
	host = strings.ReplaceAll(cmp.Or(host, "unknown_host"), ".", "_")
	return fmt.Sprintf("%.60s_pid%d_%s", host, os.Getpid(), strings.ReplaceAll(time.Now().UTC().Format("2006_01_02T15_04_05.000000"), ".", "_"))
}

func withDefaults(cfg Config) Config {
	def := DefaultConfig()
	cfg.Poll = max(cfg.Poll, 100*time.Millisecond)
	if cfg.Workers <= 0 {
		cfg.Workers = def.Workers
	}
	if cfg.Clock == nil {
		cfg.Clock = def.Clock
	}
	if cfg.Logger == nil {
		cfg.Logger = def.Logger
	}
	cfg.Rescue = cmp.Or(cfg.Rescue, defaultRescue)
	if cfg.Maintenance == 0 {
		cfg.Maintenance = time.Hour
	}
	return cfg
}

// migrate brings River's schema up to date. On PostgreSQL an advisory lock,
// held by a transaction of the store while River migrates on its own
// connections, keeps instances that start together from migrating at once;
// SQLite needs no lock (and taking the one writer connection would leave
// River none).
func migrate(ctx context.Context, st *store.Store, driver riverdriver.Driver[*sql.Tx]) error {
	migrator, err := rivermigrate.New(driver, nil)
	if err != nil {
		return err
	}
	up := func() error {
		_, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}
	if st.Dialect() != "postgres" {
		return up()
	}
	return st.Write(ctx, func(tx *store.Tx) error {
		if err := tx.LockJobSchema(ctx); err != nil {
			return err
		}
		return up()
	})
}

// newDriver returns River's driver for the store's database engine.
func newDriver(st *store.Store) riverdriver.Driver[*sql.Tx] {
	if st.Dialect() == "postgres" {
		return riverdatabasesql.New(st.QueueDB())
	}
	return riversqlite.New(st.QueueDB())
}

// ForService returns a queue that runs the service's jobs, and lets the
// service queue them.
func ForService(ctx context.Context, st *store.Store, svc *service.Service, cfg Config) (*Queue, error) {
	q, err := build(ctx, st, cfg, svc)
	if err != nil {
		return nil, err
	}
	q.Handle(service.JobWhatIf, svc.RunWhatIf)
	q.Handle(service.JobDuplicates, svc.RunDuplicateScan)
	q.HandleRetrying(service.JobCampaign, svc.RunCampaign)
	q.HandleRetrying(service.JobDecree, svc.RunDecree)
	svc.UseQueue(q)
	return q, nil
}

// Handle sets the handler of a job kind.
func (q *Queue) Handle(kind string, h Handler) { q.handlers[kind] = h }

// HandleRetrying sets the handler of a job kind whose failed attempts are
// run again (up to retryAttempts in all): its handler must resume where
// the failed attempt stopped.
func (q *Queue) HandleRetrying(kind string, h Handler) {
	q.handlers[kind] = h
	q.retrying[kind] = true
}

// retryAttempts is how many attempts a retrying job gets.
const retryAttempts = 10

// Enqueue queues the run of a recorded job in the transaction tx.
func (q *Queue) Enqueue(ctx context.Context, tx *store.Tx, job sojourn.Job) error {
	var opts *river.InsertOpts
	if q.retrying[job.Kind] {
		opts = &river.InsertOpts{MaxAttempts: retryAttempts}
	}
	sqlTx, ctx := tx.SQLTx(ctx)
	_, err := q.client.InsertTx(ctx, sqlTx, runArgs{JobID: job.ID}, opts)
	return err
}

// Start makes the queue run jobs until ctx ends or the returned function is
// called; that function waits for running jobs to stop.
func (q *Queue) Start(ctx context.Context) (stop func(), err error) {
	if err := q.client.Start(ctx); err != nil {
		return nil, err
	}
	return func() {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := q.client.Stop(stopCtx); err != nil {
			q.cfg.Logger.Warn("job queue did not stop cleanly", slog.Any("err", err))
		}
	}, nil
}

// Kill stops the queue as a crash would, as far as a running job can
// tell: running jobs are cancelled mid-work (their transactions roll back)
// and the client stops. A queue started afresh takes their retries over.
func (q *Queue) Kill(ctx context.Context) error {
	return q.client.StopAndCancel(ctx)
}

// Wait polls a job's record until it has finished and returns it.
func (q *Queue) Wait(ctx context.Context, id int64) (sojourn.Job, error) {
	for {
		var job sojourn.Job
		err := q.st.Read(ctx, func(tx *store.Tx) (err error) {
			job, err = tx.JobByID(ctx, id)
			return err
		})
		if err != nil || job.State == sojourn.JobDone || job.State == sojourn.JobFailed {
			return job, err
		}
		select {
		case <-ctx.Done():
			return job, ctx.Err()
		case <-time.After(q.cfg.Poll / 4):
		}
	}
}
