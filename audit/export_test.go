package audit

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// export writes entries and checkpoints as an export.
func export(t testing.TB, entries []Entry, cps []Checkpoint) []byte {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{ExportedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), PublicKey: lastKey(cps)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		w.Entry(e)
	}
	for _, c := range cps {
		w.Checkpoint(c)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func lastKey(cps []Checkpoint) string {
	if len(cps) == 0 {
		return ""
	}
	return cps[len(cps)-1].PublicKey
}

// sortedLog returns n entries in chain and sequence order, as exports hold
// them, with a checkpoint after the first half and one at the end.
func sortedLog(t testing.TB, n int, priv ed25519.PrivateKey) ([]Entry, []Checkpoint) {
	all := chainOf(n)
	c1, err := Sign(1, headsOf(t, all[:n/2]), time.Now(), priv)
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := Sign(2, headsOf(t, all), time.Now(), priv)
	var sorted []Entry
	for c := range Chains {
		for _, e := range all {
			if e.Chain == c {
				sorted = append(sorted, e)
			}
		}
	}
	return sorted, []Checkpoint{c1, c2}
}

func TestVerifyExportIntact(t *testing.T) {
	pub, priv := mustKey(t)
	entries, cps := sortedLog(t, 60, priv)
	for _, keys := range [][]ed25519.PublicKey{{pub}, nil} {
		rep, err := VerifyExport(bytes.NewReader(export(t, entries, cps)), keys)
		if err != nil || rep.Entries != 60 || rep.Checkpoints != 2 {
			t.Fatalf("intact export with keys %v: %+v, %v", keys, rep, err)
		}
	}
	rep, err := VerifyExport(bytes.NewReader(export(t, nil, nil)), nil)
	if err != nil || rep.Entries != 0 {
		t.Fatalf("empty export: %+v, %v", rep, err)
	}
}

func TestVerifyExportNamesBrokenEntry(t *testing.T) {
	pub, priv := mustKey(t)
	entries, cps := sortedLog(t, 60, priv)
	last := len(entries) - 1 // the last entry of chain entries[last].Chain
	for _, tc := range []struct {
		name   string
		tamper func([]Entry) []Entry
		i      int // the entry to be named
	}{
		{"changed", func(es []Entry) []Entry { es[10].Actor = "mallory"; return es }, 10},
		{"removed", func(es []Entry) []Entry { return append(es[:10:10], es[11:]...) }, 10},
		{"reordered", func(es []Entry) []Entry { es[10], es[11] = es[11], es[10]; return es }, 10},
		{"truncated", func(es []Entry) []Entry { return es[:last] }, last},
		{"chain re-hashed from an entry on", func(es []Entry) []Entry {
			es[last].Actor = "mallory"
			es[last].Hash = es[last].ComputeHash()
			return es
		}, last},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := entries[tc.i]
			tampered := tc.tamper(append([]Entry(nil), entries...))
			_, err := VerifyExport(bytes.NewReader(export(t, tampered, cps)), []ed25519.PublicKey{pub})
			var b *Break
			if !errors.As(err, &b) || b.Chain != want.Chain || b.Seq != want.Seq {
				t.Fatalf("got %v, want a break at chain %d entry %d", err, want.Chain, want.Seq)
			}
		})
	}
	t.Run("truncation without a checkpoint goes unseen", func(t *testing.T) {
		if _, err := VerifyExport(bytes.NewReader(export(t, entries[:last], nil)), nil); err != nil {
			t.Fatalf("got %v; checkpoints are what catches truncation", err)
		}
	})
}

func TestVerifyExportRejectsBadCheckpointsAndFiles(t *testing.T) {
	pub, priv := mustKey(t)
	otherPub, otherPriv := mustKey(t)
	entries, cps := sortedLog(t, 30, priv)
	forged, _ := Sign(2, cps[1].Heads, time.Now(), otherPriv)
	badSig := cps[1]
	badSig.At = badSig.At.Add(time.Hour)
	good := string(export(t, entries, cps))
	for _, tc := range []struct {
		name string
		file string
		keys []ed25519.PublicKey
		want string
	}{
		{"bad signature", string(export(t, entries, []Checkpoint{cps[0], badSig})), []ed25519.PublicKey{pub}, "checkpoint 2: bad signature"},
		{"signed by another key", string(export(t, entries, []Checkpoint{cps[0], forged})), []ed25519.PublicKey{pub}, "checkpoint 2: signed by unknown key"},
		{"not the trusted key", good, []ed25519.PublicKey{otherPub}, "checkpoint 1: signed by unknown key"},
		{"checkpoint removed", string(export(t, entries, cps[1:])), nil, "checkpoint 2: expected checkpoint 1"},
		{"cut short", good[:strings.LastIndex(good, `{"end"`)], nil, "no end line"},
		{"end line wrong", strings.Replace(good, `"entries":30`, `"entries":31`, 1), nil, "end line counts 31"},
		{"not an export", "{}\n", nil, "not a Sojourn audit export"},
		{"not JSON", "hello\n", nil, "line 1: not an export line"},
		{"entry after checkpoints", strings.Replace(good, `{"end"`, strings.SplitAfter(good, "\n")[1]+`{"end"`, 1), nil, "an entry after the checkpoints"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := VerifyExport(strings.NewReader(tc.file), tc.keys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// BenchmarkVerifyExport verifies an export file of 1M entries (16 chains,
// two checkpoints) from disk, as `sojourn audit verify` does.
func BenchmarkVerifyExport(b *testing.B) {
	const n = 1_000_000
	pub, priv := mustKey(b)
	entries, cps := sortedLog(b, n, priv)
	file := filepath.Join(b.TempDir(), "audit.jsonl")
	if err := os.WriteFile(file, export(b, entries, cps), 0o600); err != nil {
		b.Fatal(err)
	}
	entries = nil
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := VerifyExport(f, []ed25519.PublicKey{pub}); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}

// TestVerifyExportNamesLinesAcrossBatches breaks a line far into a long
// export: lines are decoded in parallel batches, and the error still names
// the right line, and a broken entry the right entry.
func TestVerifyExportNamesLinesAcrossBatches(t *testing.T) {
	pub, priv := mustKey(t)
	entries, cps := sortedLog(t, 3000, priv)
	lines := strings.SplitAfter(string(export(t, entries, cps)), "\n")
	garbled := append([]string{}, lines...)
	garbled[2500] = "{not json\n"
	if _, err := VerifyExport(strings.NewReader(strings.Join(garbled, "")), []ed25519.PublicKey{pub}); err == nil ||
		!strings.HasPrefix(err.Error(), "line 2501: not an export line") {
		t.Fatalf("garbled line: %v", err)
	}
	changed := append([]Entry{}, entries...)
	changed[2222].Actor = "mallory"
	_, err := VerifyExport(bytes.NewReader(export(t, changed, cps)), []ed25519.PublicKey{pub})
	var b *Break
	if !errors.As(err, &b) || b.Chain != changed[2222].Chain || b.Seq != changed[2222].Seq {
		t.Fatalf("changed entry %d: %v", 2222, err)
	}
}
