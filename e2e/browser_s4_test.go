package e2e

import (
	"net/http"
	"testing"
)

// TestBrowserS4 — S4 in the browser (and the legalisation case type): after
// the legalisation commission LC is abolished on 1936-06-01 with SC as its
// successor, SC's officer finds LC's pending case on SC's list with its
// evidence and the succession in its history, and decides it; LC's officer,
// in another browser, is refused closing LC's decided case on the day of
// the transfer, with the reason on the page and nothing changed, and may
// close it on LC's last day. (The authorities, the cases and the abolition
// are set up over the API.)
func TestBrowserS4(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	s.setupAuthority("MJ", "ministry", "", "1920-01-01")
	lc := s.setupAuthority("LC", "commission", "MJ", "1930-01-01", "legalisation")
	s.setupAuthority("SC", "commission", "MJ", "1936-05-01")
	filed := s.fileType(lc, "legalisation", s.citizen(lc, "Rudolf", "Weiss", "AT"), "1936-03-02")
	s.must(http.StatusOK, lc.clerk, "POST", path("/api/v1/cases/%d/evidence", filed), map[string]any{
		"kind": "document", "claim": "Birth certificate submitted for legalisation.", "source": "applicant", "received_on": "1936-03-02"})
	closing := s.fileType(lc, "legalisation", s.citizen(lc, "Hans", "Gruber", "AT"), "1936-04-12")
	s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/decision", closing), byHand(map[string]any{
		"outcome": "grant", "grounds": "Signatures verified.", "decided_on": "1936-05-21"}))
	s.must(http.StatusOK, s.head("MJ"), "POST", "/api/v1/authorities/LC/abolition", map[string]any{
		"on": "1936-06-01", "successor": "SC", "reason": "Decree No. 12/1936 on the special commission"})

	sc := newTab(t, s)
	sc.login("SC-officer")
	sc.open("/app/cases?state=filed")
	sc.see("#content", "legalisation", "SC")
	sc.open(path("/app/cases/%d", filed))
	sc.see("#case-authority", "SC")
	sc.see("#evidence", "Birth certificate submitted for legalisation.", "source: applicant")
	sc.see("#history", "passed to successor LC → SC", "functions of LC passed to SC on 1936-06-01")
	sc.run("open the forms", chromedpOpen("details"))
	sc.fill("#decide-outcome", "grant", "#decide-grounds", "Legalised by the special commission.", "#decide-decided_on", "1936-06-01",
		"#decide-override_grounds", "Decided by hand: no policy pack decides legalisations.")
	sc.submit("#decide-submit", "#confirm-warning")
	sc.submit("#confirm-submit", "#notice")
	sc.see("#decisions", "grant", "SC-officer")
	sc.checkPage("case")

	old := newTab(t, s)
	old.login("LC-officer")
	old.open(path("/app/cases/%d", closing))
	before := s.auditCount()
	old.run("open the forms", chromedpOpen("details"))
	old.fill("#close-reason", "Legalised document collected.", "#close-closed_on", "1936-06-01")
	old.submit("#close-submit", "#confirm-warning")
	old.submit("#confirm-submit", "#problem")
	old.see("#problem", "LC cannot close a case on 1936-06-01: functions of LC passed to SC on 1936-06-01")
	if after := s.auditCount(); after != before {
		t.Fatalf("a refused act changed the audit log: %d → %d", before, after)
	}
	old.see("#case-state", "decided")
	old.run("open the forms", chromedpOpen("details"))
	old.fill("#close-reason", "Legalised document collected on LC's last day.", "#close-closed_on", "1936-05-31")
	old.submit("#close-submit", "#confirm-warning")
	old.submit("#confirm-submit", "#notice")
	old.see("#case-state", "closed")
	old.language("ru")
	old.checkPage("case")
}
