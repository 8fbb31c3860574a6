package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestDecisionWithoutPack — with no policy pack in force for its case
// type, a decision is refused (422 naming the pack and override_grounds,
// nothing changed) unless it is made by hand with override grounds, which
// its explanation records; once the pack is in use the evaluation decides
// and grounds are only for deciding against it. A pack with no version in
// force on the date is the same case (TestPolicyEvaluation).
func TestDecisionWithoutPack(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.must(http.StatusCreated, s.admin, "POST", "/api/v1/authorities", map[string]any{
			"code": "LC", "name": "Legalisation Commission", "kind": "commission", "valid_from": "1930-01-01",
			"case_types": []string{"legalisation"}})
		lc := office{code: "LC", clerk: s.user("LC-clerk", "clerk", "LC", "restricted"), officer: s.user("LC-officer", "officer", "LC", "secret")}
		for _, tc := range []struct {
			o              office
			caseType, pack string
		}{
			{vrd, "residence_permit", "residence"},
			{lc, "legalisation", "legalisation"},
		} {
			c := s.fileType(tc.o, tc.caseType, s.person(tc.o.clerk, tc.o.code, "Karl", "Brandt", "1900-01-01"), "1937-11-02")
			decision := path("/api/v1/cases/%d/decision", c)
			body := map[string]any{"outcome": "deny", "grounds": "No passport.", "decided_on": "1937-11-10"}
			before := s.auditCount()
			r := s.must(http.StatusUnprocessableEntity, tc.o.officer, "POST", decision, body)
			if !strings.Contains(r.JSON()["detail"].(string), "no policy pack in force for "+tc.caseType+" cases") ||
				!strings.Contains(problemFields(r)["body.override_grounds"], "upload policy pack "+tc.pack) {
				t.Fatalf("%s decision without a pack = %s", tc.caseType, r)
			}
			if got := s.must(http.StatusOK, tc.o.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON(); s.auditCount() != before ||
				len(got["decisions"].([]any)) != 0 {
				t.Fatalf("a refused decision changed something: %v", got)
			}
			e := explanationOf(s.must(http.StatusOK, tc.o.officer, "POST", decision, byHand(body)).JSON(), 0)
			if e["pack"] != tc.pack || e["error"] != "no policy pack "+tc.pack+" is in use" || e["against_evaluation"] != true ||
				!strings.HasPrefix(e["override_grounds"].(string), "Decided by hand") {
				t.Fatalf("%s decided by hand: explanation %v", tc.caseType, e)
			}
		}
		s.uploadPack(residencePack(t, false))
		c := id(s.fileCase(vrd.clerk, "VRD", s.person(vrd.clerk, "VRD", "Eva", "Brandt", "1900-01-01"), "1937-11-02", nil))
		decision := path("/api/v1/cases/%d/decision", c)
		s.must(http.StatusUnprocessableEntity, vrd.officer, "POST", decision,
			byHand(map[string]any{"outcome": "deny", "grounds": "No passport.", "decided_on": "1937-11-10"}))
		e := explanationOf(s.must(http.StatusOK, vrd.officer, "POST", decision,
			map[string]any{"outcome": "deny", "grounds": "No passport.", "decided_on": "1937-11-10"}).JSON(), 0)
		if e["pack"] != "residence" || e["outcome"] != "deny" || e["against_evaluation"] != false {
			t.Fatalf("decision under the pack: explanation %v", e)
		}
	})
}
