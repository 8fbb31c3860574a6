package e2e

import (
	"net/http"
	"testing"
	"time"

	"sojourn"
)

// cities is the world of S5 and S7: VRD keeps the files; local offices
// LO-A and LO-B register residents of Alma and Borovo; commissions COM-A
// and COM-B review them.
type cities struct {
	vrdClerk, vrdHead, comA, comB string // tokens
}

// setupCities creates the authorities of two cities and their staff.
func (s *server) setupCities() cities {
	for _, a := range []map[string]any{
		{"code": "VRD", "name": "Visa and Registration Department", "kind": "department", "places": []string{"Capital"}},
		{"code": "LO-A", "name": "Local office of Alma", "kind": "office", "places": []string{"Alma"}},
		{"code": "LO-B", "name": "Local office of Borovo", "kind": "office", "places": []string{"Borovo"}},
		{"code": "COM-A", "name": "Review commission of Alma", "kind": "commission", "places": []string{"Alma"}, "case_types": []string{"review"}},
		{"code": "COM-B", "name": "Review commission of Borovo", "kind": "commission", "places": []string{"Borovo"}, "case_types": []string{"review"}},
	} {
		a["valid_from"] = "1930-01-01"
		s.must(http.StatusCreated, s.admin, "POST", "/api/v1/authorities", a)
	}
	return cities{
		vrdClerk: s.user("VRD-clerk", sojourn.RoleClerk, "VRD", sojourn.Restricted),
		vrdHead:  s.user("VRD-head", sojourn.RoleHead, "VRD", sojourn.Secret),
		comA:     s.user("COM-A-officer", sojourn.RoleOfficer, "COM-A", sojourn.Restricted),
		comB:     s.user("COM-B-officer", sojourn.RoleOfficer, "COM-B", sojourn.Restricted),
	}
}

// register registers a person with the office of a city and returns the
// registration.
func (s *server) register(token string, personID int64, city, category, from, to string) map[string]any {
	in := map[string]any{"city": city, "category": category, "valid_from": from}
	if to != "" {
		in["valid_to"] = to
	}
	return s.must(http.StatusCreated, token, "POST", path("/api/v1/persons/%d/registrations", personID), in).JSON()
}

// awaitJob polls a campaign or decree until its run has finished (or until
// done says so) and returns it.
func (s *server) awaitJob(token, url string, done func(map[string]any) bool) map[string]any {
	s.t.Helper()
	if done == nil {
		done = func(m map[string]any) bool {
			st := m["progress"].(map[string]any)["state"]
			return st == "done" || st == "failed"
		}
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		m := s.must(http.StatusOK, token, "GET", url, nil).JSON()
		if done(m) {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("%s did not get there", url)
	return nil
}

// reviewsOf returns every review of a campaign the token's holder sees.
func (s *server) reviewsOf(token string, campaign int64) []map[string]any {
	var out []map[string]any
	after := 0.0
	for {
		page := s.must(http.StatusOK, token, "GET", path("/api/v1/campaigns/%d/reviews?after=%d&limit=500", campaign, int64(after)), nil).List()
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		after = page[len(page)-1]["person_id"].(float64)
	}
}

// exactlyOneReview checks that every person of want has exactly one
// review in the campaign and one review case, and nobody else has any.
func exactlyOneReview(t *testing.T, s *server, campaign int64, want []int64) {
	t.Helper()
	reviews := s.reviewsOf(s.admin, campaign)
	seen := map[int64]int{}
	for _, r := range reviews {
		seen[int64(r["person_id"].(float64))]++
	}
	if len(reviews) != len(want) || len(seen) != len(want) {
		t.Fatalf("%d reviews of %d persons, want %d: %v", len(reviews), len(seen), len(want), reviews)
	}
	for _, p := range want {
		if seen[p] != 1 {
			t.Fatalf("person %d has %d reviews", p, seen[p])
		}
		n := 0
		for _, c := range s.must(http.StatusOK, s.admin, "GET", path("/api/v1/cases?person_id=%d", p), nil).List() {
			if c["type"] == "review" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("person %d has %d review cases", p, n)
		}
	}
}
