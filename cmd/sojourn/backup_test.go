package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sojourn/store/storetest"
)

// TestBackupUnderLoadRestoresAndVerifies takes a backup with `sojourn
// backup` while a real `sojourn serve` takes writes from four clients at
// once and a witnessed checkpoint is made, restores it (SQLite: the file
// is opened as it is; PostgreSQL: pg_restore into a fresh database) and
// runs `sojourn audit verify --db` on the restore: the log, every
// business row against it and every witnessed checkpoint (the newest one
// taken under that load) hold.
func TestBackupUnderLoadRestoresAndVerifies(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			db, pub, priv, witness := witnessedDB(t, dialect)
			clerk := lastWord.FindStringSubmatch(mustCLI(t, "user", "add", "--db", db, "--name", "loader", "--role", "clerk", "--authority", "VRD"))[1]
			addr, _, stop := startServe(t, "--db", db)
			load := startLoad(addr, clerk, 4)
			load.await(20)
			mustCLI(t, "audit", "checkpoint", "--db", db, "--audit-key", priv, "--audit-witness", witness)
			load.await(40)
			file := filepath.Join(t.TempDir(), "sojourn.backup")
			before := load.writes.Load()
			if out := mustCLI(t, "backup", "--db", db, "--out", file); !strings.Contains(out, "backup written to "+file) {
				t.Fatalf("backup: %q", out)
			}
			load.await(60)
			if err := load.stop(); err != nil {
				t.Fatalf("a write under load failed: %v", err)
			}
			stop()
			if _, err := runCLI(t, "backup", "--db", db, "--out", file); err == nil || !strings.Contains(err.Error(), "exists already") {
				t.Fatalf("a backup over an existing file: %v", err)
			}
			restored := restore(t, dialect, db, file)
			if n := countLoadWrites(t, dialect, restored); n < before || n > load.writes.Load() {
				t.Fatalf("the restore holds %d of the documents written under load; %d were written before the backup began, %d in all",
					n, before, load.writes.Load())
			}
			out, err := runCLI(t, "audit", "verify", "--db", restored, "--key", pub, "--witness", witness)
			if err != nil || !strings.Contains(out, "the log extends all 3 witnessed checkpoints") || !strings.Contains(out, "rows match their audited digests") {
				t.Fatalf("verify the restore: %q, %v", out, err)
			}
		})
	}
}

// countLoadWrites counts the documents the load wrote into db.
func countLoadWrites(t *testing.T, dialect, db string) int64 {
	raw := rawDB(t, dialect, db)
	defer raw.Close()
	var n int64
	if err := raw.QueryRow("SELECT count(*) FROM documents WHERE number LIKE 'L%'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// restore makes a database of a backup file and returns its address.
func restore(t *testing.T, dialect, db, file string) string {
	if dialect == "sqlite" {
		return file
	}
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	name := "restore_" + randomName()
	raw := rawDB(t, dialect, db)
	defer raw.Close()
	if _, err := raw.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		raw := rawDB(t, dialect, db)
		defer raw.Close()
		raw.Exec("DROP DATABASE " + name + " WITH (FORCE)")
	})
	u.Path = "/" + name
	target, _, err := libpqURL(u.String())
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pg_restore", "--no-owner", "--exit-on-error", "--dbname="+target, file).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	return u.String() // with the same search_path: the schema is restored under its name
}

func randomName() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// load is clients writing over HTTP until stopped.
type load struct {
	done   chan struct{}
	wg     sync.WaitGroup
	writes atomic.Int64
	mu     sync.Mutex
	err    error
}

// startLoad starts n clients adding documents to person 1 as fast as the
// server takes them.
func startLoad(addr, token string, n int) *load {
	l := &load{done: make(chan struct{})}
	for c := range n {
		l.wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-l.done:
					return
				default:
				}
				if err := postDocument(addr, token, fmt.Sprintf("L%d-%d", c, i)); err != nil {
					l.mu.Lock()
					l.err = err
					l.mu.Unlock()
					return
				}
				l.writes.Add(1)
			}
		})
	}
	return l
}

// await waits until at least n writes have succeeded in all, or a client
// has failed.
func (l *load) await(n int64) {
	for l.writes.Load() < n {
		l.mu.Lock()
		failed := l.err != nil
		l.mu.Unlock()
		if failed {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stop stops the clients and returns the first failure.
func (l *load) stop() error {
	close(l.done)
	l.wg.Wait()
	return l.err
}

func postDocument(addr, token, number string) error {
	b, _ := json.Marshal(map[string]any{"kind": "passport", "number": number, "issuing_state": "CS", "valid_from": "1930-01-01"})
	req, _ := http.NewRequest(http.MethodPost, addr+"/api/v1/persons/1/documents", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	msg, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		return fmt.Errorf("POST document %s: %d %s", number, res.StatusCode, msg)
	}
	return nil
}
