package main

import (
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestServeMetricsListener: serve --metrics-addr serves the metrics on a
// listener of its own; the public one does not serve them.
func TestServeMetricsListener(t *testing.T) {
	addr, printed, stop := startServe(t, "--db", filepath.Join(t.TempDir(), "m.db"), "--metrics-addr", "127.0.0.1:0")
	defer stop()
	m := regexp.MustCompile(`metrics on (http://\S+)`).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no metrics address printed: %q", printed)
	}
	get := func(url string) (int, string) {
		res, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	get(addr + "/healthz")
	if status, body := get(m[1]); status != http.StatusOK ||
		!strings.Contains(body, `sojourn_http_requests_total{method="GET",route="GET /healthz",status="200"} 1`) ||
		!strings.Contains(body, `sojourn_db_connections{pool="writer",state="idle"}`) {
		t.Fatalf("metrics: %d %s", status, body)
	}
	if status, body := get(addr + "/metrics"); status == http.StatusOK || strings.Contains(body, "sojourn_") {
		t.Fatalf("the public listener serves metrics: %d", status)
	}
}
