package e2e

import (
	"net/http"
	"net/url"
	"testing"
)

// TestCorrectionReachesEveryReader — the passport: valid to
// 1945-01-09, corrected to 1944-01-09. After the correction, through the
// facts or through the document, the status, the person's file and the
// evaluation on 1944-06-01 all agree the passport had ended; as known
// before the correction they all still say what was believed then. Names,
// birth dates and document numbers are corrected the same way, only with a
// reason, each correction audited.
func TestCorrectionReachesEveryReader(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.uploadPack(residencePack(t, false))

		// readers answers, on 1944-06-01 as known at knownAt ("" for now):
		// the status, the file's passport and its number, the first name,
		// and the evaluation's has_valid_passport (only now: evaluations
		// are of the present record).
		type reading struct {
			status, validTo, number, family string
			passport                        any
		}
		readers := func(s *server, person, caseID int64, knownAt string) reading {
			s.t.Helper()
			q := url.Values{"on": {"1944-06-01"}}
			k := url.Values{}
			if knownAt != "" {
				q.Set("known_at", knownAt)
				k.Set("known_at", knownAt)
			}
			st := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/status?%s", person, q.Encode()), nil).JSON()
			file := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d?%s", person, k.Encode()), nil).JSON()
			doc := file["documents"].([]any)[0].(map[string]any)
			r := reading{status: st["summary"].(string), validTo: doc["valid_to"].(string), number: doc["number"].(string),
				family: file["names"].([]any)[0].(map[string]any)["family"].(string)}
			if knownAt == "" {
				e := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/evaluation", caseID), map[string]any{"on": "1944-06-01"}).JSON()
				r.passport = e["inputs"].(map[string]any)["has_valid_passport"]
			}
			return r
		}
		setup := func(s *server, family string) (person, caseID, document int64, before string) {
			person = s.person(vrd.clerk, "VRD", "Jan", family, "1905-03-14")
			s.passport(vrd.clerk, person, family+"-1", "1935-01-10", "1945-01-09")
			caseID = id(s.fileCase(vrd.clerk, "VRD", person, "1944-05-02", nil))
			file := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d", person), nil).JSON()
			doc := file["documents"].([]any)[0].(map[string]any)
			return person, caseID, id(doc), doc["recorded_at"].(string)
		}
		believed := reading{status: "documented (passport CS %s-1) until 1945-01-09", validTo: "1945-01-09"}

		for _, route := range []string{"facts", "document"} {
			t.Run("end_date_through_"+route, func(t *testing.T) {
				s := s.with(t)
				family := "Novak" + route
				person, caseID, document, before := setup(s, family)
				want := believed
				want.status, want.number, want.family, want.passport = "documented (passport CS "+family+"-1) until 1945-01-09", family+"-1", family, true
				if got := readers(s, person, caseID, ""); got != want {
					t.Fatalf("before the correction: %+v, want %+v", got, want)
				}
				fix := map[string]any{"valid_to": "1944-01-09", "reason": "The passport's end date was misread from the register."}
				audit := s.auditCount()
				if route == "facts" {
					fact := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", person), nil).List()[0]
					s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", person, id(fact)), fix)
				} else {
					s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/documents/%d/corrections", person, document), fix)
				}
				if s.auditCount() != audit+1 {
					t.Errorf("the correction was not audited")
				}
				after := reading{status: "no legal status since 1944-01-10", validTo: "1944-01-09", number: family + "-1", family: family, passport: false}
				if got := readers(s, person, caseID, ""); got != after {
					t.Errorf("after the correction: %+v, want %+v", got, after)
				}
				want.passport = nil
				if got := readers(s, person, caseID, before); got != want {
					t.Errorf("as known before the correction: %+v, want %+v", got, want)
				}
				decided := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", caseID),
					map[string]any{"outcome": "deny", "grounds": "No valid passport.", "decided_on": "1944-06-01"}).JSON()
				if p := explanationOf(decided, 0)["inputs"].(map[string]any)["has_valid_passport"]; p != false {
					t.Errorf("the decision's evaluation found has_valid_passport = %v", p)
				}
			})
		}

		t.Run("name_and_number", func(t *testing.T) {
			s := s.with(t)
			person, caseID, document, before := setup(s, "Wirht")
			s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/corrections", person), map[string]any{
				"names": []map[string]string{{"script": "Latin", "given": "Jan", "family": "Wirth"}}, "reason": "Misspelled at registration."})
			d := s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/documents/%d/corrections", person, document),
				map[string]any{"number": "W-7", "reason": "Number misread."}).JSON()
			if d["number"] != "W-7" || d["valid_to"] != "1945-01-09" || d["reason"] != "Number misread." {
				t.Errorf("corrected document = %v", d)
			}
			facts := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", person), nil).List()
			if f := facts[len(facts)-1]; f["label"] != "passport CS W-7" || f["recorded_at"] != d["recorded_at"] || f["document_id"] != float64(document) {
				t.Errorf("the document's corrected fact %v is not recorded with the document %v", f, d)
			}
			now := readers(s, person, caseID, "")
			if now.family != "Wirth" || now.number != "W-7" || now.status != "documented (passport CS W-7) until 1945-01-09" || now.passport != true {
				t.Errorf("after the corrections: %+v", now)
			}
			if then := readers(s, person, caseID, before); then.family != "Wirht" || then.number != "Wirht-1" ||
				then.status != "documented (passport CS Wirht-1) until 1945-01-09" {
				t.Errorf("as known before the corrections: %+v", then)
			}
		})

		t.Run("only_with_a_reason", func(t *testing.T) {
			s := s.with(t)
			person, _, document, _ := setup(s, "Lang")
			audit := s.auditCount()
			for _, c := range []struct {
				path string
				body map[string]any
			}{
				{path("/api/v1/persons/%d/corrections", person), map[string]any{"birth_date": "1906-03-14"}},
				{path("/api/v1/persons/%d/corrections", person), map[string]any{"birth_date": "1906-03-14", "reason": ""}},
				{path("/api/v1/persons/%d/corrections", person), map[string]any{"reason": "nothing to change"}},
				{path("/api/v1/persons/%d/corrections", person), map[string]any{"birth_date": "2026-03-02", "reason": "born tomorrow"}},
				{path("/api/v1/persons/%d/corrections", person), map[string]any{"country_of_origin": "XX", "reason": "r"}},
				{path("/api/v1/persons/%d/documents/%d/corrections", person, document), map[string]any{"number": "L-2"}},
				{path("/api/v1/persons/%d/documents/%d/corrections", person, document), map[string]any{"valid_to": "1930-01-01", "reason": "ends before it starts"}},
				{path("/api/v1/persons/%d/documents/%d/corrections", person, 9999), map[string]any{"number": "L-2", "reason": "r"}},
			} {
				if r := s.malformed().call(vrd.officer, "POST", c.path, c.body); r.Status < 400 || r.Status >= 500 {
					t.Errorf("POST %s %v: %s", c.path, c.body, r)
				}
			}
			if r := s.call(vrd.clerk, "POST", path("/api/v1/persons/%d/corrections", person),
				map[string]any{"birth_date": "1906-03-14", "reason": "r"}); r.Status != http.StatusForbidden {
				t.Errorf("a clerk corrected a person: %s", r)
			}
			if s.auditCount() != audit {
				t.Errorf("refused corrections changed the audit log")
			}
		})
	})
}
