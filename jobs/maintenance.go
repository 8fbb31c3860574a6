package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"sojourn"
	"sojourn/service"
)

// maintenanceArgs is River's periodic job that keeps deadlines and the audit
// log's checkpoints up to date. River's leader election makes only one
// instance schedule it, however many run.
type maintenanceArgs struct{}

// Kind names the River job kind of the maintenance round.
func (maintenanceArgs) Kind() string { return "sojourn.maintenance" }

// maintainer runs the maintenance round as the system actor: it flags owed
// reports that became overdue and stays ended without a departure
// (overstays; each flag audited), returns the open cases
// of delegations whose period ended to the delegator, logs how many
// registered items are due for destruction and, when an audit key
// is configured, signs a checkpoint of the audit chains.
type maintainer struct {
	river.WorkerDefaults[maintenanceArgs]
	svc    *service.Service
	logger *slog.Logger
}

// Work runs one maintenance round.
func (m *maintainer) Work(ctx context.Context, _ *river.Job[maintenanceArgs]) error {
	sys := service.WithActor(ctx, sojourn.System)
	flagged, err := m.svc.FlagOverdue(sys, sojourn.Date{})
	if err != nil {
		return err
	}
	if len(flagged) > 0 {
		m.logger.Info("owed reports flagged overdue", slog.Int("count", len(flagged)))
	}
	overstays, err := m.svc.FlagOverstays(sys, sojourn.Date{})
	if err != nil {
		return err
	}
	if len(overstays) > 0 {
		m.logger.Info("overstays flagged", slog.Int("count", len(overstays)))
	}
	returned, err := m.svc.ReturnCasesOfEndedDelegations(sys, sojourn.Date{})
	if err != nil {
		return err
	}
	if len(returned) > 0 {
		m.logger.Info("cases of ended delegations returned to the delegator", slog.Int("count", len(returned)))
	}
	due, err := m.svc.CountDueForDestruction(sys, sojourn.Date{})
	if err != nil {
		return err
	}
	if due > 0 {
		m.logger.Info("correspondence due for destruction (GET /api/v1/correspondence/due-for-destruction)", slog.Int64("count", due))
	}
	cp, err := m.svc.Checkpoint(sys)
	switch {
	case errors.Is(err, service.ErrNoAuditKey):
		return nil
	case err != nil:
		return err
	}
	m.logger.Info("audit checkpoint signed", slog.Int64("seq", cp.Seq))
	return nil
}

// maintenance returns the periodic job running a round every interval
// (and once at start), or none when interval is negative.
func maintenance(interval time.Duration) []*river.PeriodicJob {
	if interval < 0 {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return maintenanceArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})}
}
