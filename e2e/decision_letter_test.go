package e2e

import (
	"net/http"
	"strings"
	"testing"

	"sojourn/paper/papertest"
)

// TestDecisionLetter: every decision has a letter as PDF with its grounds,
// the explanation's rule ids and legal references, and how to appeal and
// by when; it is read within the caller's jurisdiction only.
func TestDecisionLetter(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		s.uploadPack(residencePack(t, true))
		anna := s.threeScriptPerson(vrd.clerk, "VRD")
		c := s.fileCase(vrd.clerk, "VRD", anna, "1937-11-02", map[string]any{"sponsor": "IAS", "filed_on": "1937-11-02"})
		s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evidence", id(c)), map[string]any{
			"kind": "stated", "claim": "Holds no national passport.", "source": "applicant", "received_on": "1937-11-02"})
		decided := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", id(c)), map[string]any{
			"outcome": "grant", "grounds": "Accredited sponsor petition in lieu of a passport.",
			"legal_refs": []string{"Residence Decree 1930 §3"}, "decided_on": "1937-11-10"}).JSON()
		d := decided["decisions"].([]any)[0].(map[string]any)
		e := d["explanation"].(map[string]any)
		letter := path("/api/v1/cases/%d/decisions/%d/letter", id(c), id(d))

		r := s.must(http.StatusOK, vrd.clerk, "GET", letter, nil)
		if r.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("letter content type %q", r.Header.Get("Content-Type"))
		}
		text, err := papertest.Text(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Decision on case", "Wirth, Anna", "Вирт, Анна", "비르트, 안나", "1937-11-10", "granted",
			"Accredited sponsor petition in lieu of a passport.", "Residence Decree 1930 §3", "R-000001",
			e["legal_reference"].(string), "How to appeal", "Last day to appeal: 1937-12-10"}
		for _, list := range []string{"fired", "overridden"} {
			for _, rule := range e[list].([]any) {
				m := rule.(map[string]any)
				want = append(want, "Rule "+m["id"].(string)+" ("+m["ref"].(string)+")")
			}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the letter lacks %q:\n%s", w, text)
			}
		}

		rso := s.setupOffice("RSO", "Regional Service Office")
		s.must(http.StatusNotFound, rso.clerk, "GET", letter, nil)
		s.must(http.StatusNotFound, vrd.clerk, "GET", path("/api/v1/cases/%d/decisions/%d/letter", id(c), id(d)+100), nil)
		if r := s.malformed().call(vrd.clerk, "GET", path("/api/v1/cases/%d/decisions/0/letter", id(c)), nil); r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "decision") {
			t.Fatalf("decision 0: %s", r)
		}

		// A refusal (against the evaluation, with grounds) names the default route of appeal.
		karl := s.person(vrd.clerk, "VRD", "Karl", "Brenner", "1900-01-01")
		c2 := s.fileCase(vrd.clerk, "VRD", karl, "1937-11-02", map[string]any{"sponsor": "IAS", "filed_on": "1937-11-02"})
		s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evidence", id(c2)), map[string]any{
			"kind": "stated", "claim": "Holds no national passport.", "source": "applicant", "received_on": "1937-11-02"})
		refused := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", id(c2)), map[string]any{
			"outcome": "deny", "grounds": "The petition is not signed.", "decided_on": "1937-11-12",
			"override_grounds": "The sponsor's petition is unsigned, so the exception cannot apply."}).JSON()
		d2 := refused["decisions"].([]any)[0].(map[string]any)
		text, err = papertest.Text(s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/cases/%d/decisions/%d/letter", id(c2), id(d2)), nil).Body)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"refused", "The petition is not signed.", "decided against the evaluation", "Appeal in writing to the head of VRD within 30 days",
			"Last day to appeal: 1937-12-12"} {
			if !strings.Contains(text, w) {
				t.Errorf("the refusal letter lacks %q:\n%s", w, text)
			}
		}
	})
}
