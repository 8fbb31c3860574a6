package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"sojourn/metrics"
	"sojourn/store"
)

// opsConfig is what operators watch the server by: a metrics listener
// and profiling.
type opsConfig struct {
	metricsAddr string
	pprof       bool
}

// opsFlags adds --metrics-addr and --pprof.
func opsFlags(fs *flag.FlagSet, c *opsConfig) {
	fs.StringVar(&c.metricsAddr, "metrics-addr", envOr("SOJOURN_METRICS_ADDR", ""),
		"serve Prometheus metrics at /metrics on this address of its own, e.g. 127.0.0.1:9090 (no authentication: keep it off the public network); default off [SOJOURN_METRICS_ADDR]")
	fs.BoolVar(&c.pprof, "pprof", envOr("SOJOURN_PPROF", "") == "true", "serve net/http/pprof under /debug/pprof/ to administrators only [SOJOURN_PPROF=true]")
}

// startMetrics serves the metrics of st on addr until ctx ends; it
// returns nil metrics when addr is "" (metrics off).
func startMetrics(ctx context.Context, addr string, st *store.Store, logger *slog.Logger, out io.Writer) (*metrics.Metrics, error) {
	if addr == "" {
		return nil, nil
	}
	m := metrics.New()
	m.WatchStore(st)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--metrics-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	fmt.Fprintf(out, "metrics on http://%s/metrics\n", ln.Addr())
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			logger.Error("metrics listener", slog.Any("err", err))
		}
	}()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	return m, nil
}
