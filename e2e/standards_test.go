package e2e

import (
	"net/http"
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
			return map[string]any{"authority": "VRD", "birth_date": born, "country_of_origin": country,
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
