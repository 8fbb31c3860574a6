package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// fuzzTargets are the POST endpoints whose bodies FuzzBodies throws bytes at.
var fuzzTargets = []string{
	"/api/v1/authorities", "/api/v1/sponsors", "/api/v1/persons", "/api/v1/persons/1/documents",
	"/api/v1/cases", "/api/v1/cases/1/evidence", "/api/v1/cases/1/decision", "/api/v1/cases/1/appeal",
	"/api/v1/cases/1/close", "/api/v1/persons/1/facts/1/corrections", "/api/v1/users", "/api/v1/session",
	"/api/v1/users/admin/tokens", "/api/v1/sponsors/IAS/accreditations",
	"/api/v1/persons/1/corrections", "/api/v1/persons/1/documents/1/corrections",
}

// fuzzServer is a server with one office, person, case and fact, so that
// fuzzed requests reach real handlers rather than 404s.
func fuzzServer(t testing.TB) *server {
	s := newServer(t, "sqlite")
	vrd := s.setupOffice("VRD", "Visa and Registration Department")
	s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
	p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
	s.grantPermit(vrd, p, "1937-11-10", "1938-11-09")
	return s
}

// FuzzBodies — no request body, however malformed, makes the server fail
// with a 5xx or answer with anything but JSON.
func FuzzBodies(f *testing.F) {
	for i := range fuzzTargets {
		f.Add(uint8(i), []byte(`{"name":"x","code":"AB","kind":"office","valid_from":"1937-02-30"}`))
		f.Add(uint8(i), []byte(`{"outcome":"grant","grounds":"g","decided_on":"1938-01-01","surprise":[1,{}]}`))
		f.Add(uint8(i), []byte(`[{"names":[{"script":"Latin","family":"\u0000"}]}]`))
	}
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, target uint8, body []byte) {
		s := s.with(t).malformed()
		r := s.call(s.admin, "POST", fuzzTargets[int(target)%len(fuzzTargets)], body)
		if r.Status >= 500 {
			t.Fatalf("%s: %s", fuzzTargets[int(target)%len(fuzzTargets)], r)
		}
	})
}

// FuzzQuery — no query string makes the status or lapse endpoints fail
// with a 5xx.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"on=1938-01-01", "on=1937-02-30&known_at=x", "days=-5", "on=%00", "known_at=2026-01-01T00:00:00Z"} {
		f.Add(q)
	}
	s := fuzzServer(f)
	f.Fuzz(func(t *testing.T, query string) {
		s := s.with(t).malformed()
		if _, err := url.ParseRequestURI("/x?" + query); err != nil || strings.ContainsFunc(query, unsendable) {
			return // not a query string a client could send
		}
		if _, err := url.ParseQuery(query); err != nil {
			return
		}
		for _, p := range []string{"/api/v1/persons/1/status?", "/api/v1/lapses?", "/api/v1/cases?"} {
			if r := s.call(s.admin, "GET", p+query, nil); r.Status >= 500 {
				t.Fatalf("%s%s: %s", p, query, r)
			}
		}
	})
}

// unsendable reports whether a client must percent-encode r in a request
// line: a space or a control character (sent raw, the request line is
// malformed and net/http refuses it before Sojourn sees it), or a '#',
// which begins a fragment that no client sends.
func unsendable(r rune) bool { return r <= ' ' || r == 0x7f || r == '#' }

// TestRateLimit — expensive reports are limited per caller with 429 and
// Retry-After; other callers are unaffected.
func TestRateLimit(t *testing.T) {
	s := newServer(t, "sqlite")
	vrd := s.setupOffice("VRD", "Visa and Registration Department")
	var last response
	for range 12 {
		if last = s.call(vrd.officer, "GET", "/api/v1/lapses?on=1938-01-01", nil); last.Status != http.StatusOK {
			break
		}
	}
	if last.Status != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("after a burst of reports: %s", last)
	}
	s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/lapses?on=1938-01-01", nil)
	s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/persons", nil)
}
