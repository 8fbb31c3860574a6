package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestStandardCodes — countries are ISO 3166-1 alpha-2 codes or ISO 3166-3
// codes of former states, scripts are Unicode script names or ISO 15924
// codes, and a birth date after the server's today is refused; on every
// route that takes them.
func TestStandardCodes(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		person := func(script, family, country, born string) map[string]any {
			return map[string]any{"authority": "VRD", "birth_date": born, "country_of_origin": country, "confirm_new": true,
				"names": []map[string]string{{"script": script, "family": family}}}
		}
		for _, tc := range []struct {
			name  string
			token string
			path  string
			body  map[string]any
			want  int
		}{
			{"former state SU", vrd.clerk, "/api/v1/persons", person("Latin", "Orlov", "SU", "1910-01-01"), http.StatusCreated},
			{"former state by 3166-3 code", vrd.clerk, "/api/v1/persons", person("Latin", "Novak", "YUCS", "1910-01-01"), http.StatusCreated},
			{"GDR", vrd.clerk, "/api/v1/persons", person("Latin", "Weber", "DD", "1910-01-01"), http.StatusCreated},
			{"user-assigned XX", vrd.clerk, "/api/v1/persons", person("Latin", "Weber", "XX", "1910-01-01"), http.StatusUnprocessableEntity},
			{"not a code", vrd.clerk, "/api/v1/persons", person("Latin", "Weber", "CZE", "1910-01-01"), http.StatusUnprocessableEntity},
			{"ISO 15924 Cyrl", vrd.clerk, "/api/v1/persons", person("Cyrl", "Орлов", "SU", "1910-01-01"), http.StatusCreated},
			{"ISO 15924 Hang", vrd.clerk, "/api/v1/persons", person("Hang", "김", "KR", "1921-01-09"), http.StatusCreated},
			{"ISO 15924 code, letters of another script", vrd.clerk, "/api/v1/persons", person("Cyrl", "Orlov", "SU", "1910-01-01"), http.StatusUnprocessableEntity},
			{"unknown script code", vrd.clerk, "/api/v1/persons", person("Qaaa", "Orlov", "SU", "1910-01-01"), http.StatusUnprocessableEntity},
			{"born today", vrd.clerk, "/api/v1/persons", person("Latin", "Neu", "CS", "2026-03-01"), http.StatusCreated},
			{"born tomorrow", vrd.clerk, "/api/v1/persons", person("Latin", "Neu", "CS", "2026-03-02"), http.StatusUnprocessableEntity},
			{"document of a former state", vrd.clerk, path("/api/v1/persons/%d/documents", p),
				map[string]any{"kind": "passport", "number": "CS-1", "issuing_state": "CS", "valid_from": "1930-01-01"}, http.StatusCreated},
			{"document of XX", vrd.clerk, path("/api/v1/persons/%d/documents", p),
				map[string]any{"kind": "passport", "number": "XX-1", "issuing_state": "XX", "valid_from": "1930-01-01"}, http.StatusUnprocessableEntity},
			{"sponsor of XX", s.admin, "/api/v1/sponsors", map[string]any{"code": "XXS", "name": "x", "country": "XX"}, http.StatusUnprocessableEntity},
			{"sponsor of SU", s.admin, "/api/v1/sponsors", map[string]any{"code": "SUS", "name": "x", "country": "SU"}, http.StatusCreated},
		} {
			t.Run(tc.name, func(t *testing.T) {
				s := s.with(t)
				if r := s.call(tc.token, "POST", tc.path, tc.body); r.Status != tc.want {
					t.Errorf("got %s, want %d", r, tc.want)
				}
			})
		}
	})
}

// TestFutureDecisionDates — a decision dated after the server's today is
// refused (422 naming decided_on, nothing written) unless the pack in use
// for the case type says future_decisions: allowed; today itself is fine.
func TestFutureDecisionDates(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		decide := func(on string) response {
			c := id(s.fileCase(vrd.clerk, "VRD", p, "2026-02-01", nil))
			return s.call(vrd.officer, "POST", path("/api/v1/cases/%d/decision", c),
				map[string]any{"outcome": "deny", "grounds": "No passport.", "decided_on": on})
		}
		refused := func(when string) {
			t.Helper()
			audit := s.auditCount()
			r := decide("2026-03-02")
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "decided_on") {
				t.Errorf("%s: a decision dated tomorrow: %s", when, r)
			}
			if s.auditCount() != audit+1 { // the filing only
				t.Errorf("%s: the refused decision wrote to the audit log", when)
			}
		}
		refused("no pack")
		s.uploadPack(residencePack(t, false))
		refused("pack that does not say")
		if r := decide("2026-03-01"); r.Status != http.StatusOK {
			t.Errorf("a decision dated today: %s", r)
		}
		s.uploadPack("future_decisions: allowed\n" + residencePack(t, false))
		if r := decide("2026-03-02"); r.Status != http.StatusOK {
			t.Errorf("a decision dated tomorrow under a pack that allows it: %s", r)
		}
		if r := s.call(s.admin, "POST", "/api/v1/policy/packs", map[string]any{"source": "future_decisions: maybe\n" + residencePack(t, false)}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("future_decisions: maybe accepted: %s", r)
		}
	})
}
