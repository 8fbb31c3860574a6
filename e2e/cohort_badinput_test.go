package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestCohortBadInput — the registration, citizenship, campaign, decree and
// election endpoints answer malformed, mistyped, incomplete or impossible
// input, and rules that do not compile to a condition over the cohort
// inputs, with a 4xx problem+json naming the field, and nothing changes;
// the valid bodies are then accepted.
func TestCohortBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupCities()
		p := s.person(w.vrdClerk, "VRD", "Kim", "Pak", "1921-02-11")
		s.must(http.StatusCreated, w.vrdClerk, "POST", path("/api/v1/persons/%d/citizenships", p), map[string]any{"country": "KP", "valid_from": "1948-09-09"})
		s.register(w.vrdClerk, p, "Alma", "worker", "1954-01-01", "")
		decree := map[string]any{"legal_reference": "Decree", "decreed_on": "1955-11-15", "class": `category == "worker"`,
			"citizenship": "KP", "grants": "SU", "deadline": "1956-06-30"}
		d := s.must(http.StatusAccepted, s.admin, "POST", "/api/v1/decrees", decree).JSON()
		s.awaitJob(s.admin, path("/api/v1/decrees/%d", id(d)), nil)
		election := id(s.must(http.StatusOK, w.vrdClerk, "GET", path("/api/v1/decrees/%d/elections", id(d)), nil).List()[0])
		campaign := map[string]any{"name": "Workers", "legal_reference": "Order 7", "rule": `category == "worker"`, "on": "1956-01-10"}
		// starting campaigns and decrees is rate limited per caller: each
		// part of the test starts them as a caller of its own
		head := func(name string) string { return s.user(name, "head", "VRD", "secret") }
		admin := func(name string) string { return s.user(name, "admin", "", "top_secret") }

		endpoints := []endpoint{
			{path("/api/v1/persons/%d/registrations", p), w.vrdClerk, map[string]any{"city": "Borovo", "category": "worker",
				"valid_from": "1956-01-01"}, "city", "city", "valid_from"},
			{path("/api/v1/persons/%d/citizenships", p), w.vrdClerk, map[string]any{"country": "SU", "valid_from": "1956-01-01"},
				"country", "country", "valid_from"},
			{"/api/v1/campaigns", head("head-1"), campaign, "rule", "rule", "on"},
			{"/api/v1/decrees", admin("admin-1"), decree, "class", "class", "decreed_on"},
			{path("/api/v1/elections/%d", election), w.vrdClerk, map[string]any{"choice": "dual", "elected_on": "1955-12-01"},
				"choice", "choice", "elected_on"},
		}
		with := func(m map[string]any, k string, v any) map[string]any {
			out := map[string]any{k: v}
			for key, val := range m {
				if key != k {
					out[key] = val
				}
			}
			return out
		}
		h, a, h3, a3 := head("head-2"), admin("admin-2"), head("head-3"), admin("admin-3")
		before := s.auditCount()
		for _, e := range endpoints {
			t.Run(strings.ReplaceAll(strings.TrimPrefix(e.path, "/api/v1/"), "/", "_"), func(t *testing.T) {
				s := s.with(t).malformed()
				for name, body := range spoil(e) {
					expectProblem(t, name, s.call(e.token, "POST", e.path, body))
				}
				expectProblem(t, "invalid token", s.call("sj_not-a-real-token", "POST", e.path, e.valid))
			})
		}
		t.Run("rules_and_fields", func(t *testing.T) {
			s := s.with(t)
			bad := s.malformed()
			for _, c := range []struct {
				path, token string
				body        map[string]any
				field       string
			}{
				{"/api/v1/campaigns", h, with(campaign, "rule", `category ==`), "rule"},
				{"/api/v1/campaigns", h, with(campaign, "rule", `city`), "rule"},
				{"/api/v1/campaigns", h, with(campaign, "rule", `age > 30`), "rule"},
				{"/api/v1/campaigns", h, with(campaign, "batch_size", 6000), "batch_size"},
				{"/api/v1/decrees", a, with(decree, "class", `"KP" in citizenship`), "class"},
				{"/api/v1/decrees", a, with(decree, "grants", "KP"), "grants"},
				{"/api/v1/decrees", a, with(decree, "citizenship", "XX"), "citizenship"},
				{"/api/v1/decrees", a, with(decree, "deadline", "1955-01-01"), "deadline"},
				{path("/api/v1/persons/%d/citizenships", p), w.vrdClerk, map[string]any{"country": "SU", "valid_from": "1956-01-01",
					"valid_to": "1955-01-01"}, "valid_to"},
			} {
				r := bad.call(c.token, "POST", c.path, c.body)
				expectProblem(t, c.field, r)
				if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), c.field) {
					t.Errorf("%v: %s", c.body, r)
				}
			}
			for _, q := range []string{"/api/v1/campaigns/0", "/api/v1/campaigns/abc", "/api/v1/decrees/99/elections",
				"/api/v1/campaigns/1/reviews?limit=100000", "/api/v1/decrees/1?bogus=1"} {
				expectProblem(t, q, bad.call(w.vrdHead, "GET", q, nil))
			}
			// a clerk may not start a campaign nor issue a decree
			for _, c := range []struct {
				path string
				body map[string]any
			}{{"/api/v1/campaigns", campaign}, {"/api/v1/decrees", decree}} {
				if r := s.call(w.vrdClerk, "POST", c.path, c.body); r.Status != http.StatusForbidden {
					t.Errorf("a clerk: POST %s: %s", c.path, r)
				}
			}
		})
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d entries before, %d after", before, after)
		}
		t.Run("valid_bodies_accepted", func(t *testing.T) {
			s := s.with(t)
			endpoints[2].token, endpoints[3].token = h3, a3
			for _, e := range endpoints {
				was := s.auditCount()
				if r := s.call(e.token, "POST", e.path, e.valid); r.Status >= 300 {
					t.Errorf("POST %s with its valid body: %s", e.path, r)
				}
				if s.auditCount() == was {
					t.Errorf("POST %s with its valid body left no audit entry", e.path)
				}
			}
		})
	})
}
