package e2e

import (
	"strings"
	"testing"
)

// TestBrowserS3 — S3 in the browser (the admission case type): VRD's clerk
// files Marta Soler's admission on the recommendation of RSC, claiming
// persecution and a crossing by an exceptional route; a filing without a
// ground is refused next to the field and changes nothing; the case's
// explanation refers it for the approval. VRD's officer cannot decide it:
// the page says it cannot be decided without the top authority's approval,
// nothing changed. HQ's head, who may approve VRD's case but not read it,
// approves it by its number on the approvals page (unconfirmed, or without
// grounds, it is refused next to the field and changes nothing); the
// approvals page lists it for HQ and for VRD, the case's page names it and
// the officer decides it. (HQ, VRD, the sponsors, the admission pack and the
// person are set up over the API.)
func TestBrowserS3(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	w := s.setupS3(t)
	marta := s.citizen(w.vrd, "Marta", "Soler", "ES")

	b := newTab(t, s)
	b.login("VRD-clerk")
	b.open(path("/app/persons/%d", marta))
	before := s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#file-type", "admission", "#file-filed_on", "1939-03-02", "#file-petition\\.sponsor", "RSC",
		"#file-petition\\.filed_on", "1939-03-01")
	b.submit("#file-submit", "#file-particulars\\.ground-error")
	b.see("#file-particulars\\.ground-error", "persecution", "medical")
	b.unchanged("a refused filing", before)
	b.fill("#file-particulars\\.ground", "persecution")
	b.run("tick the exceptional route", chromedpClick("#file-particulars\\.exceptional_route"))
	b.submit("#file-submit", "#notice")
	b.see("#case-state", "filed")
	b.see("#case-ground", "risk of persecution at home", "exceptional route")
	b.see(".explain", "Outcome: refer", "exceptional_route_approval", "approval of the top authority")
	b.checkPage("case")
	caseURL := strings.Split(b.location(), "?")[0]

	b.open("/app/")
	b.submit("#logout", "#notice")
	b.login("VRD-officer")
	b.open(caseURL)
	before = s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-grounds", "Admitted: persecution at home, recommended by RSC.", "#decide-decided_on", "1939-03-05")
	b.confirmed("#decide-submit", "#problem")
	b.see("#problem", "cannot be decided", "approval of the top authority")
	b.unchanged("a refused decision", before)
	b.see("#case-state", "filed")

	hq := newTab(t, s)
	hq.login("HQ-head")
	hq.open(caseURL)
	hq.see("#content", "Not found") // VRD's case is VRD's to read; HQ approves it by its number
	hq.open("/app/approvals")
	before = s.auditCount()
	hq.fill("#approval-case", strings.TrimPrefix(caseURL, "/app/cases/"), "#approval-approved_on", "1939-03-04")
	hq.submit("#approval-submit", "#approval-confirm-error")
	hq.see("#approval-confirm-error", "cannot be undone")
	hq.see("#approval-grounds-error", "is required")
	b.unchanged("a refused approval", before)
	hq.fill("#approval-grounds", "Crossing at an unguarded pass justified by pursuit.")
	hq.run("confirm", chromedpClick("#approval-confirm"))
	hq.submit("#approval-submit", "#notice")
	hq.see("#notice", "was approved")
	hq.see("#approvals", "Case "+strings.TrimPrefix(caseURL, "/app/cases/"), "VRD", "HQ-head", "4 March 1939", "unguarded pass")
	hq.checkPage("approvals")
	hq.language("ru")
	hq.checkPage("approvals")

	b.open("/app/approvals")
	b.see("#approvals", "HQ-head", "unguarded pass")
	b.open(caseURL)
	b.see("#case-approval", "HQ", "HQ-head", "4 March 1939", "unguarded pass")
	b.see(".explain", "Outcome: grant")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-grounds", "Admitted: persecution at home, recommended by RSC.", "#decide-decided_on", "1939-03-06")
	b.confirmed("#decide-submit", "#notice")
	b.see("#case-state", "decided")
	b.see("#decisions", "grant", "VRD-officer")
	b.language("ru")
	b.see("#case-ground", "угроза преследования")
	b.checkPage("case")
}
