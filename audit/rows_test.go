package audit

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRowDigestsAreKeyedAndCoverEveryColumn(t *testing.T) {
	key := []byte("installation key")
	cols := []string{"id", "grounds", "retracted", "decided_on", "permit_id"}
	vals := []any{int64(4), "risk to life", false, time.Date(1938, 3, 1, 0, 0, 0, 0, time.UTC), nil}
	d := DigestRow(key, "decisions", cols, vals)
	if len(d) != 32 {
		t.Fatalf("digest %q", d)
	}
	for i := range vals {
		changed := append([]any{}, vals...)
		changed[i] = int64(5)
		if DigestRow(key, "decisions", cols, changed) == d {
			t.Errorf("changing column %s leaves the digest", cols[i])
		}
	}
	if DigestRow([]byte("other key"), "decisions", cols, vals) == d || DigestRow(key, "cases", cols, vals) == d {
		t.Error("the digest ignores the key or the table")
	}
	if Keyed(key, []byte("person/4")) == Keyed([]byte("other key"), []byte("person/4")) {
		t.Error("the content digest ignores the key")
	}
}

func TestRowsRoundTripAndAreHashed(t *testing.T) {
	rows := []RowDigest{{"cases", 12, 3, 13, strings.Repeat("a", 32)}, {"status_facts", 4, 1, 14, strings.Repeat("b", 32)}}
	s := FormatRows(rows)
	got, err := ParseRows(s)
	if err != nil || len(got) != 2 || got[0] != rows[0] || got[1] != rows[1] {
		t.Fatalf("round trip of %q: %v, %v", s, got, err)
	}
	for _, bad := range []string{"cases:12:3:13", "cases:x:3:13:" + strings.Repeat("a", 32), "cases:12:0:13:" + strings.Repeat("a", 32), ":1:1:1:" + strings.Repeat("a", 32)} {
		if _, err := ParseRows(bad); err == nil {
			t.Errorf("ParseRows(%q) accepted", bad)
		}
	}
	e := Next(nil, Entry{At: time.Now(), Actor: "olga", Action: "case.decide", Object: "case/12", Rows: s})
	e.Rows = FormatRows(rows[:1])
	if e.ComputeHash() == e.Hash {
		t.Fatal("the hash does not cover the row digests")
	}
}

func TestRowIndexNamesChangedMissingAndUnauditedRows(t *testing.T) {
	key := []byte("k")
	cols := []string{"id", "classification"}
	digest := func(v string) string { return DigestRow(key, "cases", cols, []any{int64(1), v}) }
	x := NewRowIndex()
	for i, v := range []string{"unclassified", "secret"} {
		e := Entry{Chain: i, Seq: 1, Rows: FormatRows([]RowDigest{{"cases", 1, int64(i + 1), 2, digest(v)}, {"cases", 2, 1, 2, digest("x")}})}
		if err := x.Add(e); err != nil && i == 0 {
			t.Fatal(err)
		}
	}
	var re *RowError
	if err := x.Check(key, "cases", 1, cols, []any{int64(1), "unclassified"}); !errors.As(err, &re) || !strings.Contains(re.Reason, "differs") {
		t.Fatalf("declassified: %v", err)
	}
	if err := x.Check(key, "cases", 1, cols, []any{int64(1), "secret"}); err != nil {
		t.Fatalf("latest version: %v", err)
	}
	if err := x.Check(key, "cases", 3, cols, []any{int64(3), "secret"}); !errors.As(err, &re) || !strings.Contains(re.Reason, "no audit entry") {
		t.Fatalf("unaudited row: %v", err)
	}
	if err := x.Missing(); !errors.As(err, &re) || re.ID != 2 || !strings.Contains(re.Reason, "missing") {
		t.Fatalf("deleted row: %v", err)
	}
	forged := Entry{Chain: 5, Seq: 9, Rows: FormatRows([]RowDigest{{"cases", 1, 2, 2, digest("unclassified")}})}
	var b *Break
	if err := x.Add(forged); !errors.As(err, &b) || b.Chain != 5 {
		t.Fatalf("two digests for one version: %v", err)
	}
}
