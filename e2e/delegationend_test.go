package e2e

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"sojourn"
	"sojourn/service"
)

// TestDelegationEndReturnsCases — when a delegation's period ends, the
// maintenance round returns the delegate's open cases it covered to the
// delegator, visibly, and a case it does not cover stays; until then, and
// for a case filed after the end, the delegate can still refer the case
// back to its delegator.
func TestDelegationEndReturnsCases(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		emv := s.setupAuthority("EMB-V", "embassy", "HQ", "1945-06-01")
		limited := s8Delegation()
		limited["to"], limited["valid_to"] = "EMB-V", "1956-12-31"
		s.must(http.StatusCreated, w.hqHead, "POST", "/api/v1/delegations", limited)
		file := func(given, family, country, on string) int64 {
			c := s.fileType(emv, "return_request", s.citizen(emv, given, family, country), on)
			s.concur(emv.clerk, c, on, "HOST note "+family)
			return c
		}
		referred, returned := file("Karel", "Dvorak", "CS", "1956-11-02"), file("Milena", "Horak", "CS", "1956-11-03")
		foreigner := file("Jan", "Kowalski", "PL", "1956-11-04")
		sweep := func() []int64 {
			ids, err := s.svc.ReturnCasesOfEndedDelegations(service.WithActor(context.Background(), sojourn.System), sojourn.Date{})
			if err != nil {
				t.Fatal(err)
			}
			return ids
		}

		t.Run("referral_after_the_end", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, emv.officer, "POST", path("/api/v1/cases/%d/referral", referred), map[string]any{
				"referred_on": "1957-02-01", "reason": "The delegation has ended."}).JSON()
			if c["authority"] != "HQ" {
				t.Fatalf("referred after the end = %v", c)
			}
		})
		t.Run("maintenance_returns_open_cases", func(t *testing.T) {
			s := s.with(t)
			if got := sweep(); !slices.Equal(got, []int64{returned}) {
				t.Fatalf("returned %v, want [%d]", got, returned)
			}
			c := s.must(http.StatusOK, w.hq.officer, "GET", path("/api/v1/cases/%d", returned), nil).JSON()
			tr := c["transfers"].([]any)
			if move := tr[0].(map[string]any); c["authority"] != "HQ" || move["kind"] != "return" || move["on"] != "1957-01-01" {
				t.Fatalf("returned case = %v", c)
			}
			s.must(http.StatusNotFound, emv.officer, "GET", path("/api/v1/cases/%d", returned), nil)
			if f := s.must(http.StatusOK, emv.officer, "GET", path("/api/v1/cases/%d", foreigner), nil).JSON(); f["authority"] != "EMB-V" {
				t.Fatalf("a case outside the delegation's scope moved: %v", f)
			}
			if again := sweep(); len(again) != 0 {
				t.Fatalf("second round returned %v", again)
			}
		})
		t.Run("filed_after_the_end", func(t *testing.T) {
			s := s.with(t)
			late := file("Tomas", "Blaha", "CS", "1957-03-01")
			s.must(http.StatusForbidden, emv.officer, "POST", path("/api/v1/cases/%d/decision", late),
				decisionUnder("grant", "1957-03-02", "Return granted."))
			c := s.must(http.StatusOK, emv.officer, "POST", path("/api/v1/cases/%d/referral", late), map[string]any{
				"referred_on": "1957-03-02", "reason": "No delegation in force."}).JSON()
			if c["authority"] != "HQ" {
				t.Fatalf("referred = %v", c)
			}
		})
	})
}
