package e2e

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"sojourn"
	"sojourn/service"
)

// TestMovedClassifiedCasesUnnamed — abolishing an authority, revoking a
// delegation and the end of a delegation's period move every open case,
// classified or not, but the answer names only the cases the caller's
// clearance covers.
func TestMovedClassifiedCasesUnnamed(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		t.Run("abolition", func(t *testing.T) {
			s := s.with(t)
			s.setupAuthority("MJ", "ministry", "", "1920-01-01")
			lc := s.setupAuthority("LC", "commission", "MJ", "1930-01-01", "legalisation")
			s.setupAuthority("SC", "commission", "MJ", "1936-05-01")
			lcTS := s.user("LC-ts", sojourn.RoleOfficer, "LC", sojourn.TopSecret)
			scTS := s.user("SC-ts", sojourn.RoleOfficer, "SC", sojourn.TopSecret)
			secret := s.caseAt(lcTS, "legalisation", "LC", s.citizen(lc, "Rudolf", "Weiss", "AT"), "1936-03-02", sojourn.TopSecret, nil)
			open := s.fileType(lc, "legalisation", s.citizen(lc, "Greta", "Haas", "AT"), "1936-03-03")
			head := s.user("MJ-low-head", sojourn.RoleHead, "MJ", sojourn.Unclassified)
			r := s.must(http.StatusOK, head, "POST", "/api/v1/authorities/LC/abolition", map[string]any{
				"on": "1936-06-01", "successor": "SC", "reason": "Decree No. 12/1936 on the special commission"})
			if moved := r.JSON()["moved_cases"].([]any); len(moved) != 1 || int64(moved[0].(float64)) != open {
				t.Fatalf("moved cases told to an unclassified head = %v, want [%d]", moved, open)
			}
			if c := s.must(http.StatusOK, scTS, "GET", path("/api/v1/cases/%d", secret), nil).JSON(); c["authority"] != "SC" {
				t.Fatalf("the top-secret case did not move: %v", c)
			}
		})
		t.Run("revocation_and_end", func(t *testing.T) {
			s := s.with(t)
			w := s.setupS8()
			emv := s.setupAuthority("EMB-V", "embassy", "HQ", "1945-06-01")
			limited := s8Delegation()
			limited["to"], limited["valid_to"] = "EMB-V", "1956-12-31"
			s.must(http.StatusCreated, w.hqHead, "POST", "/api/v1/delegations", limited)
			hqTS := s.user("HQ-ts", sojourn.RoleOfficer, "HQ", sojourn.TopSecret)
			embTS := s.user("EMB-P-ts", sojourn.RoleOfficer, "EMB-P", sojourn.TopSecret)
			emvTS := s.user("EMB-V-ts", sojourn.RoleOfficer, "EMB-V", sojourn.TopSecret)
			secret := s.caseAt(embTS, "return_request", "EMB-P", s.citizen(w.emb, "Karel", "Dvorak", "CS"), "1956-02-20", sojourn.TopSecret, nil)
			s.returnRequest(w, "Milena", "Horak", "1956-02-20")

			head := s.user("HQ-low-head", sojourn.RoleHead, "HQ", sojourn.Unclassified)
			r := s.must(http.StatusOK, head, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
				map[string]any{"revoked_on": "1956-03-01", "reason": "Circular withdrawn."})
			if strings.Contains(string(r.Body), "Dvorak") || strings.Contains(string(r.Body), `_cases"`) {
				t.Fatalf("the revocation's answer names the top-secret case: %s", r)
			}
			if c := s.must(http.StatusOK, hqTS, "GET", path("/api/v1/cases/%d", secret), nil).JSON(); c["authority"] != "HQ" {
				t.Fatalf("the top-secret case was not returned on revocation: %v", c)
			}

			ended := s.caseAt(emvTS, "return_request", "EMB-V", s.citizen(emv, "Jan", "Blaha", "CS"), "1956-11-02", sojourn.TopSecret, nil)
			open := s.fileType(emv, "return_request", s.citizen(emv, "Eva", "Kral", "CS"), "1956-11-03")
			low := sojourn.Actor{Name: "admin-low", Role: sojourn.RoleAdmin, Clearance: sojourn.Unclassified}
			ids, err := s.svc.ReturnCasesOfEndedDelegations(service.WithActor(context.Background(), low), sojourn.Date{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids, []int64{open}) {
				t.Fatalf("cases returned at the end, told to an uncleared administrator = %v, want [%d]", ids, open)
			}
			if c := s.must(http.StatusOK, hqTS, "GET", path("/api/v1/cases/%d", ended), nil).JSON(); c["authority"] != "HQ" {
				t.Fatalf("the top-secret case was not returned at the end: %v", c)
			}
		})
	})
}
