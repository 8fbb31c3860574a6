package e2e

import (
	"net/http"
	"net/url"
	"testing"
)

// TestLedgerCorrection — a correction recorded later changes the status on a
// date, but not the status as the system knew it before the correction.
func TestLedgerCorrection(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		anna := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		s.grantPermit(vrd, anna, "1937-11-10", "1938-11-09")
		facts := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", anna), nil).List()
		if len(facts) != 1 {
			t.Fatalf("facts = %v", facts)
		}
		permit := facts[0]
		beforeCorrection := permit["recorded_at"].(string)

		corrected := s.must(http.StatusCreated, vrd.officer, "POST",
			path("/api/v1/persons/%d/facts/%d/corrections", anna, id(permit)), map[string]any{
				"valid_to": "1938-03-31", "reason": "Permit was issued for a shorter term; register entry corrected.",
			}).JSON()
		if corrected["supersedes"] != permit["id"] || corrected["valid_to"] != "1938-03-31" {
			t.Fatalf("correction = %v", corrected)
		}

		statusAt := func(s *server, on, knownAt string) map[string]any {
			q := url.Values{"on": {on}}
			if knownAt != "" {
				q.Set("known_at", knownAt)
			}
			return s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/status?%s", anna, q.Encode()), nil).JSON()
		}
		t.Run("now", func(t *testing.T) {
			s := s.with(t)
			if st := statusAt(s, "1938-06-01", ""); st["summary"] != "no legal status since 1938-04-01" {
				t.Fatalf("status now = %v", st)
			}
		})
		t.Run("known_before_correction", func(t *testing.T) {
			s := s.with(t)
			if st := statusAt(s, "1938-06-01", beforeCorrection); st["summary"] != "resident (permit R-000001) until 1938-11-09" {
				t.Fatalf("status as known before = %v", st)
			}
		})
		t.Run("known_before_anything", func(t *testing.T) {
			s := s.with(t)
			if st := statusAt(s, "1938-06-01", "2000-01-01T00:00:00Z"); st["state"] != "no_legal_status" || st["since"] != nil {
				t.Fatalf("status as known in 2000 = %v", st)
			}
		})
		t.Run("history_kept", func(t *testing.T) {
			s := s.with(t)
			all := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", anna), nil).List()
			if len(all) != 2 || all[0]["superseded_at"] == nil || all[0]["valid_to"] != "1938-11-09" {
				t.Fatalf("history = %v", all)
			}
		})
		t.Run("superseded_fact_cannot_be_corrected_again", func(t *testing.T) {
			s := s.with(t)
			n := s.auditCount()
			s.must(http.StatusConflict, vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", anna, id(permit)),
				map[string]any{"retract": true, "reason": "again"})
			if s.auditCount() != n {
				t.Fatal("a refused correction was audited as a change")
			}
		})
		t.Run("retraction", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", anna, id(corrected)),
				map[string]any{"retract": true, "reason": "Permit annulled ab initio."})
			if st := statusAt(s, "1938-01-01", ""); st["state"] != "no_legal_status" {
				t.Fatalf("after retraction = %v", st)
			}
		})
	})
}

// TestOptimisticConcurrency — a change based on a stale ETag gets 412 and
// loses nothing; the current ETag works.
func TestOptimisticConcurrency(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		c := s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil)
		caseURL := path("/api/v1/cases/%d", id(c))
		tag := s.must(http.StatusOK, vrd.clerk, "GET", caseURL, nil).Header.Get("ETag")
		evidence := map[string]any{"kind": "stated", "claim": "c", "source": "applicant", "received_on": "1937-11-02"}
		second := s.must(http.StatusOK, vrd.clerk, "POST", caseURL+"/evidence", evidence, "If-Match: "+tag)
		if second.Header.Get("ETag") == tag {
			t.Fatal("ETag did not change")
		}
		n := s.auditCount()
		stale := s.must(http.StatusPreconditionFailed, vrd.officer, "POST", caseURL+"/decision", byHand(map[string]any{
			"outcome": "deny", "grounds": "g", "decided_on": "1937-11-03"}), "If-Match: "+tag)
		if stale.Header.Get("Content-Type") != "application/problem+json" || s.auditCount() != n {
			t.Fatalf("stale write: %s", stale)
		}
		got := s.must(http.StatusOK, vrd.clerk, "GET", caseURL, nil).JSON()
		if got["state"] != "filed" || len(got["evidence"].([]any)) != 1 {
			t.Fatalf("case after stale write = %v", got)
		}
		s.must(http.StatusPreconditionFailed, vrd.officer, "POST", caseURL+"/decision", byHand(map[string]any{
			"outcome": "deny", "grounds": "g", "decided_on": "1937-11-03"}), "If-Match: garbage")
		d := s.must(http.StatusOK, vrd.officer, "POST", caseURL+"/decision", byHand(map[string]any{
			"outcome": "deny", "grounds": "No basis for residence.", "decided_on": "1937-11-03"}),
			"If-Match: "+second.Header.Get("ETag")).JSON()
		decision := d["decisions"].([]any)[0].(map[string]any)
		if decision["appeal_route"] == "" || decision["appeal_route"] == nil {
			t.Fatalf("adverse decision without a route of appeal: %v", decision)
		}
	})
}
