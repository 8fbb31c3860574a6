package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestInternalErrorLogged — an internal error answers a bare 500 with a
// request id, and the log holds the cause under that id; the cause never
// reaches the client.
func TestInternalErrorLogged(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s.store.Close() // every query now fails inside the server
		r := s.call(s.admin, "GET", "/api/v1/authorities", nil)
		if r.Status != http.StatusInternalServerError {
			t.Fatalf("got %s, want 500", r)
		}
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			t.Fatal("no X-Request-Id header")
		}
		if strings.Contains(string(r.Body), "closed") {
			t.Errorf("the answer shows the cause: %s", r)
		}
		var line string
		for l := range strings.Lines(s.logs.String()) {
			if strings.Contains(l, "request_id="+id) {
				line = l
			}
		}
		if !strings.Contains(line, "internal error") || !strings.Contains(line, "closed") {
			t.Errorf("no log line with the request id %s and the cause; log:\n%s", id, s.logs)
		}
	})
}
