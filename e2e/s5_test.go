package e2e

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestS5 — registration and review campaigns: residents of a category are
// registered with the office of their city, re-registration and moves keep
// history in the ledger; a campaign selects a cohort by a rule, files one
// review case per person with the commission of their city and shows
// progress per city; each review ends in an outcome with grounds, audited.
func TestS5(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupCities()
		names := [][2]string{{"Ada", "Kern"}, {"Boris", "Lind"}, {"Cyril", "Moss"}, {"Dana", "Noll"}, {"Emil", "Ost"}, {"Fira", "Pahl"}}
		p := make([]int64, len(names))
		for i, n := range names {
			p[i] = s.person(w.vrdClerk, "VRD", n[0], n[1], "1920-05-0"+string(rune('1'+i)))
		}
		var campaign int64

		t.Run("step1_registered_with_city_office", func(t *testing.T) {
			s := s.with(t)
			r := s.register(w.vrdClerk, p[0], "Alma", "worker", "1955-01-01", "1957-12-31")
			if r["office"] != "LO-A" || r["number"] != "REG-000001" || r["city"] != "Alma" || r["valid_from"] != "1955-01-01" ||
				r["valid_to"] != "1957-12-31" || r["fact_id"] == nil {
				t.Fatalf("registration = %v", r)
			}
			s.register(w.vrdClerk, p[1], "Alma", "worker", "1954-01-01", "1955-12-31")
			s.register(w.vrdClerk, p[2], "Alma", "worker", "1954-01-01", "")
			s.register(w.vrdClerk, p[3], "Borovo", "worker", "1955-01-01", "")
			s.register(w.vrdClerk, p[4], "Borovo", "worker", "1955-01-01", "")
			s.register(w.vrdClerk, p[5], "Alma", "student", "1955-01-01", "")
		})
		t.Run("step1_reregistration_and_move_keep_history", func(t *testing.T) {
			s := s.with(t)
			s.register(w.vrdClerk, p[1], "Alma", "worker", "1955-09-01", "1957-08-31")
			moved := s.register(w.vrdClerk, p[2], "Borovo", "worker", "1955-06-01", "")
			if moved["office"] != "LO-B" {
				t.Fatalf("move = %v", moved)
			}
			facts := s.must(http.StatusOK, w.vrdClerk, "GET", path("/api/v1/persons/%d/facts", p[2]), nil).List()
			var regs []map[string]any
			for _, f := range facts {
				if f["kind"] == "registration" {
					regs = append(regs, f)
				}
			}
			// the first record (open-ended, Alma), superseded; its
			// correction ending the day before the move; the Borovo one
			if len(regs) != 3 || regs[0]["superseded_at"] == nil || regs[0]["valid_to"] != nil ||
				regs[1]["authority"] != "LO-A" || regs[1]["valid_to"] != "1955-05-31" || regs[1]["superseded_at"] != nil ||
				!strings.Contains(regs[1]["reason"].(string), "Borovo") || regs[2]["authority"] != "LO-B" || regs[2]["valid_from"] != "1955-06-01" {
				t.Fatalf("registration history = %v", regs)
			}
		})
		t.Run("step1_bad_registrations_refused", func(t *testing.T) {
			s := s.with(t)
			before := s.auditCount()
			for _, c := range []struct {
				body  map[string]any
				field string
			}{
				{map[string]any{"city": "Nowhere", "category": "worker", "valid_from": "1955-01-01"}, "city"},
				{map[string]any{"city": "Alma", "category": "worker", "valid_from": "1955-01-01", "valid_to": "1954-01-01"}, "valid_to"},
				{map[string]any{"city": "Alma", "category": "", "valid_from": "1955-01-01"}, "category"},
			} {
				r := s.malformed().call(w.vrdClerk, "POST", path("/api/v1/persons/%d/registrations", p[0]), c.body)
				if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), c.field) {
					t.Errorf("%v: %s", c.body, r)
				}
			}
			// a registration starting on the day of the current one is a correction, not a re-registration
			if r := s.call(w.vrdClerk, "POST", path("/api/v1/persons/%d/registrations", p[0]),
				map[string]any{"city": "Alma", "category": "worker", "valid_from": "1955-01-01"}); r.Status != http.StatusConflict {
				t.Errorf("same start: %s", r)
			}
			if r := s.call(w.comA, "POST", path("/api/v1/persons/%d/registrations", p[0]),
				map[string]any{"city": "Alma", "category": "worker", "valid_from": "1956-01-01"}); r.Status != http.StatusNotFound {
				t.Errorf("another authority's person: %s", r)
			}
			if after := s.auditCount(); after != before {
				t.Fatalf("refused registrations changed the audit log: %d → %d", before, after)
			}
		})
		t.Run("step2_campaign_one_review_per_person", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusAccepted, w.vrdHead, "POST", "/api/v1/campaigns", map[string]any{
				"name": "Review of registered workers", "legal_reference": "Order 112 of 1956-01-05",
				"rule": `registered && category == "worker"`, "on": "1956-01-10", "batch_size": 2,
			}).JSON()
			campaign = id(c)
			done := s.awaitJob(w.vrdHead, path("/api/v1/campaigns/%d", campaign), nil)
			prog := done["progress"].(map[string]any)
			// p[1]'s first registration ended 1955-12-31, the second holds; p[5] is a student
			if prog["state"] != "done" || prog["done"] != 6.0 || prog["total"] != 6.0 || done["reviews"] != 5.0 || done["unrouted"] != 0.0 {
				t.Fatalf("campaign = %v", done)
			}
			exactlyOneReview(t, s, campaign, p[:5])
			cities := done["cities"].([]any)
			if len(cities) != 2 || cities[0].(map[string]any)["city"] != "Alma" || cities[0].(map[string]any)["open"] != 2.0 ||
				cities[1].(map[string]any)["city"] != "Borovo" || cities[1].(map[string]any)["open"] != 3.0 {
				t.Fatalf("per city = %v", cities)
			}
			for _, r := range s.reviewsOf(w.vrdHead, campaign) {
				want := map[string]string{"Alma": "COM-A", "Borovo": "COM-B"}[r["city"].(string)]
				if r["authority"] != want || r["case_id"] == nil {
					t.Fatalf("review = %v", r)
				}
			}
		})
		t.Run("step2_commission_sees_its_own", func(t *testing.T) {
			s := s.with(t)
			mine := s.reviewsOf(w.comA, campaign)
			if len(mine) != 2 {
				t.Fatalf("COM-A sees %v", mine)
			}
			c := s.must(http.StatusOK, w.comA, "GET", path("/api/v1/campaigns/%d", campaign), nil).JSON()
			if cs := c["cities"].([]any); len(cs) != 1 || cs[0].(map[string]any)["city"] != "Alma" || c["reviews"] != 2.0 {
				t.Fatalf("COM-A's view = %v", c)
			}
		})
		t.Run("step3_reviews_end_in_outcomes", func(t *testing.T) {
			s := s.with(t)
			byPerson := map[int64]int64{}
			for _, r := range s.reviewsOf(s.admin, campaign) {
				byPerson[int64(r["person_id"].(float64))] = int64(r["case_id"].(float64))
			}
			// the review pack confirms a registered resident with a valid
			// permit or document; Ada holds a passport, the others nothing
			src, err := os.ReadFile("../policies/review.yaml")
			if err != nil {
				t.Fatal(err)
			}
			s.uploadPack(string(src))
			s.passport(w.vrdClerk, p[0], "KP-100", "1950-01-01", "1960-12-31")
			dec := func(token string, person int64, outcome, grounds, override string, want int) map[string]any {
				body := map[string]any{"outcome": outcome, "grounds": grounds, "decided_on": "1956-02-01",
					"legal_refs": []string{"Order 112 of 1956-01-05"}}
				if override != "" {
					body["override_grounds"] = override
				}
				return s.must(want, token, "POST", path("/api/v1/cases/%d/decision", byPerson[person]), body).JSON()
			}
			c := dec(w.comA, p[0], "grant", "Registered and documented; status confirmed.", "", http.StatusOK)
			d := c["decisions"].([]any)[0].(map[string]any)
			expl, _ := d["explanation"].(map[string]any)
			if c["state"] != "decided" || c["type"] != "review" || c["filed_on"] != "1956-01-10" ||
				d["grounds"] != "Registered and documented; status confirmed." || expl == nil || expl["pack"] != "review" ||
				expl["outcome"] != "grant" || expl["against_evaluation"] != false {
				t.Fatalf("decided review = %v", c)
			}
			dec(w.comA, p[1], "deny", "No valid permit or document; status not confirmed.", "", http.StatusOK)
			// confirming a status the evaluation does not support needs written grounds
			if r := dec(w.comB, p[3], "grant", "Status confirmed.", "", http.StatusUnprocessableEntity); !strings.Contains(fmt.Sprint(r), "override_grounds") {
				t.Fatalf("grant against the evaluation without grounds: %v", r)
			}
			c = dec(w.comB, p[3], "grant", "Status confirmed.", "Passport renewal pending at the consulate; employer vouches.", http.StatusOK)
			if e := c["decisions"].([]any)[0].(map[string]any)["explanation"].(map[string]any); e["against_evaluation"] != true || e["outcome"] != "deny" {
				t.Fatalf("explanation of a decision against the evaluation = %v", e)
			}
			if r := s.call(w.comA, "POST", path("/api/v1/cases/%d/decision", byPerson[p[4]]), map[string]any{
				"outcome": "grant", "grounds": "g", "decided_on": "1956-02-01"}); r.Status != http.StatusNotFound {
				t.Fatalf("COM-A deciding Borovo's review: %s", r)
			}
			if r := s.call(w.comB, "POST", path("/api/v1/cases/%d/decision", byPerson[p[4]]), map[string]any{
				"outcome": "grant", "grounds": "g", "decided_on": "1956-01-09"}); r.Status < 400 {
				t.Fatalf("a review decided before it was filed: %s", r)
			}
			prog := s.must(http.StatusOK, w.vrdHead, "GET", path("/api/v1/campaigns/%d", campaign), nil).JSON()
			cities := prog["cities"].([]any)
			alma, borovo := cities[0].(map[string]any), cities[1].(map[string]any)
			if alma["open"] != 0.0 || alma["decided"].(map[string]any)["grant"] != 1.0 || alma["decided"].(map[string]any)["deny"] != 1.0 ||
				borovo["open"] != 2.0 || borovo["decided"].(map[string]any)["grant"] != 1.0 {
				t.Fatalf("per city after decisions = %v", cities)
			}
		})
		t.Run("step3_audited", func(t *testing.T) {
			s := s.with(t)
			auditor := s.user("auditor", "auditor", "", "top_secret")
			entries := s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?object=campaign/%d", campaign), nil).List()
			// the start, and one entry per batch of two persons (three batches)
			if len(entries) != 4 || entries[0]["action"] != "campaign.run" || entries[0]["actor"] != "VRD-head" {
				t.Fatalf("campaign audit = %v", entries)
			}
			rows := 0
			for _, e := range entries[1:] {
				for _, r := range strings.Fields(e["rows"].(string)) {
					if strings.HasPrefix(r, "cases:") || strings.HasPrefix(r, "campaign_reviews:") {
						rows++
					}
				}
			}
			if rows != 10 {
				t.Fatalf("batch entries carry digests of %d case and review rows, want 10: %v", rows, entries)
			}
		})
	})
}
