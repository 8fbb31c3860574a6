package jobs_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

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
			q, err := jobs.ForService(ctx, st, service.New(st, cfg), jobs.Config{Poll: 100 * time.Millisecond,
				Maintenance: time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			stop, err := q.Start(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
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
