package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestSuccessorEnforcesDeparture — a departure ordered by an authority
// that is then abolished is enforced by its successor, to which the case
// passes (a succession transfer in its history) as an appeal would; the
// abolished authority's own staff are told its functions passed.
func TestSuccessorEnforcesDeparture(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		old := s.setupAuthority("DRD", "department", "", "1930-01-01", "departure")
		next := s.setupAuthority("NRD", "department", "", "1930-01-01")
		c := s.fileType(old, "departure", s.citizen(old, "Tomas", "Hlava", "CS"), "1950-03-01")
		s.must(http.StatusOK, old.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
			"outcome": "grant", "grounds": "Return to the country of origin ordered: no legal basis of stay.", "decided_on": "1950-04-01"}))
		s.must(http.StatusOK, s.admin, "POST", "/api/v1/authorities/DRD/abolition", map[string]any{
			"on": "1950-06-01", "successor": "NRD", "reason": "Decree No. 3/1950 merging the departments"})
		enforce := map[string]any{"enforced_on": "1950-07-01", "note": "Escorted to the border crossing."}

		t.Run("abolished_authority_refused", func(t *testing.T) {
			s := s.with(t)
			before := s.auditCount()
			r := s.call(old.officer, "POST", path("/api/v1/cases/%d/enforcement", c), enforce)
			if r.Status != http.StatusForbidden || !strings.Contains(r.JSON()["detail"].(string), "functions of DRD passed to NRD") {
				t.Fatalf("enforcement by DRD after its abolition: %s", r)
			}
			if s.auditCount() != before {
				t.Fatal("a refused enforcement wrote to the audit log")
			}
		})
		t.Run("successor_enforces", func(t *testing.T) {
			s := s.with(t)
			got := s.must(http.StatusOK, next.officer, "POST", path("/api/v1/cases/%d/enforcement", c), enforce).JSON()
			tr, _ := got["transfers"].([]any)
			if got["authority"] != "NRD" || got["state"] != "closed" || len(tr) != 1 {
				t.Fatalf("enforced case = %v", got)
			}
			if move := tr[0].(map[string]any); move["kind"] != "succession" || move["from"] != "DRD" || move["to"] != "NRD" || move["on"] != "1950-07-01" {
				t.Fatalf("transfer = %v", move)
			}
		})
	})
}

// TestCampaignRoutesToSuccessor — a review of a resident of a city whose
// commission had been abolished by the campaign's date goes to the
// commission holding its functions, not unrouted.
func TestCampaignRoutesToSuccessor(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupCities()
		s.must(http.StatusCreated, s.admin, "POST", "/api/v1/authorities", map[string]any{"code": "COM-S",
			"name": "Special review commission", "kind": "commission", "valid_from": "1930-01-01", "case_types": []string{"review"}})
		s.must(http.StatusOK, s.admin, "POST", "/api/v1/authorities/COM-B/abolition", map[string]any{
			"on": "1955-06-01", "successor": "COM-S", "reason": "Order 40 on the special commission"})
		alma := s.person(w.vrdClerk, "VRD", "Ada", "Kern", "1920-05-01")
		s.register(w.vrdClerk, alma, "Alma", "worker", "1954-01-01", "")
		borovo := s.person(w.vrdClerk, "VRD", "Dana", "Noll", "1920-05-04")
		s.register(w.vrdClerk, borovo, "Borovo", "worker", "1954-01-01", "")

		c := id(s.must(http.StatusAccepted, w.vrdHead, "POST", "/api/v1/campaigns", map[string]any{
			"name": "Workers", "legal_reference": "Order 7", "rule": `category == "worker"`, "on": "1956-01-10"}).JSON())
		done := s.awaitJob(w.vrdHead, path("/api/v1/campaigns/%d", c), nil)
		if done["progress"].(map[string]any)["state"] != "done" || done["reviews"] != 2.0 || done["unrouted"] != 0.0 {
			t.Fatalf("campaign = %v", done)
		}
		want := map[string]string{"Alma": "COM-A", "Borovo": "COM-S"}
		for _, r := range s.reviewsOf(s.admin, c) {
			if r["authority"] != want[r["city"].(string)] || r["case_id"] == nil {
				t.Fatalf("review = %v", r)
			}
		}
	})
}
