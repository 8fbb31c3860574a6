package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestBrowserS1 — S1 in the browser: a clerk registers Anna Wirth (names in
// two scripts) and files her case on IAS's petition, with the evidence of
// her missing passport; the page explains the evaluation (the sponsor
// exception sets the passport requirement aside, 1930 version); an
// officer's bad decision is refused next to its fields and changes
// nothing; the decision is confirmed, the permit issued and her status on
// 1938-01-01 is "resident". After the 1938 version Jan Novak's case is
// explained as not eligible under it; the pack's page shows both versions
// and what changed, and a what-if run of the 1930 version over the open
// cases, followed on its page, lists Jan Novak's as changing while Anna's
// decided case keeps citing 1930. The main pages pass axe-core and are
// photographed in English and Russian; a session that idled too long and
// a cross-site form post are refused. (The authority, sponsor and pack are
// set up over the API, as an administrator does.)
func TestBrowserS1(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	b := newTab(t, s)
	s.setupOffice("VRD", "Visa and Registration Department")
	s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
	s.uploadPack(residencePack(t, true))

	b.login("VRD-clerk")
	b.checkPage("home")
	b.open("/app/persons")
	b.run("open the registration form", chromedpOpen("details"))
	b.fill("#register-birth_date", "1905-03-14", "#register-country_of_origin", "CS",
		`[id="register-names[0].given"]`, "Anna", `[id="register-names[0].family"]`, "Wirth",
		`[id="register-names[1].script"]`, "Cyrillic", `[id="register-names[1].given"]`, "Анна", `[id="register-names[1].family"]`, "Вирт")
	b.submit("#register-submit", "#notice")
	b.see(".names", "Anna Wirth", "Анна Вирт")
	anna := strings.Split(b.location(), "?")[0]

	b.run("open the forms", chromedpOpen("details"))
	b.fill("#file-type", "residence_permit", "#file-filed_on", "1937-11-02", "#file-petition\\.sponsor", "IAS",
		"#file-petition\\.filed_on", "1937-11-02")
	b.submit("#file-submit", "#notice")
	b.see("#case-state", "filed")
	caseURL := strings.Split(b.location(), "?")[0]
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#evidence-kind", "stated", "#evidence-claim", "Holds no national passport.", "#evidence-source", "applicant",
		"#evidence-received_on", "1937-11-02")
	b.submit("#evidence-submit", "#notice")
	b.see("#evidence", "Holds no national passport.", "source: applicant")
	b.see(".explain", "Outcome: grant", "version 1930", "permit", "sponsor_exception", "passport_required", "set aside by sponsor_exception")
	b.checkPage("case")

	b.open("/app/")
	b.submit("#logout", "#notice")
	b.login("VRD-officer")
	b.open(caseURL)
	before := s.auditCount()
	b.run("open the forms", chromedpOpen("details"))
	b.fill("#decide-outcome", "grant", "#decide-decided_on", "")
	b.submit("#decide-submit", "#decide-grounds-error")
	b.see("#decide-grounds-error", "is required")
	b.see("#decide-decided_on-error", "is required")
	if after := s.auditCount(); after != before {
		t.Fatalf("a refused form changed the audit log: %d → %d entries", before, after)
	}
	b.fill("#decide-grounds", "Accredited sponsor petition in lieu of a passport.", "#decide-legal_refs", "Residence Decree 1930 §3",
		"#decide-decided_on", "1937-11-10")
	b.submit("#decide-submit", "#confirm-warning")
	b.see("#content", "Accredited sponsor petition")
	if after := s.auditCount(); after != before {
		t.Fatalf("asking for confirmation changed the audit log: %d → %d entries", before, after)
	}
	b.submit("#confirm-submit", "#notice")
	b.see("#case-state", "decided")
	b.see("#decisions", "grant", "R-000001", "Residence Decree 1930 §3", "sponsor_exception")

	b.open(anna + "?on=1938-01-01")
	b.see("#status-summary", "resident", "R-000001")
	b.checkPage("person")
	b.open("/app/cases")
	b.see("tbody", "Anna Wirth") // each case names its person
	b.checkPage("cases")
	b.open("/app/persons")
	b.checkPage("persons")

	s.uploadPack(residencePack(t, false))
	jan := s.person(s.user("VRD-clerk2", "clerk", "VRD", "restricted"), "VRD", "Jan", "Novak", "1899-08-21")
	c := s.fileCase(s.user("VRD-clerk3", "clerk", "VRD", "restricted"), "VRD", jan, "1938-02-20", map[string]any{"sponsor": "IAS", "filed_on": "1938-02-20"})
	b.open(path("/app/cases/%d", id(c)))
	b.see(".explain", "Outcome: deny", "version 1938", "passport_required", "requirement not met")

	b.open("/app/policies/residence")
	b.see("#content", "Version 1930", "Version 1938", "sponsor_exception: removed")
	b.checkPage("policy")
	b.fill("#whatif-version", "1930", "#whatif-scope", "open")
	b.submit("#whatif-submit", "#whatif-state")
	b.waitText("#whatif-state", "done")
	b.see("#whatif-changed", "Jan Novak", "deny", "grant")
	b.checkPage("whatif")
	b.open(caseURL)
	b.see("#decisions", "version 1930")

	b.open(path("/app/cases/%d", id(c)))
	b.language("ru")
	b.see("#case-state", "подано")
	b.checkPage("case")
	for _, p := range [][2]string{{"home", "/app/"}, {"persons", "/app/persons"}, {"cases", "/app/cases"}, {"person", anna}} {
		b.open(p[1])
		b.checkPage(p[0])
	}
	b.open(caseURL)
	b.see(".explain", "Итог: удовлетворить")

	t.Run("cross_site_post_refused", func(t *testing.T) {
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<!doctype html><form method="post" action="` + s.url + caseURL + `/close">` +
				`<input name="reason" value="forged"><input name="closed_on" value="1938-01-01"><input name="confirm" value="yes">` +
				`<button id="go">go</button></form>`))
		}))
		defer evil.Close()
		before := s.auditCount()
		b.run("the other site's form", chromedpNavigate(evil.URL), chromedpClick("#go"))
		b.waitText("body", "cross-origin")
		if after := s.auditCount(); after != before {
			t.Fatalf("a cross-site post changed the audit log: %d → %d", before, after)
		}
		b.open(caseURL)
		b.see("#case-state", "решено")
	})

	t.Run("idle_session_ends", func(t *testing.T) {
		s.clock.mu.Lock()
		s.clock.now = s.clock.now.Add(31 * time.Minute)
		s.clock.mu.Unlock()
		b.open("/app/cases")
		b.see("#notice", "Сеанс завершён")
		if loc := b.location(); !strings.HasPrefix(loc, "/app/login?expired=1") {
			t.Fatalf("an idle session went to %s", loc)
		}
	})
}
