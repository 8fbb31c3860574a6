package e2e

import (
	"net/http"
	"testing"
)

// TestOneAnswerOnAccreditation — the case view (petition.accredited, on
// filing and on every read) and the evaluation (input sponsor_accredited,
// dry run and the decision's stored explanation) give the same answer: the
// sponsor was accredited with the authority deciding the case on the day
// the petition was filed. Accreditation with another authority, one that
// starts after the filing and one revoked before it do not count.
func TestOneAnswerOnAccreditation(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupOffice("OTH", "Other Department")
		s.uploadPack(residencePack(t, false))
		// sponsor registers a sponsor with accreditations given as
		// authority, from and (optionally) the day it was revoked.
		sponsor := func(code string, accreditations ...[3]string) {
			s.must(http.StatusCreated, s.admin, "POST", "/api/v1/sponsors", map[string]any{"code": code, "name": code, "country": "CS"})
			for _, a := range accreditations {
				r := s.must(http.StatusCreated, s.admin, "POST", "/api/v1/sponsors/"+code+"/accreditations",
					map[string]any{"authority": a[0], "valid_from": a[1]})
				if a[2] != "" {
					s.must(http.StatusOK, s.admin, "POST", path("/api/v1/sponsors/%s/accreditations/%d/revocation", code, id(r.JSON())),
						map[string]any{"revoked_on": a[2], "reason": "lapsed"})
				}
			}
		}
		sponsor("ELSEWHERE", [3]string{"OTH", "1935-01-01"})
		sponsor("LATE", [3]string{"VRD", "1937-12-01"})
		sponsor("REVOKED", [3]string{"VRD", "1935-01-01", "1937-06-01"})
		sponsor("HERE", [3]string{"OTH", "1935-01-01"}, [3]string{"VRD", "1936-01-01"})

		for _, tc := range []struct {
			sponsor string
			want    bool
		}{{"ELSEWHERE", false}, {"LATE", false}, {"REVOKED", false}, {"HERE", true}} {
			t.Run(tc.sponsor, func(t *testing.T) {
				s := s.with(t)
				p := s.person(vrd.clerk, "VRD", "Jan", tc.sponsor, "1905-03-14")
				filed := s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", map[string]any{"sponsor": tc.sponsor, "filed_on": "1937-11-02"})
				c := id(filed)
				read := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
				evaluated := s.evaluate(vrd.officer, c)
				outcome := "deny"
				if tc.want {
					outcome = "grant"
				}
				decided := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), map[string]any{
					"outcome": outcome, "grounds": "g", "decided_on": "1937-11-20"}).JSON()
				for name, got := range map[string]any{
					"filed case":            filed["petition"].(map[string]any)["accredited"],
					"case read":             read["petition"].(map[string]any)["accredited"],
					"decided case":          decided["petition"].(map[string]any)["accredited"],
					"evaluation input":      evaluated["inputs"].(map[string]any)["sponsor_accredited"],
					"decision's evaluation": explanationOf(decided, 0)["inputs"].(map[string]any)["sponsor_accredited"],
				} {
					if got != tc.want {
						t.Errorf("%s says accredited = %v, want %v", name, got, tc.want)
					}
				}
			})
		}
	})
}
