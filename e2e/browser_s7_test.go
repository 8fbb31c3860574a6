package e2e

import (
	"net/http"
	"testing"
	"time"
)

// TestBrowserS7 — S7 in the browser (elections under a citizenship
// decree): VRD's clerk finds the decree of 1955-11-15 on the decrees page
// and, on its page, records Kim Pak's election of dual citizenship (an
// election without its date is refused next to the field in Kim's row and
// changes nothing) and Lee Sun's conversion. Kim's page then answers one
// citizenship on 1955-10-01 and two on 1956-01-10, and, as known on the
// day before the elections were recorded, still one. (The authorities,
// the persons with their citizenships and registrations and the decree
// are set up over the API, two days before the clerk's work.)
func TestBrowserS7(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	w := s.setupCities()
	kim := s.person(w.vrdClerk, "VRD", "Kim", "Pak", "1921-02-11")
	lee := s.person(w.vrdClerk, "VRD", "Lee", "Sun", "1923-07-30")
	for _, p := range []int64{kim, lee} {
		s.must(http.StatusCreated, w.vrdClerk, "POST", path("/api/v1/persons/%d/citizenships", p),
			map[string]any{"country": "KP", "valid_from": "1948-09-09", "legal_reference": "Nationality Act 1948"})
		s.register(w.vrdClerk, p, "Alma", "worker", "1954-01-01", "")
	}
	decree := id(s.must(http.StatusAccepted, s.admin, "POST", "/api/v1/decrees", map[string]any{
		"legal_reference": "Decree of 15 November 1955 on citizens working abroad", "decreed_on": "1955-11-15",
		"class": `category == "worker"`, "citizenship": "KP", "grants": "SU", "deadline": "1956-06-30"}).JSON())
	s.awaitJob(s.admin, path("/api/v1/decrees/%d", decree), nil)
	elections := map[int64]int64{}
	for _, e := range s.must(http.StatusOK, w.vrdClerk, "GET", path("/api/v1/decrees/%d/elections", decree), nil).List() {
		elections[int64(e["person_id"].(float64))] = id(e)
	}
	s.clock.mu.Lock()
	setUpOn := s.clock.now.Format(time.DateOnly)
	s.clock.now = s.clock.now.Add(48 * time.Hour)
	s.clock.mu.Unlock()

	b := newTab(t, s)
	b.login("VRD-clerk")
	b.open("/app/decrees")
	b.see("#decrees", "Decree of 15 November 1955 on citizens working abroad", "15 November 1955")
	b.checkPage("decrees")
	b.open(path("/app/decrees/%d", decree))
	b.see("#decree", "category == \"worker\"", "KP → SU", "30 June 1956")
	kimForm, leeForm := path("#election%d", elections[kim]), path("#election%d", elections[lee])
	before := s.auditCount()
	b.fill(kimForm+"-choice", "dual")
	b.submit(kimForm+"-submit", kimForm+"-elected_on-error")
	b.see(kimForm+"-elected_on-error", "is required")
	b.unchanged("a refused election", before)
	b.fill(kimForm+"-choice", "dual", kimForm+"-elected_on", "1955-12-01")
	b.submit(kimForm+"-submit", "#notice")
	b.see(path("#election-%d", elections[kim]), "Kim Pak", "dual citizenship", "1 December 1955", "VRD-clerk")
	b.fill(leeForm+"-choice", "convert", leeForm+"-elected_on", "1956-01-05")
	b.submit(leeForm+"-submit", "#notice")
	b.see(path("#election-%d", elections[lee]), "convert", "5 January 1956")
	b.see("#decree", "2 elections opened, 2 made")
	b.checkPage("decree")

	kimPage := path("/app/persons/%d", kim)
	b.open(kimPage + "?on=1955-10-01")
	if got := b.text("#citizenships"); got != "citizenships: KP" {
		t.Fatalf("Kim's citizenships on 1955-10-01: %q", got)
	}
	b.open(kimPage + "?on=1956-01-10")
	b.see("#citizenships", "KP, SU")
	b.checkPage("person")
	b.open(kimPage + "?on=1956-01-10&known=" + setUpOn)
	if got := b.text("#citizenships"); got != "citizenships: KP" {
		t.Fatalf("Kim's citizenships on 1956-01-10 as known on %s: %q", setUpOn, got)
	}
	b.open(path("/app/persons/%d?on=1956-01-10", lee))
	if got := b.text("#citizenships"); got != "citizenships: SU" {
		t.Fatalf("Lee's citizenships on 1956-01-10: %q", got)
	}
	b.language("ru")
	b.open(path("/app/decrees/%d", decree))
	b.checkPage("decree")
	b.open("/app/decrees")
	b.checkPage("decrees")
}
