package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sojourn/api"
	"sojourn/metrics"
	"sojourn/service"
	"sojourn/store/storetest"
)

// TestMetrics scrapes the metrics listener after some traffic: requests
// by route pattern (never the raw path) and status with latency
// histograms, decisions by outcome, the job queue, group-commit batch
// sizes, the audit head and the database pools are all there, with
// sensible labels; the public handler does not serve them.
func TestMetrics(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			m := metrics.New()
			s := newServerAPI(t, dialect, service.Config{}, -1, func(c *api.Config) { c.Metrics = m })
			m.WatchStore(s.store)
			scraper := httptest.NewServer(m.Handler())
			t.Cleanup(scraper.Close)

			rso := s.setupOffice("RSO", "Residence Office")
			person := s.person(rso.clerk, "RSO", "Ivo", "Marek", "1901-02-03")
			s.grantPermit(rso, person, "1937-01-01", "1938-12-31")
			w, _ := s.campaignWorld(1)
			s.startCampaign(w) // a job for the queue
			s.must(http.StatusNotFound, rso.clerk, "GET", "/api/v1/persons/999999", nil)
			if r := s.call("", "GET", "/metrics", nil); r.Status == http.StatusOK || strings.Contains(string(r.Body), "sojourn_") {
				t.Fatalf("the public handler serves metrics: %s", r)
			}

			text := scrape(t, scraper.URL)
			pools := `pool="reader"`
			if dialect == "postgres" {
				pools = `pool="pool"`
			}
			for _, want := range []string{
				`sojourn_http_requests_total{method="POST",route="POST /api/v1/cases/{id}/decision",status="200"} 1`,
				`sojourn_http_requests_total{method="GET",route="GET /api/v1/persons/{id}",status="404"} 1`,
				`sojourn_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
				`sojourn_http_request_duration_seconds_count{method="POST",route="POST /api/v1/cases/{id}/decision"} 1`,
				`sojourn_http_request_duration_seconds_bucket{method="POST",route="POST /api/v1/cases/{id}/decision",le="+Inf"} 1`,
				`sojourn_decisions_total{outcome="grant"} 1`,
				`sojourn_jobs{state="`,
				`sojourn_job_queue_depth `,
				`sojourn_job_failures 0`,
				`sojourn_store_group_commit_batch_size_bucket{le="64"} `,
				`sojourn_audit_head_seq{chain="0"} `,
				`sojourn_audit_checkpoint_seq 0`,
				`sojourn_db_connections{` + pools + `,state="in_use"} `,
				`sojourn_db_connections{` + pools + `,state="idle"} `,
				`sojourn_db_max_open_connections{` + pools + `} `,
				`sojourn_db_waits_total{` + pools + `} `,
				`sojourn_db_wait_seconds_total{` + pools + `} `,
				`go_goroutines `,
			} {
				if !strings.Contains(text, want) {
					t.Errorf("the scrape holds no %s", want)
				}
			}
			if regexp.MustCompile(`route="[^"]*/(1|999999)[/"]`).MatchString(text) {
				t.Error("a route label holds a raw path")
			}
			if n := metricValue(t, text, "sojourn_audit_entries"); n < 5 {
				t.Errorf("audit entries = %v after an office, a person and a decision", n)
			}
			batches := metricValue(t, text, "sojourn_store_group_commit_batch_size_count")
			if (dialect == "sqlite") != (batches > 0) {
				t.Errorf("%v group commits observed on %s", batches, dialect)
			}
		})
	}
}

// scrape reads the metrics.
func scrape(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("scrape: %d %v", res.StatusCode, err)
	}
	return string(b)
}

// metricValue returns the value of an unlabelled metric in a scrape.
func metricValue(t *testing.T, text, name string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("the scrape holds no %s", name)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
