package e2e

import (
	"net/http"
	"testing"

	"sojourn"
)

// TestAccess — roles, jurisdiction and clearance are enforced on every call;
// a refused call changes nothing.
func TestAccess(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		c := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
		secret := s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/cases", map[string]any{
			"type": "residence_permit", "person_id": p, "authority": "VRD", "filed_on": "1937-11-03", "classification": "secret"}).JSON()
		decide := map[string]any{"outcome": "deny", "grounds": "g", "decided_on": "1937-11-20"}
		n := s.auditCount()

		cases := []struct {
			name, token, method, path string
			body                      any
			want                      int
		}{
			{"clerk may not decide", vrd.clerk, "POST", path("/api/v1/cases/%d/decision", c), decide, http.StatusForbidden},
			{"other authority cannot see the case", rso.officer, "GET", path("/api/v1/cases/%d", c), nil, http.StatusNotFound},
			{"other authority cannot decide", rso.officer, "POST", path("/api/v1/cases/%d/decision", c), decide, http.StatusNotFound},
			{"other authority cannot see the person", rso.clerk, "GET", path("/api/v1/persons/%d", p), nil, http.StatusNotFound},
			{"other authority cannot file there", rso.clerk, "POST", "/api/v1/cases", map[string]any{
				"type": "residence_permit", "person_id": p, "authority": "VRD", "filed_on": "1937-11-02"}, http.StatusNotFound},
			{"clearance too low for a secret case", vrd.clerk, "GET", path("/api/v1/cases/%d", id(secret)), nil, http.StatusNotFound},
			{"clerk may not create authorities", vrd.clerk, "POST", "/api/v1/authorities", map[string]any{
				"code": "NEW", "name": "n", "kind": "office", "valid_from": "1930-01-01"}, http.StatusForbidden},
			{"officer may not create users", vrd.officer, "POST", "/api/v1/users", map[string]any{"name": "x", "role": "admin"}, http.StatusForbidden},
			{"auditor may not change cases", auditor, "POST", path("/api/v1/cases/%d/decision", c), decide, http.StatusForbidden},
			{"officer may not read the audit log", vrd.officer, "GET", "/api/v1/audit", nil, http.StatusForbidden},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := s.with(t)
				r := s.call(tc.token, tc.method, tc.path, tc.body)
				if r.Status != tc.want {
					t.Fatalf("got %s, want %d", r, tc.want)
				}
				expectProblem(t, tc.name, r)
			})
		}
		if s.auditCount() != n {
			t.Fatal("refused calls changed the audit log")
		}
		t.Run("listings are scoped", func(t *testing.T) {
			s := s.with(t)
			if l := s.must(http.StatusOK, rso.clerk, "GET", "/api/v1/cases", nil).List(); len(l) != 0 {
				t.Fatalf("RSO sees cases %v", l)
			}
			if l := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/cases", nil).List(); len(l) != 1 {
				t.Fatalf("VRD clerk (restricted) sees %d cases, want the unclassified one", len(l))
			}
			if l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/cases", nil).List(); len(l) != 2 {
				t.Fatalf("VRD officer (secret) sees %d cases", len(l))
			}
		})
		t.Run("auditor reads the log", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?object=case/%d", c), nil).List()
			if len(l) != 1 || l[0]["action"] != "case.file" || l[0]["actor"] != "VRD-clerk" {
				t.Fatalf("audit of the case = %v", l)
			}
		})
	})
}

// TestCaseLifecycle — filed → in review → decided → appealed → decided →
// closed, with wrong moves refused as conflicts.
func TestCaseLifecycle(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		p := s.person(vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21")
		c := id(s.fileCase(vrd.clerk, "VRD", p, "1938-02-20", nil))
		u := path("/api/v1/cases/%d", c)
		step := func(want int, token, action string, body any) map[string]any {
			t.Helper()
			return s.must(want, token, "POST", u+action, body).JSON()
		}
		if st := step(http.StatusOK, vrd.officer, "/review", nil)["state"]; st != "in_review" {
			t.Fatalf("after review: %v", st)
		}
		step(http.StatusConflict, vrd.officer, "/review", nil)
		step(http.StatusUnprocessableEntity, vrd.officer, "/decision", byHand(map[string]any{"outcome": "deny", "grounds": "g", "decided_on": "1938-02-19"}))
		step(http.StatusOK, vrd.officer, "/decision", byHand(map[string]any{"outcome": "deny", "grounds": "Expired passport.", "decided_on": "1938-03-01"}))
		step(http.StatusConflict, vrd.clerk, "/evidence", map[string]any{"kind": "stated", "claim": "c", "source": "s", "received_on": "1938-03-02"})
		appealed := step(http.StatusOK, vrd.clerk, "/appeal", map[string]any{"grounds": "New passport applied for.", "lodged_on": "1938-03-10"})
		if appealed["state"] != "in_review" || appealed["appeals"] != 1.0 {
			t.Fatalf("after appeal: %v", appealed)
		}
		decided := step(http.StatusOK, vrd.officer, "/decision", byHand(map[string]any{"outcome": "grant", "grounds": "New passport shown.", "decided_on": "1938-04-01"}))
		if len(decided["decisions"].([]any)) != 2 {
			t.Fatalf("decisions = %v", decided["decisions"])
		}
		if st := step(http.StatusOK, vrd.officer, "/close", map[string]any{"reason": "Permit issued.", "closed_on": "1938-04-02"})["state"]; st != "closed" {
			t.Fatalf("after close: %v", st)
		}
		step(http.StatusConflict, vrd.clerk, "/appeal", map[string]any{"grounds": "g", "lodged_on": "1938-05-01"})
	})
}

// TestPublicEndpoints — health, readiness and the OpenAPI document need no
// token; everything under /api/v1 does.
func TestPublicEndpoints(t *testing.T) {
	s := newServer(t, "sqlite")
	for _, p := range []string{"/healthz", "/readyz"} {
		s.must(http.StatusOK, "", "GET", p, nil)
	}
	doc := s.must(http.StatusOK, "", "GET", "/api/openapi.json", nil).JSON()
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	for _, p := range []string{"/api/v1/cases/{id}/decision", "/api/v1/persons/{id}/status", "/api/v1/lapses"} {
		if paths[p] == nil {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
	r := s.malformed().must(http.StatusUnauthorized, "", "GET", "/api/v1/persons", nil)
	if r.Header.Get("WWW-Authenticate") == "" || r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("headers = %v", r.Header)
	}
}
