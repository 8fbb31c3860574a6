package jobs_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sojourn"
	"sojourn/audit"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
	"sojourn/store/storetest"
	"sojourn/witness"
)

// TestMaintenanceRound — a service's queue runs the maintenance round on
// start (and then every interval): with an audit key configured it signs a
// checkpoint of the audit chains, which verifies with the public key, and
// writes it to the configured witness.
func TestMaintenanceRound(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Open(t, dialect)
			pub, priv, err := audit.GenerateKey()
			if err != nil {
				t.Fatal(err)
			}
			cfg := service.DefaultConfig()
			cfg.AuditKey = priv
			witnessFile := filepath.Join(t.TempDir(), "witness.jsonl")
			cfg.Witness = &witness.File{Path: witnessFile}
			defer startMaintenance(t, st, service.New(st, cfg), io.Discard)()
			deadline := time.Now().Add(30 * time.Second)
			for time.Now().Before(deadline) {
				var cps []audit.Checkpoint
				if err := st.Read(ctx, func(tx *store.Tx) (err error) {
					cps, err = tx.Checkpoints(ctx)
					return err
				}); err != nil {
					t.Fatal(err)
				}
				held, _ := os.ReadFile(witnessFile)
				if len(cps) > 0 && len(held) > 0 {
					if err := cps[0].Verify(pub); err != nil {
						t.Fatalf("checkpoint does not verify: %v", err)
					}
					if w, err := audit.ReadWitness(bytes.NewReader(held)); err != nil || len(w) == 0 || w[0].Root != cps[0].Root {
						t.Fatalf("the witness holds %+v, %v; the database %+v", w, err, cps[0])
					}
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
			t.Fatal("no checkpoint was signed and witnessed by the maintenance round")
		})
	}
}

// TestMaintenanceCountsDueCorrespondence — the maintenance round logs how
// many registered items are due for destruction.
func TestMaintenanceCountsDueCorrespondence(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Open(t, dialect)
			svc := service.New(st, service.DefaultConfig())
			sys := service.WithActor(ctx, sojourn.System)
			if _, err := svc.CreateAuthority(sys, sojourn.AuthorityInput{Code: "VRD", Name: "Visa department", Kind: "department",
				Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01")}}); err != nil {
				t.Fatal(err)
			}
			series, err := svc.CreateSeries(sys, sojourn.SeriesInput{Authority: "VRD", Code: "ld", Format: "{n}/ld"})
			if err != nil {
				t.Fatal(err)
			}
			for _, retention := range []string{"1y", "permanent"} {
				if _, err := svc.RegisterItem(sys, sojourn.ItemInput{SeriesID: series.ID, Kind: sojourn.ItemNote, Direction: sojourn.DirectionInternal,
					Date: sojourn.MustDate("1950-01-01"), Sender: sojourn.Party{Authority: "VRD"}, Addressee: sojourn.Party{Authority: "VRD"},
					Subject: "note", Retention: retention}); err != nil {
					t.Fatal(err)
				}
			}
			logs := &syncBuffer{}
			defer startMaintenance(t, st, svc, logs)()
			for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if strings.Contains(logs.String(), `msg="correspondence due for destruction`) {
					if !strings.Contains(logs.String(), "count=1") {
						t.Fatalf("log: %s", logs.String())
					}
					return
				}
			}
			t.Fatalf("the maintenance round did not count the item due: %s", logs.String())
		})
	}
}

// startMaintenance starts a service's job queue, which runs the
// maintenance round at once and then hourly, logging to logs; it returns
// the function that stops it.
func startMaintenance(t *testing.T, st *store.Store, svc *service.Service, logs io.Writer) (stop func()) {
	q, err := jobs.ForService(context.Background(), st, svc, jobs.Config{Poll: 100 * time.Millisecond,
		Maintenance: time.Hour, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	stop, err = q.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return stop
}

// syncBuffer is a log destination safe for the job queue's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
