package api

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(6, 2) // one token every 10 s, two saved up
	l.now = func() time.Time { return now }
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.allow("olga"); ok != want {
			t.Fatalf("call %d: %v", i, ok)
		}
	}
	if ok, _ := l.allow("ivo"); !ok {
		t.Fatal("callers share a bucket")
	}
	_, wait := l.allow("olga")
	if wait <= 0 || wait > 10*time.Second {
		t.Fatalf("wait = %v", wait)
	}
	now = now.Add(10 * time.Second)
	if ok, _ := l.allow("olga"); !ok {
		t.Fatal("no token after 10 s")
	}
}
