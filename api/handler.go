package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"sojourn/metrics"
	"sojourn/reqid"
	"sojourn/service"
)

// Handler returns the whole HTTP surface: /healthz (the process is up),
// /readyz (the database answers), the OpenAPI document and /api/v1, behind
// security headers, an access log and cross-origin request protection (a
// browser's cross-site POST, PUT or DELETE is refused, so the session
// cookie cannot be ridden by another site).
func Handler(svc *service.Service, ready func(context.Context) error, cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	cfg.Logger = reqid.Logger(cfg.Logger)
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultConfig().MaxBodyBytes
	}
	if cfg.MaxHeaderBytes <= 0 {
		cfg.MaxHeaderBytes = DefaultConfig().MaxHeaderBytes
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ready(ctx); err != nil {
			cfg.Logger.WarnContext(r.Context(), "not ready", slog.Any("err", err))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	a := Register(mux, svc, cfg)
	if cfg.Web != nil {
		mux.Handle("/app/", cfg.Web)
	}
	mux.Handle("GET "+DocsPath, &reference{oapi: a.OpenAPI()})
	registerHome(mux, cfg)
	if cfg.Pprof {
		registerPprof(mux, svc)
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblemJSON(w, r, http.StatusForbidden, "a cross-origin request that changes something is refused")
	}))
	return secure(clientAddress(logged(cop.Handler(hygienic(mux, cfg)), cfg.Logger, cfg.Metrics), cfg.TrustedProxies))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// secure sets headers that keep browsers from sniffing, framing or caching
// API answers.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection, e.g. to move a
// long stream's write deadline.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logged gives every request an id, writes one structured log line per
// request and, with metrics, counts it by the route pattern it matched.
// The request passed on is the one the mux routes, so its Pattern is
// known once it is answered.
func logged(next http.Handler, log *slog.Logger, m *metrics.Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r = withRequestID(r, w)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		took := time.Since(start)
		log.InfoContext(r.Context(), "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("route", r.Pattern), slog.String("client", hostOf(r.RemoteAddr)), slog.Int("status", rec.status), slog.Duration("took", took))
		if m != nil {
			m.ObserveRequest(r.Pattern, r.Method, rec.status, took)
		}
	})
}
