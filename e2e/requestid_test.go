package e2e

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"sojourn/api"
	"sojourn/service"
)

// TestRequestIDs — every answer carries an X-Request-Id; a problem
// document names it as its instance (urn:sojourn:request:ID); an id sent
// by a trusted proxy is kept, one sent by anybody else is replaced; and
// every log line written for a request, the access line and an internal
// error's alike, holds its id.
func TestRequestIDs(t *testing.T) {
	logs := &logBuffer{}
	p := behindProxy(t, "sqlite", func(c *api.Config) {
		c.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	})
	s := p.server
	direct, proxied := p.client(t, "127.0.1.1", false), p.client(t, "127.0.1.2", true)

	r := direct.call(s.admin, "GET", "/api/v1/persons/999999", nil, "X-Request-Id: forged-by-a-client")
	if id := r.Header.Get("X-Request-Id"); id == "" || id == "forged-by-a-client" {
		t.Fatalf("a client's own X-Request-Id from an untrusted peer was answered as %q", id)
	}
	r.withoutInstance() // fails unless the document names the answered id
	r = proxied.call(s.admin, "GET", "/api/v1/persons/999999", nil, "X-Request-Id: edge-7f3a-0001")
	if id := r.Header.Get("X-Request-Id"); id != "edge-7f3a-0001" {
		t.Fatalf("the trusted proxy's X-Request-Id was answered as %q", id)
	}
	if !strings.Contains(string(r.Body), `"instance":"urn:sojourn:request:edge-7f3a-0001"`) {
		t.Fatalf("problem document: %s", r)
	}
	if id := proxied.call(s.admin, "GET", "/healthz", nil, "X-Request-Id: two words=\"quoted\"").Header.Get("X-Request-Id"); strings.Contains(id, "words") {
		t.Fatalf("an id that is not a plain token was kept: %q", id)
	}

	s.store.Close() // every query now fails inside the server
	r = proxied.call(s.admin, "GET", "/api/v1/authorities", nil, "X-Request-Id: edge-7f3a-0002")
	if r.Status != http.StatusInternalServerError {
		t.Fatalf("with the database closed: %s", r)
	}
	msgs := map[string]bool{}
	for line := range strings.Lines(logs.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["request_id"] == nil {
			t.Errorf("a log line without a request id: %s", line)
		}
		if rec["request_id"] == "edge-7f3a-0002" {
			msgs[rec["msg"].(string)] = true
		}
	}
	if !msgs["internal error"] || !msgs["request"] {
		t.Errorf("the failed request's log lines: %v; want its internal error and its access line", msgs)
	}
}

// TestPprofOnlyForAdmins — with profiling on, /debug/pprof/ answers an
// administrator and nobody else (the same 404 as with profiling off).
func TestPprofOnlyForAdmins(t *testing.T) {
	on := newServerAPI(t, "sqlite", service.Config{}, -1, func(c *api.Config) { c.Pprof = true })
	off := newServer(t, "sqlite")
	vrd := on.setupOffice("VRD", "Visa and Registration Department")
	if r := on.call(on.admin, "GET", "/debug/pprof/", nil); r.Status != http.StatusOK || !strings.Contains(string(r.Body), "goroutine") {
		t.Fatalf("an administrator, profiling on: %d", r.Status)
	}
	if r := on.call(on.admin, "GET", "/debug/pprof/goroutine?debug=1", nil); r.Status != http.StatusOK {
		t.Fatalf("a profile, profiling on: %d", r.Status)
	}
	for name, r := range map[string]response{
		"a clerk":                         on.call(vrd.clerk, "GET", "/debug/pprof/", nil),
		"an officer":                      on.call(vrd.officer, "GET", "/debug/pprof/goroutine", nil),
		"nobody signed in":                on.call("", "GET", "/debug/pprof/", nil),
		"a bad token":                     on.call("sj_not-a-token", "GET", "/debug/pprof/", nil),
		"an administrator, profiling off": off.call(off.admin, "GET", "/debug/pprof/", nil),
	} {
		if r.Status != http.StatusNotFound {
			t.Errorf("%s: %d", name, r.Status)
		}
	}
}
