package metrics

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sojourn/store"
)

// WatchStore adds what is read from the database at each scrape
// (decisions, jobs, audit head, pools) and observes st's group commits.
func (m *Metrics) WatchStore(st *store.Store) {
	st.ObserveBatches(m.ObserveBatch)
	m.reg.MustRegister(&storeCollector{st: st})
}

// waiting are the job states of jobs not yet done (the queue's depth);
// failed those whose last attempt failed.
var (
	waiting = map[string]bool{"available": true, "scheduled": true, "retryable": true, "pending": true}
	failed  = map[string]bool{"retryable": true, "discarded": true}
)

var (
	decisionsDesc = prometheus.NewDesc("sojourn_decisions_total", "Decisions taken, by outcome (read from the database: all instances).", []string{"outcome"}, nil)
	jobsDesc      = prometheus.NewDesc("sojourn_jobs", "Jobs in the queue (River), by state.", []string{"state"}, nil)
	depthDesc     = prometheus.NewDesc("sojourn_job_queue_depth", "Jobs waiting to run: available, scheduled or to be retried.", nil, nil)
	failuresDesc  = prometheus.NewDesc("sojourn_job_failures", "Jobs whose last attempt failed: to be retried, or discarded after their last attempt.", nil, nil)
	headDesc      = prometheus.NewDesc("sojourn_audit_head_seq", "Sequence number of the newest entry of each audit chain.", []string{"chain"}, nil)
	entriesDesc   = prometheus.NewDesc("sojourn_audit_entries", "Audit entries in all chains (the sum of the heads).", nil, nil)
	checkDesc     = prometheus.NewDesc("sojourn_audit_checkpoint_seq", "Number of the newest signed audit checkpoint (0: none).", nil, nil)
	openDesc      = prometheus.NewDesc("sojourn_db_connections", "Database connections of a pool, by state (in_use, idle).", []string{"pool", "state"}, nil)
	maxDesc       = prometheus.NewDesc("sojourn_db_max_open_connections", "Most connections a pool may open.", []string{"pool"}, nil)
	waitsDesc     = prometheus.NewDesc("sojourn_db_waits_total", "Times a caller waited for a free connection of a pool.", []string{"pool"}, nil)
	waitDesc      = prometheus.NewDesc("sojourn_db_wait_seconds_total", "Time spent waiting for a free connection of a pool.", []string{"pool"}, nil)
)

// storeCollector reads the database's figures at each scrape, in one
// read transaction.
type storeCollector struct{ st *store.Store }

// Describe sends every metric's description.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{decisionsDesc, jobsDesc, depthDesc, failuresDesc, headDesc, entriesDesc, checkDesc, openDesc, maxDesc, waitsDesc, waitDesc} {
		ch <- d
	}
}

// Collect reads the figures; when the database does not answer, the
// scrape reports the error and still holds the pool statistics.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	for name, s := range c.st.PoolStats() {
		collectPool(ch, name, s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := c.st.Read(ctx, func(tx *store.Tx) error {
		if err := collectDecisions(ctx, ch, tx); err != nil {
			return err
		}
		if err := collectJobs(ctx, ch, tx); err != nil {
			return err
		}
		return collectAudit(ctx, ch, tx)
	})
	if err != nil {
		ch <- prometheus.NewInvalidMetric(decisionsDesc, err)
	}
}

func collectPool(ch chan<- prometheus.Metric, name string, s sql.DBStats) {
	ch <- prometheus.MustNewConstMetric(openDesc, prometheus.GaugeValue, float64(s.InUse), name, "in_use")
	ch <- prometheus.MustNewConstMetric(openDesc, prometheus.GaugeValue, float64(s.Idle), name, "idle")
	ch <- prometheus.MustNewConstMetric(maxDesc, prometheus.GaugeValue, float64(s.MaxOpenConnections), name)
	ch <- prometheus.MustNewConstMetric(waitsDesc, prometheus.CounterValue, float64(s.WaitCount), name)
	ch <- prometheus.MustNewConstMetric(waitDesc, prometheus.CounterValue, s.WaitDuration.Seconds(), name)
}

func collectDecisions(ctx context.Context, ch chan<- prometheus.Metric, tx *store.Tx) error {
	counts, err := tx.DecisionOutcomes(ctx)
	for _, c := range counts {
		ch <- prometheus.MustNewConstMetric(decisionsDesc, prometheus.CounterValue, float64(c.N), c.Value)
	}
	return err
}

func collectJobs(ctx context.Context, ch chan<- prometheus.Metric, tx *store.Tx) error {
	counts, err := tx.JobStates(ctx)
	if err != nil {
		return err
	}
	var depth, failures int64
	for _, c := range counts {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(c.N), c.Value)
		if waiting[c.Value] {
			depth += c.N
		}
		if failed[c.Value] {
			failures += c.N
		}
	}
	ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, float64(depth))
	ch <- prometheus.MustNewConstMetric(failuresDesc, prometheus.GaugeValue, float64(failures))
	return nil
}

func collectAudit(ctx context.Context, ch chan<- prometheus.Metric, tx *store.Tx) error {
	heads, err := tx.AuditHeads(ctx)
	if err != nil {
		return err
	}
	var entries int64
	for _, h := range heads {
		ch <- prometheus.MustNewConstMetric(headDesc, prometheus.GaugeValue, float64(h.Seq), strconv.Itoa(h.Chain))
		entries += h.Seq
	}
	ch <- prometheus.MustNewConstMetric(entriesDesc, prometheus.GaugeValue, float64(entries))
	seq, err := tx.LatestCheckpoint(ctx)
	ch <- prometheus.MustNewConstMetric(checkDesc, prometheus.GaugeValue, float64(seq))
	return err
}
