package e2e

import "testing"

// TestBrowserS6 — S6 in the browser (the departure case type): VRD's
// officer takes Pavel Kuna's departure into review and orders it after
// confirming, by hand (with no departure pack in use the page says so
// until override grounds are given); records a protection (risk to life from illness) on his
// page, which suspends the departure; the enforcement form is refused with
// the protection and the way to lift it named on the page, nothing
// changed; a lifting on the protection's first day is refused next to its
// field; the reasoned lifting resumes the departure, whose enforcement
// dated within the protection is refused and then recorded after it. (VRD
// and the filed departure are set up over the API.)
func TestBrowserS6(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	w := s.setupS6()
	pavel := s.citizen(w.vrd, "Pavel", "Kuna", "CS")
	c := s.departure(w, pavel, "1950-03-01")
	caseURL := path("/app/cases/%d", c)

	b := newTab(t, s)
	b.login("VRD-officer")
	b.open(caseURL)
	b.submit("#review-submit", "#notice")
	b.see("#case-state", "in review")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-grounds", "Return to the country of origin ordered: no legal basis of stay.",
		"#decide-decided_on", "1950-04-01")
	b.confirmed("#decide-submit", "#problem")
	b.see("#problem", "no policy pack in force for departure cases")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-override_grounds", "No departure pack is in use: ordered by hand under Aliens Act §12.")
	b.confirmed("#decide-submit", "#notice")
	b.see("#case-state", "decided")

	b.open(path("/app/persons/%d", pavel))
	before := s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#protect-ground", "illness", "#protect-valid_from", "1950-04-10")
	b.submit("#protect-submit", "#protect-grounds-error")
	b.see("#protect-grounds-error", "is required")
	b.unchanged("a refused protection", before)
	b.fill("#protect-grounds", "Medical board report No. 31: treatment unavailable at home.")
	b.submit("#protect-submit", "#notice")
	b.see("#timeline", "protection: risk to life from illness")
	b.checkPage("person")

	b.open(caseURL)
	b.see("#case-state", "suspended")
	before = s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#enforce-enforced_on", "1950-05-01", "#enforce-note", "Escorted to the border crossing.")
	b.confirmed("#enforce-submit", "#problem")
	b.see("#problem", "protection", "lifting")
	b.unchanged("a refused enforcement", before)
	b.see("#case-state", "suspended")
	b.checkPage("case")

	b.open(path("/app/persons/%d", pavel))
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#lift-lifted_on", "1950-04-10", "#lift-grounds", "Treatment completed.")
	b.submit("#lift-submit", "#lift-lifted_on-error")
	b.see("#lift-lifted_on-error", "after the protection began")
	b.unchanged("a refused lifting", before)
	b.fill("#lift-lifted_on", "1951-04-01", "#lift-grounds", "Treatment completed; the medical board finds travel safe.",
		"#lift-legal_refs", "Aliens Act §14(2)")
	b.submit("#lift-submit", "#notice")
	b.see("#notice", "lifted")
	b.see("#timeline", "31 March 1951")

	b.open(caseURL)
	b.see("#case-state", "decided")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#enforce-enforced_on", "1951-03-15", "#enforce-note", "Back-dated into the protection.")
	b.confirmed("#enforce-submit", "#problem")
	b.see("#problem", "protection")
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#enforce-enforced_on", "1951-05-02", "#enforce-note", "Departed by train via the northern crossing.")
	b.confirmed("#enforce-submit", "#notice")
	b.see("#case-state", "closed")
	b.see("#case-enforced", "2 May 1951")
	if a := s.auditActions(w.auditor, c); !hasAll(a, "case.suspend", "case.resume", "case.enforce") {
		t.Fatalf("audit of the case = %v", a)
	}
	b.language("ru")
	b.checkPage("case")
	b.open(path("/app/persons/%d", pavel))
	b.checkPage("person")
}
