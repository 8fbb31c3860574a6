package audit

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// chainOf builds n valid entries about objects spread over chains, in
// append order; every third carries the digest of a row it wrote.
func chainOf(n int) []Entry {
	heads := map[int]*Entry{}
	var out []Entry
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		obj := fmt.Sprintf("case/%d", i%5)
		e := Next(heads[ChainOf(obj)], Entry{At: at.Add(time.Duration(i) * time.Second), Actor: "olga", Action: "case.decide",
			Object: obj, Digest: Keyed([]byte("test key"), []byte(obj)), Rows: rowsOf(i)})
		heads[e.Chain] = &e
		out = append(out, e)
	}
	return out
}

// rowsOf returns the row digests entry i of chainOf carries.
func rowsOf(i int) string {
	if i%3 != 0 {
		return ""
	}
	return FormatRows([]RowDigest{{Table: "cases", ID: int64(i % 5), Version: int64(i/5 + 1), Columns: 2,
		Digest: DigestRow([]byte("test key"), "cases", []string{"id", "state"}, []any{int64(i % 5), fmt.Sprint(i)})}})
}

func TestVerifyIntact(t *testing.T) {
	entries := chainOf(40)
	rep, err := Verify(entries)
	if err != nil || rep.Entries != 40 {
		t.Fatalf("intact log: %v, %+v", err, rep)
	}
}

func TestVerifyNamesFirstBrokenEntry(t *testing.T) {
	base := chainOf(40)
	target := base[17] // some entry in the middle of its chain
	find := func(entries []Entry, seq int64) int {
		for i, e := range entries {
			if e.Chain == target.Chain && e.Seq == seq {
				return i
			}
		}
		t.Fatal("entry not found")
		return -1
	}
	for _, tc := range []struct {
		name   string
		tamper func([]Entry) []Entry
		seq    int64
	}{
		{"changed", func(es []Entry) []Entry { es[find(es, target.Seq)].Actor = "mallory"; return es }, target.Seq},
		{"removed", func(es []Entry) []Entry {
			i := find(es, target.Seq)
			return append(es[:i:i], es[i+1:]...)
		}, target.Seq},
		{"reordered", func(es []Entry) []Entry {
			i, j := find(es, target.Seq), find(es, target.Seq+1)
			es[i], es[j] = es[j], es[i]
			return es
		}, target.Seq},
		{"rehashed after change", func(es []Entry) []Entry {
			i := find(es, target.Seq)
			es[i].Action = "case.forge"
			es[i].Hash = es[i].ComputeHash()
			return es
		}, target.Seq + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entries := tc.tamper(append([]Entry(nil), base...))
			_, err := Verify(entries)
			var b *Break
			if !errors.As(err, &b) || b.Chain != target.Chain || b.Seq != tc.seq {
				t.Fatalf("got %v, want a break at chain %d entry %d", err, target.Chain, tc.seq)
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	entries := chainOf(100000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Verify(entries); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(entries))*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}
