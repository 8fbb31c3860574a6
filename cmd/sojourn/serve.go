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
	"os"
	"time"

	"sojourn/api"
	"sojourn/demo"
	"sojourn/reqid"
	"sojourn/service"
	"sojourn/store"
	"sojourn/web"
)

func init() {
	commands["serve"] = command{"serve the API (--addr, --db, --demo)", serve}
}

// serveConfig is what serve is told by flags and SOJOURN_* variables.
type serveConfig struct {
	db, addr, logLevel, auditKey         string
	auditWitness, publicURL, attachments string
	demo                                 bool
	maxBody                              int64
	maintenance                          time.Duration
	net                                  netConfig
	ops                                  opsConfig
}

func serveFlags(args []string) (serveConfig, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c serveConfig
	fs.StringVar(&c.db, "db", envOr("SOJOURN_DB", store.DefaultConfig().DB), "database: SQLite file or postgres:// URL [SOJOURN_DB]")
	fs.StringVar(&c.addr, "addr", envOr("SOJOURN_ADDR", "127.0.0.1:8080"), "address to listen on [SOJOURN_ADDR]")
	fs.StringVar(&c.logLevel, "log-level", envOr("SOJOURN_LOG_LEVEL", "info"), "debug, info, warn or error [SOJOURN_LOG_LEVEL]")
	fs.BoolVar(&c.demo, "demo", envOr("SOJOURN_DEMO", "") == "true", "load the fictional demo data set and print a token [SOJOURN_DEMO=true]")
	fs.StringVar(&c.publicURL, "public-url", envOr("SOJOURN_PUBLIC_URL", ""),
		"base URL of the public permit check printed in permits' QR codes, e.g. https://permits.example.org; default http://ADDR [SOJOURN_PUBLIC_URL]")
	fs.Int64Var(&c.maxBody, "max-body", api.DefaultConfig().MaxBodyBytes, "largest request body in bytes")
	fs.StringVar(&c.attachments, "attachments", envOr("SOJOURN_ATTACHMENTS", ""), "keep correspondence attachments in this directory (by SHA-256) instead of the database [SOJOURN_ATTACHMENTS]")
	key := auditKeyFlag(fs)
	witnessTarget := auditWitnessFlag(fs)
	fs.DurationVar(&c.maintenance, "maintenance", time.Hour, "how often overdue reports are flagged and, with --audit-key, the audit log is checkpointed")
	checkNet := netFlags(fs, &c.net)
	opsFlags(fs, &c.ops)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.auditKey, c.auditWitness = *key, *witnessTarget
	if c.publicURL == "" {
		c.publicURL = defaultPublicURL(c.net.scheme(), c.addr)
	}
	return c, checkNet()
}

// defaultPublicURL is the address served on as a URL, localhost when it
// names no host.
func defaultPublicURL(scheme, addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil && (host == "" || host == "0.0.0.0" || host == "::") {
		addr = net.JoinHostPort("localhost", port)
	}
	return scheme + "://" + addr
}

func serve(ctx context.Context, args []string, out io.Writer) error {
	c, err := serveFlags(args)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	logger := slog.New(reqid.Handler(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level})))
	st, err := openOrInit(ctx, c.db, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	scfg := service.DefaultConfig()
	scfg.AttachmentDir = c.attachments
	if c.auditKey != "" {
		if scfg.AuditKey, err = loadAuditKey(c.auditKey); err != nil {
			return err
		}
	}
	if scfg.Witness, err = openWitness(c.auditWitness); err != nil {
		return err
	}
	svc := service.New(st, scfg)
	stopJobs, err := startJobs(ctx, st, svc, logger, c.maintenance)
	if err != nil {
		return err
	}
	defer stopJobs()
	var logins []demo.Login
	if c.demo {
		if err := loadDemo(ctx, svc, out); err != nil {
			return err
		}
		if logins, err = demo.Logins(ctx, svc); err != nil {
			return fmt.Errorf("demo users: %w", err)
		}
	} else if err := setupHint(ctx, svc, out); err != nil {
		return err
	}
	cfg := api.DefaultConfig()
	cfg.Version, cfg.Logger, cfg.MaxBodyBytes, cfg.PublicURL = readBuild().Short(), logger, c.maxBody, c.publicURL
	cfg.TrustedProxies, cfg.Pprof = c.net.trusted, c.ops.pprof
	if cfg.Metrics, err = startMetrics(ctx, c.ops.metricsAddr, st, logger, out); err != nil {
		return err
	}
	cfg.Web = web.New(svc, web.Config{Logger: logger})
	return listen(ctx, c.addr, c.net, api.Handler(svc, st.Ping, cfg), logger, out, logins)
}

// openOrInit opens the database. A brand-new one is given the schema (zero
// set-up); an outdated one is refused until `sojourn migrate` has run.
func openOrInit(ctx context.Context, dsn string, logger *slog.Logger) (*store.Store, error) {
	cfg := store.DefaultConfig()
	cfg.DB = dsn
	st, err := store.Open(cfg)
	if err != nil {
		return nil, err
	}
	if !st.HasSchema(ctx) {
		applied, err := st.Migrate(ctx)
		if err != nil {
			st.Close()
			return nil, err
		}
		logger.Info("initialised new database", slog.Any("migrations", applied))
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// setupHint tells the operator of an empty database the next step.
func setupHint(ctx context.Context, svc *service.Service, out io.Writer) error {
	ok, err := svc.IsSetUp(ctx)
	if err != nil || ok {
		return err
	}
	_, err = fmt.Fprintln(out, "this database is empty: no user can log in yet. Next step: run `sojourn init` "+
		"with the same --db (it may run while this server does): it creates the first administrator with a one-time password "+
		"and puts the shipped policy packs in use; docs/install.md goes on from there. (`sojourn serve --demo` loads a fictional demo instead.)")
	return err
}

func loadDemo(ctx context.Context, svc *service.Service, out io.Writer) error {
	token, err := demo.Load(ctx, svc)
	if err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	fmt.Fprintf(out, "demo data loaded (fictional people); officer API token: %s\n", token)
	return nil
}

// listen serves until ctx ends, then shuts down gracefully.
// logins, when there are any (the demo), are printed with the web
// application's address.
func listen(ctx context.Context, addr string, nc netConfig, h http.Handler, logger *slog.Logger, out io.Writer, logins []demo.Login) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20, // the API refuses more than 64 KiB with a problem document (431)
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(out, "sojourn %s serving on %s://%s\n", readBuild().Short(), nc.scheme(), ln.Addr())
	if len(logins) > 0 {
		fmt.Fprintf(out, "open %s://%s/app/ and log in as one of (user / password):\n", nc.scheme(), ln.Addr())
		for _, l := range logins {
			fmt.Fprintf(out, "  %-8s %s / %s\n", l.Role, l.Name, l.Password)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- nc.serveOn(srv, ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
