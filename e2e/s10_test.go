package e2e

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"sojourn"
	"sojourn/audit"
)

// TestS10 — nobody sees or changes what is not theirs: officers act only
// within their authority and clearance; every decision, change and read of
// a classified case is in a tamper-evident log that an auditor verifies
// offline; bad input gets a clear error and changes nothing.
func TestS10(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		head := s.user("VRD-head", sojourn.RoleHead, "VRD", sojourn.TopSecret)
		auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
		p := s.person(vrd.clerk, "VRD", "Kim", "Park", "1921-01-09")
		fileAt := func(token, level string) int64 {
			return id(s.must(http.StatusCreated, token, "POST", "/api/v1/cases", map[string]any{
				"type": "residence_permit", "person_id": p, "authority": "VRD", "filed_on": "1955-12-01", "classification": level}).JSON())
		}
		open := fileAt(vrd.clerk, "unclassified")
		secret := fileAt(vrd.officer, "secret")
		topSecret := fileAt(head, "top_secret")

		t.Run("jurisdiction", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusNotFound, rso.officer, "GET", path("/api/v1/cases/%d", open), nil)
			s.must(http.StatusNotFound, rso.officer, "POST", path("/api/v1/cases/%d/decision", open),
				byHand(map[string]any{"outcome": "grant", "grounds": "g", "decided_on": "1955-12-05"}))
			s.must(http.StatusNotFound, rso.clerk, "GET", path("/api/v1/persons/%d/status", p), nil)
		})
		t.Run("clearance", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusNotFound, vrd.clerk, "GET", path("/api/v1/cases/%d", secret), nil)
			s.must(http.StatusNotFound, vrd.officer, "GET", path("/api/v1/cases/%d", topSecret), nil)
			s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/cases/%d", secret), nil)
			s.must(http.StatusOK, head, "GET", path("/api/v1/cases/%d", topSecret), nil)
		})
		t.Run("decisions_and_changes_audited", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", open),
				byHand(map[string]any{"outcome": "grant", "grounds": "Requirements met.", "decided_on": "1955-12-05"}))
			actions := s.auditActions(auditor, open)
			if !actions["case.file"] || !actions["case.decide"] {
				t.Fatalf("audit of the open case = %v", actions)
			}
		})
		t.Run("classified_reads_audited", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/cases/%d", secret), nil)
			if !s.auditActions(auditor, secret)["case.read"] {
				t.Fatalf("no case.read entry for the secret case")
			}
			n := s.auditCount()
			s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/cases/%d", open), nil)
			if s.auditCount() != n {
				t.Fatal("an unclassified read was audited as a change")
			}
		})
		t.Run("bad_input_changes_nothing", func(t *testing.T) {
			s := s.with(t).malformed()
			n := s.auditCount()
			expectProblem(t, "malformed", s.call(vrd.officer, "POST", path("/api/v1/cases/%d/decision", secret), `{"outcome":`))
			expectProblem(t, "impossible date", s.call(vrd.officer, "POST", path("/api/v1/cases/%d/decision", secret),
				map[string]any{"outcome": "deny", "grounds": "g", "decided_on": "1955-02-30"}))
			if s.auditCount() != n {
				t.Fatal("bad input changed the audit log")
			}
		})
		t.Run("auditor_verifies_offline", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusForbidden, vrd.officer, "GET", "/api/v1/audit/export", nil)
			export := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit/export", nil).Body
			rep, err := audit.VerifyExport(bytes.NewReader(export), nil)
			if err != nil || rep.Entries != s.auditCount() {
				t.Fatalf("verify: %+v, %v (log has %d entries)", rep, err, s.auditCount())
			}
			tampered := strings.Replace(string(export), `"actor":"VRD-officer"`, `"actor":"VRD-clerk"`, 1)
			_, err = audit.VerifyExport(strings.NewReader(tampered), nil)
			var b *audit.Break
			if !errors.As(err, &b) {
				t.Fatalf("tampered export verified: %v", err)
			}
		})
	})
}

// auditActions returns the actions the audit log records about a case.
func (s *server) auditActions(auditor string, caseID int64) map[string]bool {
	return s.objectActions(auditor, path("case/%d", caseID))
}

// objectActions returns the actions the audit log records about an
// object, e.g. "person/3".
func (s *server) objectActions(auditor, object string) map[string]bool {
	out := map[string]bool{}
	for _, e := range s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?object="+object, nil).List() {
		out[e["action"].(string)] = true
	}
	return out
}
