package e2e

import (
	"strings"
	"testing"
)

// TestBrowserS2 — S2 in the browser: VRD's officer opens the lapse report
// for 1938-01-10 and sees, within 30 days, the one person whose only
// permit ends (not the one whose passport runs on, nor another authority's
// person), and Jan Novak without legal status since 1 January 1938; a
// window too short lists nobody; Jan's page says the same, and the
// dashboard charts VRD's figures. Bad input in the report's form is shown
// next to the field. Lapse report and dashboard pass axe-core and are
// photographed in English and Russian. (The people and their papers are
// set up over the API.)
func TestBrowserS2(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	b := newTab(t, s)
	expired := s.setupS2().expired

	b.login("VRD-officer")
	b.open("/app/lapses")
	b.fill("#-on", "1938-01-10", "#-days", "30")
	b.submit("#lapses-submit", "#lapsing")
	b.see("#lapsing", "Eva Lang", "31 January 1938", "21")
	b.see("#nostatus", "Jan Novak", "no legal status since 1 January 1938")
	for _, absent := range []string{"Otto Brandt", "Ida Roth"} {
		if strings.Contains(b.text("#content"), absent) {
			t.Fatalf("the lapse report names %s", absent)
		}
	}
	b.checkPage("lapses")

	b.fill("#-days", "10")
	b.submit("#lapses-submit", "#lapsing-h")
	if strings.Contains(b.text("#content"), "Eva Lang") {
		t.Fatal("a 10-day window lists Eva Lang")
	}
	b.fill("#-days", "-5")
	b.submit("#lapses-submit", "#-days-error")
	b.see("#-days-error", "whole number")

	b.open(path("/app/persons/%d?on=1938-01-10", expired))
	b.see("#status-summary", "no legal status since 1938-01-01")

	b.open("/app/dashboard?on=1938-01-10")
	b.see("#content", "VRD")
	if got := b.eval("chart", `document.querySelector("svg desc").textContent`); !strings.Contains(got, "within 30 days: 1") {
		t.Fatalf("the lapse chart says %q", got)
	}
	b.checkPage("dashboard")

	b.language("ru")
	b.open("/app/lapses?on=1938-01-10&days=30")
	b.see("#nostatus", "Jan Novak", "без правового статуса с 1 января 1938 г.")
	b.checkPage("lapses")
	b.open("/app/dashboard?on=1938-01-10")
	b.checkPage("dashboard")
}
