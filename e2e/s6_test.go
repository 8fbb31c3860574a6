package e2e

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"sojourn"
)

// s6World is VRD, which decides departures, with a head, and an auditor.
type s6World struct {
	vrd     office
	head    string
	auditor string
}

func (s *server) setupS6() s6World {
	w := s6World{vrd: s.setupAuthority("VRD", "department", "", "1930-01-01", "departure")}
	w.head = s.head("VRD")
	w.auditor = s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
	return w
}

// departure files a departure case for a person and returns its id.
func (s *server) departure(w s6World, personID int64, filedOn string) int64 {
	return s.fileType(w.vrd, "departure", personID, filedOn)
}

// protect records a protection of a person and returns the fact.
func (s *server) protect(w s6World, personID int64, ground, from string) map[string]any {
	return s.must(http.StatusCreated, w.vrd.officer, "POST", path("/api/v1/persons/%d/protections", personID), map[string]any{
		"ground": ground, "valid_from": from, "grounds": "Medical board report No. 31: treatment unavailable at home.",
	}).JSON()
}

// hasAll reports whether every action is in the set.
func hasAll(set map[string]bool, want ...string) bool {
	for _, w := range want {
		if !set[w] {
			return false
		}
	}
	return true
}

// refusedForProtection fails unless r is the protection block's refusal.
func refusedForProtection(t testing.TB, what string, r response) {
	t.Helper()
	if r.Status != http.StatusConflict || !strings.Contains(r.JSON()["detail"].(string), "protection") ||
		!strings.Contains(r.JSON()["detail"].(string), "/lifting") {
		t.Fatalf("%s while protected: %s", what, r)
	}
}

// TestS6 — departure orders respect protections: a departure is ordered;
// a protection (risk to life from illness) recorded for the person
// suspends it; enforcement is refused, and a correction cannot clear the
// protection; only a separate, reasoned decision lifting it does, after
// which the departure resumes and is enforced, never on a date the
// protection held. Both are audited.
func TestS6(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS6()
		pavel := s.citizen(w.vrd, "Pavel", "Kuna", "CS")
		var c, fact int64

		t.Run("step1_departure_ordered", func(t *testing.T) {
			s := s.with(t)
			c = s.departure(w, pavel, "1950-03-01")
			s.must(http.StatusOK, w.vrd.officer, "POST", path("/api/v1/cases/%d/review", c), nil)
			got := s.must(http.StatusOK, w.vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "grant", "grounds": "Return to the country of origin ordered: no legal basis of stay.", "decided_on": "1950-04-01",
			})).JSON()
			if got["state"] != "decided" || got["type"] != "departure" {
				t.Fatalf("ordered departure = %v", got)
			}
		})
		t.Run("step2_protection_suspends_the_departure", func(t *testing.T) {
			s := s.with(t)
			f := s.protect(w, pavel, "illness", "1950-04-10")
			fact = id(f)
			if f["kind"] != "protection" || f["label"] != "protection: risk to life from illness" || f["valid_from"] != "1950-04-10" {
				t.Fatalf("protection = %v", f)
			}
			got := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
			p := got["particulars"].(map[string]any)
			if got["state"] != "suspended" || p["suspended_from"] != "decided" {
				t.Fatalf("departure after the protection = %v", got)
			}
			if a := s.auditActions(w.auditor, c); !hasAll(a, "case.suspend") {
				t.Fatalf("audit of the case = %v", a)
			}
			if a := s.objectActions(w.auditor, path("person/%d", pavel)); !hasAll(a, "person.protect") {
				t.Fatalf("audit of the person = %v", a)
			}
		})
		t.Run("step3_enforcement_refused", func(t *testing.T) {
			s := s.with(t)
			before := s.auditCount()
			r := s.call(w.vrd.officer, "POST", path("/api/v1/cases/%d/enforcement", c), map[string]any{
				"enforced_on": "1950-05-01", "note": "Escorted to the border crossing."})
			refusedForProtection(t, "enforcement", r)
			if s.auditCount() != before {
				t.Fatal("a refused enforcement wrote to the audit log")
			}
		})
		t.Run("step4_no_correction_clears_it", func(t *testing.T) {
			s := s.with(t)
			for _, body := range []map[string]any{
				{"valid_to": "1950-04-30", "reason": "Entered by mistake."},
				{"retract": true, "reason": "Entered by mistake."},
			} {
				r := s.call(w.vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", pavel, fact), body)
				if r.Status != http.StatusConflict || !strings.Contains(r.JSON()["detail"].(string), "lifting") {
					t.Fatalf("correction of a protection: %s", r)
				}
			}
		})
		t.Run("step5_lifting_needs_reasons", func(t *testing.T) {
			s := s.with(t)
			r := s.malformed().call(w.vrd.officer, "POST", path("/api/v1/persons/%d/protections/%d/lifting", pavel, fact), map[string]any{
				"lifted_on": "1951-04-01"})
			if r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("lifting without grounds: %s", r)
			}
			r = s.call(w.vrd.officer, "POST", path("/api/v1/persons/%d/protections/%d/lifting", pavel, fact), map[string]any{
				"lifted_on": "1950-04-10", "grounds": "Treatment completed."})
			if f := problemFields(r); r.Status != http.StatusUnprocessableEntity || !strings.Contains(f["body.lifted_on"], "after the protection began") {
				t.Fatalf("lifting on the first day: %s", r)
			}
		})
		t.Run("step6_reasoned_lifting_resumes_the_departure", func(t *testing.T) {
			s := s.with(t)
			lifted := s.must(http.StatusOK, w.vrd.officer, "POST", path("/api/v1/persons/%d/protections/%d/lifting", pavel, fact), map[string]any{
				"lifted_on": "1951-04-01", "grounds": "Treatment completed; the medical board finds travel safe.",
				"legal_refs": []string{"Aliens Act §14(2)"},
			}).JSON()
			if lifted["valid_to"] != "1951-03-31" || lifted["supersedes"] != float64(fact) ||
				!strings.Contains(lifted["reason"].(string), "Treatment completed") || !strings.Contains(lifted["reason"].(string), "§14(2)") {
				t.Fatalf("lifted protection = %v", lifted)
			}
			got := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
			if got["state"] != "decided" {
				t.Fatalf("departure after the lifting = %v", got)
			}
			if a := s.auditActions(w.auditor, c); !hasAll(a, "case.suspend", "case.resume") {
				t.Fatalf("audit of the case = %v", a)
			}
			if a := s.objectActions(w.auditor, path("person/%d", pavel)); !hasAll(a, "person.protect", "person.protect.lift") {
				t.Fatalf("audit of the person = %v", a)
			}
		})
		t.Run("step7_never_enforced_on_a_protected_day", func(t *testing.T) {
			s := s.with(t)
			r := s.call(w.vrd.officer, "POST", path("/api/v1/cases/%d/enforcement", c), map[string]any{
				"enforced_on": "1951-03-15", "note": "Back-dated into the protection."})
			refusedForProtection(t, "enforcement dated within the protection", r)
			got := s.must(http.StatusOK, w.vrd.officer, "POST", path("/api/v1/cases/%d/enforcement", c), map[string]any{
				"enforced_on": "1951-05-02", "note": "Departed by train via the northern crossing."}).JSON()
			if got["state"] != "closed" || got["particulars"].(map[string]any)["enforced_on"] != "1951-05-02" {
				t.Fatalf("enforced departure = %v", got)
			}
		})
	})
}

// TestDepartureBlockEveryRoute walks every endpoint of the API that
// changes a case (every POST under /cases/{id}/, read from the OpenAPI
// document, so a new one fails here until it is listed; but the dry-run
// evaluation and the registering of an outgoing letter, which change
// nothing of the case) on two departures
// of a protected person: one suspended by the protection, one filed before
// the protection began and never suspended. Each is refused with the
// protection named, and changes nothing; filing a departure dated within
// the protection is refused too.
func TestDepartureBlockEveryRoute(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS6()
		person := s.citizen(w.vrd, "Irena", "Sova", "CS")
		ordered := s.departure(w, person, "1949-10-01")
		s.must(http.StatusOK, w.vrd.officer, "POST", path("/api/v1/cases/%d/decision", ordered), byHand(map[string]any{
			"outcome": "grant", "grounds": "Departure ordered.", "decided_on": "1949-11-01"}))
		s.protect(w, person, "death_sentence", "1950-01-01")
		filed := s.departure(w, person, "1949-12-01")
		r := s.call(w.vrd.clerk, "POST", "/api/v1/cases", map[string]any{
			"type": "departure", "person_id": person, "authority": "VRD", "filed_on": "1950-02-01"})
		refusedForProtection(t, "filing", r)

		bodies := map[string]map[string]any{
			"/review":       nil,
			"/evidence":     {"kind": "other_source", "claim": "Seen at the station.", "source": "Police report 7", "received_on": "1950-02-01"},
			"/concurrences": {"party": "HOST authorities", "given_on": "1950-02-01", "reference": "note 9"},
			"/decision":     {"outcome": "grant", "grounds": "Departure ordered.", "decided_on": "1950-02-01"},
			"/appeal":       {"grounds": "The order is unlawful.", "lodged_on": "1950-02-01"},
			"/close":        {"reason": "Proceedings ended.", "closed_on": "1950-02-01"},
			"/referral":     {"reason": "For HQ.", "referred_on": "1950-02-01"},
			"/approval":     {"approved_on": "1950-02-01", "grounds": "Approved."},
			"/enforcement":  {"enforced_on": "1950-02-01", "note": "Escorted."},
		}
		tokens := map[string]string{"/approval": w.head, "/evidence": w.vrd.clerk, "/concurrences": w.vrd.clerk, "/appeal": w.vrd.clerk}
		doc := s.must(http.StatusOK, "", "GET", "/api/openapi.json", nil).JSON()
		var routes []string
		for p, ops := range doc["paths"].(map[string]any) {
			rest, ok := strings.CutPrefix(p, "/api/v1/cases/{id}")
			// a dry run changes nothing; an outgoing item is a letter about the case in the registry, not an act on it
			if _, post := ops.(map[string]any)["post"]; ok && post && rest != "" && rest != "/evaluation" && rest != "/outgoing" {
				routes = append(routes, rest)
			}
		}
		sort.Strings(routes)
		for _, route := range routes {
			body, known := bodies[route]
			if !known {
				t.Errorf("POST /cases/{id}%s changes a case and is not walked here: add it", route)
				continue
			}
			for _, c := range []int64{ordered, filed} {
				token := tokens[route]
				if token == "" {
					token = w.vrd.officer
				}
				before := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
				entries := s.auditCount()
				var r response
				if body == nil {
					r = s.call(token, "POST", path("/api/v1/cases/%d%s", c, route), nil)
				} else {
					r = s.call(token, "POST", path("/api/v1/cases/%d%s", c, route), body)
				}
				refusedForProtection(t, path("POST /cases/%d%s", c, route), r)
				after := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
				if after["version"] != before["version"] || after["state"] != before["state"] || s.auditCount() != entries {
					t.Errorf("refused %s changed case %d: %v -> %v", route, c, before, after)
				}
			}
		}
		if len(routes) < len(bodies) {
			t.Errorf("the OpenAPI document lists %v, fewer routes than walked", routes)
		}
	})
}

// TestSuspendedDepartureFollowsAbolition — a departure suspended by a
// protection is pending like a filed one: when its authority is abolished
// it passes to the successor, still suspended, and resumes there when the
// successor lifts the protection.
func TestSuspendedDepartureFollowsAbolition(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s.setupAuthority("MJ", "ministry", "", "1930-01-01")
		vrd := s.setupAuthority("VRD", "department", "MJ", "1930-01-01", "departure")
		sc := s.setupAuthority("SC", "commission", "MJ", "1930-01-01", "departure")
		person := s.citizen(vrd, "Olga", "Marek", "CS")
		c := s.fileType(vrd, "departure", person, "1950-03-01")
		fact := id(s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/protections", person), map[string]any{
			"ground": "persecution", "valid_from": "1950-04-01", "grounds": "Persecution awaits at home."}).JSON())
		r := s.must(http.StatusOK, s.head("MJ"), "POST", "/api/v1/authorities/VRD/abolition", map[string]any{
			"on": "1951-01-01", "successor": "SC", "reason": "Reorganisation"}).JSON()
		if moved := r["moved_cases"].([]any); len(moved) != 1 || moved[0] != float64(c) {
			t.Fatalf("moved cases = %v", r)
		}
		got := s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
		if got["authority"] != "SC" || got["state"] != "suspended" {
			t.Fatalf("suspended departure after the abolition = %v", got)
		}
		s.must(http.StatusOK, sc.officer, "POST", path("/api/v1/persons/%d/protections/%d/lifting", person, fact), map[string]any{
			"lifted_on": "1951-04-01", "grounds": "The regime that threatened persecution has fallen."})
		if got := s.must(http.StatusOK, sc.officer, "POST", path("/api/v1/cases/%d/review", c), nil).JSON(); got["state"] != "in_review" {
			t.Fatalf("resumed departure = %v", got)
		}
	})
}
