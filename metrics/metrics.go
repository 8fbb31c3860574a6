// Package metrics exposes Sojourn's Prometheus metrics: HTTP requests by
// route and status with latency histograms, decisions by outcome, the job
// queue, group-commit batch sizes, the audit log's head and the database
// pools. It is served on a listener of its own (serve --metrics-addr),
// never on the public one.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the registry and the metrics observed as things happen;
// those read from the database are collected at each scrape (store.go).
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	batches  prometheus.Histogram
}

// New returns the metrics, with the Go runtime's and the process's.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sojourn_http_requests_total",
			Help: "HTTP requests answered, by route pattern (not the raw path), method and status."}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sojourn_http_request_duration_seconds",
			Help: "Time to answer an HTTP request, by route pattern and method.", Buckets: prometheus.DefBuckets}, []string{"route", "method"}),
		batches: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "sojourn_store_group_commit_batch_size",
			Help:    "Write calls committed together in one transaction by the group commit (SQLite; PostgreSQL commits each alone).",
			Buckets: []float64{1, 2, 4, 8, 16, 32, 64}}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.batches, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveRequest counts an answered request. route is the pattern the
// request was routed by ("" when none matched).
func (m *Metrics) ObserveRequest(route, method string, status int, took time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	method = knownMethod(method)
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(took.Seconds())
}

// ObserveBatch records one group commit's size.
func (m *Metrics) ObserveBatch(size int) { m.batches.Observe(float64(size)) }

// Handler serves the metrics in the Prometheus text format. A metric that
// cannot be read (the database is down) is left out and the rest served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// knownMethod keeps a label's values bounded: a method HTTP does not
// define is counted as OTHER.
func knownMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}
