package e2e

import (
	"net/http"
	"testing"
)

// TestStaysBadInput — the endpoints of admission, stays, protections and
// departures answer bad input as TestBadInput's do (a 4xx problem+json,
// nothing changed), name the field in their own checks, and accept the
// valid bodies afterwards.
func TestStaysBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS3(t)
		p := s.citizen(w.vrd, "Ines", "Roca", "ES")
		stay := s.stayCase(w.vrd, p, "1938-07-01", "visitor", "1938-08-15")
		s.grantStay(w.vrd.officer, stay, "1938-07-02")
		due := id(s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", p), nil).List()[0])
		route := s.admission(w, p, "1939-03-02", "RSC", "1939-03-01", map[string]any{"ground": "persecution", "exceptional_route": true})
		fact := id(s.must(http.StatusCreated, w.vrd.officer, "POST", path("/api/v1/persons/%d/protections", p), map[string]any{
			"ground": "illness", "valid_from": "1950-01-01", "grounds": "Board report."}).JSON())
		s.must(http.StatusCreated, s.admin, "POST", "/api/v1/authorities", map[string]any{
			"code": "DEP", "name": "Departures (fictional)", "kind": "office", "valid_from": "1930-01-01", "case_types": []string{"departure"}})
		endpoints := []endpoint{
			{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "stay", "person_id": p, "authority": "VRD", "filed_on": "1939-01-01",
				"particulars": map[string]any{"stay_purpose": "study", "stay_until": "1940-06-30"}}, "authority", "particulars", "filed_on"},
			{path("/api/v1/cases/%d/approval", route), w.hqHead, map[string]any{"approved_on": "1939-03-04", "grounds": "g"}, "grounds", "grounds", "approved_on"},
			{path("/api/v1/persons/%d/protections", p), w.vrd.officer, map[string]any{"ground": "persecution", "valid_from": "1951-01-01",
				"grounds": "g"}, "grounds", "ground", "valid_from"},
			{path("/api/v1/persons/%d/protections/%d/lifting", p, fact), w.vrd.officer, map[string]any{"lifted_on": "1950-06-01",
				"grounds": "g"}, "grounds", "grounds", "lifted_on"},
			{path("/api/v1/departure-dues/%d/departure", due), w.vrd.clerk, map[string]any{"departed_on": "1938-08-10"}, "departed_on", "departed_on", "departed_on"},
			{"/api/v1/overstays/flags", s.admin, map[string]any{"on": "1938-09-01"}, "on", "", "on"},
		}
		before := s.auditCount()
		for _, e := range endpoints {
			expectSpoiledRefused(t, s, e)
		}
		t.Run("fields_named", func(t *testing.T) {
			s := s.with(t).malformed()
			for _, c := range []struct {
				path  string
				token string
				body  map[string]any
				field string
			}{
				{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "admission", "person_id": p, "authority": "VRD", "filed_on": "1939-01-01"}, "body.particulars"},
				{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "admission", "person_id": p, "authority": "VRD", "filed_on": "1939-01-01",
					"particulars": map[string]any{"ground": "medical"}}, "body.particulars.stay_until"},
				{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "stay", "person_id": p, "authority": "VRD", "filed_on": "1939-01-01",
					"particulars": map[string]any{"stay_until": "1939-05-01"}}, "body.particulars.stay_purpose"},
				{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "stay", "person_id": p, "authority": "VRD", "filed_on": "1939-01-01",
					"particulars": map[string]any{"stay_purpose": "visitor", "stay_until": "1939-05-01", "ground": "medical"}}, "body.particulars.ground"},
				{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "departure", "person_id": p, "authority": "DEP", "filed_on": "1939-01-01",
					"particulars": map[string]any{"ground": "medical"}}, "body.particulars"},
				{"/api/v1/cases", w.vrd.clerk, map[string]any{"type": "stay_extension", "person_id": p, "authority": "VRD", "filed_on": "1939-01-01",
					"particulars": map[string]any{"stay_until": "1940-05-01"}}, "body.person_id"},
				{path("/api/v1/persons/%d/protections", p), w.vrd.officer, map[string]any{"ground": "homesick", "valid_from": "1951-01-01", "grounds": "g"}, "body.ground"},
				{path("/api/v1/persons/%d/protections/%d/lifting", p, fact), w.vrd.officer, map[string]any{"lifted_on": "1949-06-01", "grounds": "g"}, "body.lifted_on"},
			} {
				r := s.call(c.token, "POST", c.path, c.body)
				if _, named := problemFields(r)[c.field]; r.Status != http.StatusUnprocessableEntity || !named {
					t.Errorf("POST %s %v: %s, want a 422 naming %s", c.path, c.body, r, c.field)
				}
			}
			for _, q := range []string{"/api/v1/authorities/VRD/overstays?limit=100000", "/api/v1/authorities/VRD/overstays?after=-1",
				"/api/v1/persons/abc/departure-dues", "/api/v1/cases?state=asleep"} {
				expectProblem(t, q, s.call(w.vrd.clerk, "GET", q, nil))
			}
		})
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d entries before, %d after", before, after)
		}
		t.Run("valid_bodies_accepted", func(t *testing.T) {
			s := s.with(t)
			for _, e := range endpoints {
				if r := s.call(e.token, "POST", e.path, e.valid); r.Status != http.StatusOK && r.Status != http.StatusCreated {
					t.Errorf("POST %s with its valid body: %s", e.path, r)
				}
			}
		})
	})
}
