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

// TestClassifiedListingsAudited — listing cases and reading a what-if page
// that include a classified case leave an audit entry about that case, as
// reading it by id does; listings of unclassified cases leave none.
func TestClassifiedListingsAudited(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		vrdTS := s.user("VRD-ts", sojourn.RoleOfficer, "VRD", sojourn.TopSecret)
		auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		s.uploadPack(residencePack(t, false))
		petition := map[string]any{"sponsor": "IAS", "filed_on": "1938-02-20"}
		secret := s.caseAt(vrdTS, "residence_permit", "VRD", s.person(vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21"), "1938-02-20", sojourn.TopSecret, petition)
		open := s.caseAt(vrd.clerk, "residence_permit", "VRD", s.person(vrd.clerk, "VRD", "Eva", "Kral", "1902-04-11"), "1938-02-20", sojourn.Unclassified, petition)
		reads := func(action string, c int64) []map[string]any {
			return s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?action=%s&object=case/%d", action, c), nil).List()
		}

		s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/cases", nil)
		if l := s.must(http.StatusOK, vrdTS, "GET", "/api/v1/cases", nil).List(); len(l) != 2 {
			t.Fatalf("cases listed to the cleared officer = %v", l)
		}
		if l := reads("case.read", secret); len(l) != 1 || l[0]["actor"] != "VRD-ts" {
			t.Fatalf("the listing of a top-secret case in the log = %v", l)
		}
		if l := reads("case.read", open); len(l) != 0 {
			t.Fatalf("listing an unclassified case was audited: %v", l)
		}

		draft := strings.Replace(residencePack(t, true), "    effective_to: 1938-01-31\n", "", 1)
		run := id(s.must(http.StatusAccepted, vrdTS, "POST", "/api/v1/policy/whatif",
			map[string]any{"pack": "residence", "version": "1930", "scope": "all", "source": draft}).JSON())
		s.awaitRun(vrdTS, run)
		before := len(reads("policy.whatif", secret))
		s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/policy/whatif/%d", run), nil)
		page := s.must(http.StatusOK, vrdTS, "GET", path("/api/v1/policy/whatif/%d", run), nil)
		if len(page.JSON()["changed"].([]any)) != 2 {
			t.Fatalf("what-if page for the cleared officer = %s", page)
		}
		if l := reads("policy.whatif", secret); len(l) != before+1 || l[len(l)-1]["actor"] != "VRD-ts" {
			t.Fatalf("the what-if page showing a top-secret case in the log = %v (had %d)", l, before)
		}
		if l := reads("policy.whatif", open); len(l) != 0 {
			t.Fatalf("a what-if page of unclassified cases was audited: %v", l)
		}
	})
}
