package audit

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzParseEntry checks that the fast path accepts what Writer writes and
// agrees with encoding/json on every line it accepts.
func FuzzParseEntry(f *testing.F) {
	for _, e := range chainOf(3) {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, Header{})
		w.w.Flush()
		buf.Reset()
		w.Entry(e)
		w.w.Flush()
		line := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got, ok := parseEntry(line); !ok || got != e {
			f.Fatalf("fast path refused or changed a written entry: %s", line)
		}
		f.Add(line)
	}
	f.Add([]byte(`{"chain":01,"seq":1,"at":"2026-01-01T00:00:00Z","actor":"a\u0041","action":"","object":"","digest":"","prev_hash":"","hash":""}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fast, ok := parseEntry(b)
		if !ok {
			return
		}
		var std Entry
		if err := json.Unmarshal(b, &std); err != nil {
			t.Fatalf("fast path accepted what encoding/json refuses (%v): %s", err, b)
		}
		if !fast.At.Equal(std.At) || fast.ComputeHash() != std.ComputeHash() || fast.Hash != std.Hash {
			t.Fatalf("fast path %+v, encoding/json %+v", fast, std)
		}
	})
}
