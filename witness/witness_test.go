package witness

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sojourn/audit"
)

// checkpoints signs checkpoint 1 over chains of length n1 and checkpoint 2
// over length n2.
func checkpoints(t *testing.T, n1, n2 int64) (audit.Checkpoint, audit.Checkpoint) {
	_, priv, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	heads := func(n int64) []audit.Head {
		hs := make([]audit.Head, audit.Chains)
		for i := range hs {
			hs[i] = audit.Head{Chain: i, Seq: n, Hash: strings.Repeat("a", 64)}
		}
		return hs
	}
	c1, err := audit.Sign(1, heads(n1), time.Now(), priv)
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := audit.Sign(2, heads(n2), time.Now(), priv)
	return c1, c2
}

func TestFileWitnessAppendsAndRefusesACutLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "witness.jsonl")
	w, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c1, c2 := checkpoints(t, 5, 7)
	for _, c := range []audit.Checkpoint{c1, c2} {
		if err := w.Append(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	f, _ := os.Open(path)
	held, err := audit.ReadWitness(f)
	f.Close()
	if err != nil || len(held) != 2 || held[1].Root != c2.Root {
		t.Fatalf("witness holds %+v, %v", held, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("witness file mode %v", info.Mode())
	}
	if err := w.Append(ctx, c2); err == nil || !strings.Contains(err.Error(), "holds checkpoint 2 already") {
		t.Fatalf("checkpoint 2 again: %v", err)
	}
	_, shorter := checkpoints(t, 5, 6)
	shorter.Seq = 3
	if err := w.Append(ctx, shorter); err == nil || !strings.Contains(err.Error(), "entries were removed") {
		t.Fatalf("a shorter chain: %v", err)
	}
}

func TestURLWitnessPostsEachCheckpoint(t *testing.T) {
	var got []string
	status := http.StatusCreated
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.Header.Get("Content-Type")+" "+string(b))
		w.WriteHeader(status)
	}))
	defer srv.Close()
	w, err := Open(srv.URL + "/witness")
	if err != nil {
		t.Fatal(err)
	}
	c1, c2 := checkpoints(t, 1, 2)
	if err := w.Append(context.Background(), c1); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], `POST application/json {"seq":1,`) {
		t.Fatalf("witness service got %q", got)
	}
	status = http.StatusServiceUnavailable
	if err := w.Append(context.Background(), c2); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("refused by the witness service: %v", err)
	}
}
