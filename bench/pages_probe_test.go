package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"syscall"
	"testing"
	"time"

	"sojourn/api"
	"sojourn/service"
	"sojourn/store"
	"sojourn/web"
)

// cpuNow is the CPU time the process has used, user and system.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestPagesProbe times the person and case pages (pageRenders) on a
// population a `sojourn bench --population N --db FILE` run left in FILE
// (PAGES_DB; PAGES_CODE names its authority, P followed by digits), three
// rounds of 2,000 renders of each, logging the process's CPU time per
// render and the load average beside each round: built twice (go test -c)
// it compares two versions of the code on one population in one sitting,
// with a CPU profile by -test.cpuprofile. Skipped without PAGES_DB.
func TestPagesProbe(t *testing.T) {
	db, code := os.Getenv("PAGES_DB"), os.Getenv("PAGES_CODE")
	if db == "" {
		t.Skip("PAGES_DB")
	}
	ctx := context.Background()
	cfg := store.DefaultConfig()
	cfg.DB = db
	st, err := store.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(st, service.DefaultConfig())
	var ids []int64
	if err := st.Read(ctx, func(tx *store.Tx) error {
		ps, err := tx.ListPersons(ctx, code, 0, 1_000_000)
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	apiCfg := api.DefaultConfig()
	apiCfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	apiCfg.Web = web.New(svc, web.Config{Logger: apiCfg.Logger})
	srv := httptest.NewServer(api.Handler(svc, st.Ping, apiCfg))
	defer srv.Close()
	for round := range 3 {
		c0 := cpuNow()
		rs, err := pageRenders(ctx, svc, srv.URL, code, ids, 2000, 16)
		if err != nil {
			t.Fatal(err)
		}
		cpu := cpuNow() - c0
		load, _ := os.ReadFile("/proc/loadavg")
		for _, r := range rs {
			t.Logf("round %d: %v", round, r)
		}
		t.Logf("round %d: process CPU %v for %d renders = %v per render; loadavg %s", round, cpu, 4000, cpu/4000, load)
	}
}
