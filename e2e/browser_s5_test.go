package e2e

import (
	"net/http"
	"os"
	"testing"
)

// TestBrowserS5 — S5 in the browser (registration and the review case
// type): VRD's clerk registers Ada Kern with the office of her city on her
// page (an unknown city is refused next to its field and changes nothing),
// and the timeline shows the registration with Alma's office. After VRD's
// head runs a review campaign over registered workers, the Alma
// commission's officer finds Ada's review on the commission's list of
// review cases, reads the review pack's explanation and records the
// outcome with grounds and the campaign's order after confirming. (The
// authorities, the people, the campaign, the pack and the passport are set
// up over the API.)
func TestBrowserS5(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	w := s.setupCities()
	ada := s.person(w.vrdClerk, "VRD", "Ada", "Kern", "1920-05-01")
	boris := s.person(w.vrdClerk, "VRD", "Boris", "Lind", "1920-05-02")
	s.register(w.vrdClerk, boris, "Borovo", "worker", "1955-01-01", "")

	b := newTab(t, s)
	b.login("VRD-clerk")
	b.open(path("/app/persons/%d", ada))
	before := s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#residence-city", "Nowhere", "#residence-category", "worker", "#residence-valid_from", "1955-01-01")
	b.submit("#residence-submit", "#residence-city-error")
	b.see("#residence-city-error", "Nowhere")
	b.unchanged("a refused registration", before)
	b.fill("#residence-city", "Alma")
	b.submit("#residence-submit", "#notice")
	b.see("#timeline", "LO-A")
	b.checkPage("person")

	campaign := id(s.must(http.StatusAccepted, w.vrdHead, "POST", "/api/v1/campaigns", map[string]any{
		"name": "Review of registered workers", "legal_reference": "Order 112 of 1956-01-05",
		"rule": `registered && category == "worker"`, "on": "1956-01-10"}).JSON())
	s.awaitJob(w.vrdHead, path("/api/v1/campaigns/%d", campaign), nil)
	var review int64
	for _, r := range s.reviewsOf(w.comA, campaign) {
		if r["person_id"] == float64(ada) {
			review = int64(r["case_id"].(float64))
		}
	}
	src, err := os.ReadFile("../policies/review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.uploadPack(string(src))
	s.passport(w.vrdClerk, ada, "KP-100", "1950-01-01", "1960-12-31")

	b.open("/app/")
	b.submit("#logout", "#notice")
	b.login("COM-A-officer")
	b.open("/app/cases?type=review")
	b.see("#content", path("Case %d", review), "review", "filed", "COM-A", "10 January 1956")
	b.see("tbody", path("#%d", ada)) // the person is VRD's to read: the list names the number only
	b.checkPage("cases")
	b.open(path("/app/cases/%d", review))
	b.see("#case-authority", "COM-A")
	b.see(".summary", path("#%d", ada)) // the person is VRD's to read; the commission sees the number
	b.see(".explain", "Outcome: grant", "review")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-grounds", "Registered and documented; status confirmed.",
		"#decide-legal_refs", "Order 112 of 1956-01-05", "#decide-decided_on", "1956-02-01")
	b.confirmed("#decide-submit", "#notice")
	b.see("#case-state", "decided")
	b.see("#decisions", "grant", "Registered and documented; status confirmed.", "Order 112 of 1956-01-05", "COM-A-officer")
	b.checkPage("case")
	b.language("ru")
	b.checkPage("case")
}
