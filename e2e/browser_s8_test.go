package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestBrowserS8 — S8 in the browser: EMB-P's officer records the HOST
// concurrence and the evidence of a return request (the stated reason and
// another source, each with its source), decides it under HQ's delegation
// after confirming, and the page shows the report owed to HQ within 14
// days; a request failing delegation conditions is refused with the
// conditions named on the page and is referred to HQ. HQ's officer sees
// the overdue report on the delegations page and the dashboard; after HQ
// revokes the delegation, EMB-P's open request is HQ's, its history saying
// so. (HQ, EMB-P, the delegation, the people, their filed requests and
// the revocation are set up over the API.)
func TestBrowserS8(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	b := newTab(t, s)
	w := s.setupS8()
	first := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Jana", "Novotna", "CS"), "1956-03-01")
	failing := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Ivan", "Kral", "CS"), "1956-03-01")
	open := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Karel", "Dvorak", "CS"), "1956-03-01")

	b.login("EMB-P-officer")
	b.open(path("/app/cases/%d", first))
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#concurrence-party", "HOST authorities", "#concurrence-given_on", "1956-03-02", "#concurrence-reference", "HOST note 25-S-207")
	b.submit("#concurrence-submit", "#notice")
	for _, e := range [][4]string{
		{"stated", "Requests return because of illness.", "the applicant", "1956-03-01"},
		{"other_source", "Released from work for misconduct.", "HOST employer's letter No. 45", "1956-03-04"},
	} {
		b.run("open the forms", chromedpOpen("details"))
		b.fill("#evidence-kind", e[0], "#evidence-claim", e[1], "#evidence-source", e[2], "#evidence-received_on", e[3])
		b.submit("#evidence-submit", "#notice")
	}
	b.see("#evidence", "stated by the person: Requests return because of illness. — source: the applicant, received 1 March 1956",
		"other source: Released from work for misconduct. — source: HOST employer's letter No. 45, received 4 March 1956")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-grounds", "Return granted: illness.", "#decide-decided_on", "1956-03-06",
		"#decide-override_grounds", "Decided by hand: no policy pack decides return requests.")
	b.run("tick the conditions", chromedpClick("#decide-individual_case"), chromedpClick("#decide-justified"), chromedpClick("#decide-reasons_given"))
	b.submit("#decide-submit", "#confirm-warning")
	b.submit("#confirm-submit", "#notice")
	b.see("#case-state", "decided")
	b.see("#owed", "EMB-P → HQ", "Jana Novotna", "due 20 March 1956")
	b.checkPage("case")

	b.open(path("/app/cases/%d", failing))
	before := s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-grounds", "Return granted.", "#decide-decided_on", "1956-03-06",
		"#decide-override_grounds", "Decided by hand: no policy pack decides return requests.")
	b.run("tick the conditions", chromedpClick("#decide-individual_case"), chromedpClick("#decide-justified"))
	b.submit("#decide-submit", "#confirm-warning")
	b.submit("#confirm-submit", "#problem")
	b.see("#problem", "refer the case to HQ", "concurrence of the HOST authorities")
	if after := s.auditCount(); after != before {
		t.Fatalf("a refused decision changed the audit log: %d → %d", before, after)
	}
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#refer-referred_on", "1956-03-06", "#refer-reason", "Delegation conditions not met: no HOST concurrence.")
	b.submit("#refer-submit", "#confirm-warning")
	b.submit("#confirm-submit", "#content h1")
	b.see("#content", "Not found") // referred to HQ, the case is no longer EMB-P's to see

	b.open("/app/")
	b.submit("#logout", "#notice")
	b.login("HQ-officer")
	b.open(path("/app/cases/%d", failing))
	b.see("#case-authority", "HQ")
	b.see("#history", "referred EMB-P → HQ", "no HOST concurrence")
	b.open("/app/dashboard?on=1956-03-21")
	if got := b.eval("chart", `[...document.querySelectorAll("svg desc")].map(d => d.textContent).join(" | ")`); !strings.Contains(got, "EMB-P: 1") {
		t.Fatalf("HQ's dashboard charts %q", got)
	}
	b.checkPage("dashboard")
	b.open("/app/delegations")
	b.see("#delegations", "HQ → EMB-P", "return_request", "host_concurrence")
	b.checkPage("delegations")

	s.must(http.StatusOK, w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
		map[string]any{"revoked_on": "1956-04-01", "reason": "Embassy staff reduced"})
	b.open(path("/app/cases/%d", open))
	b.see("#case-authority", "HQ")
	b.see("#history", "returned to delegator EMB-P → HQ", "Embassy staff reduced")
	b.open("/app/delegations")
	b.see("#delegations", "revoked 1 April 1956")

	b.language("ru")
	for _, p := range [][2]string{{"case", path("/app/cases/%d", first)}, {"dashboard", "/app/dashboard?on=1956-03-21"}, {"delegations", "/app/delegations"}} {
		b.open(p[1])
		b.checkPage(p[0])
	}
}
