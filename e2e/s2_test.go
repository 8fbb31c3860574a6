package e2e

import (
	"net/http"
	"testing"
)

// TestS2 — status lapses are seen before they happen: the lapse list per
// authority names everyone whose only valid permit or document ends within
// N days, and everyone without legal status since a date.
func TestS2(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS2()
		vrd, rso, lapsing, expired, other := w.vrd, w.rso, w.lapsing, w.expired, w.other

		t.Run("lapsing_within_30_days", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1938-01-10&days=30", nil).JSON()
			items := l["lapsing"].([]any)
			if len(items) != 1 {
				t.Fatalf("lapsing = %v", items)
			}
			first := items[0].(map[string]any)
			if int64(first["person_id"].(float64)) != lapsing || first["ends"] != "1938-01-31" || first["days_left"] != 21.0 {
				t.Fatalf("lapsing = %v", first)
			}
		})
		t.Run("window_too_short", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1938-01-10&days=10", nil).JSON()
			if len(l["lapsing"].([]any)) != 0 {
				t.Fatalf("lapsing within 10 days = %v", l["lapsing"])
			}
		})
		t.Run("no_legal_status_since", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1938-01-10&days=30", nil).JSON()
			items := l["no_legal_status"].([]any)
			if len(items) != 1 {
				t.Fatalf("no legal status = %v", items)
			}
			first := items[0].(map[string]any)
			if int64(first["person_id"].(float64)) != expired || first["since"] != "1938-01-01" || first["name"] != "Jan Novak" {
				t.Fatalf("no legal status = %v", first)
			}
			st := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=1938-01-10", expired), nil).JSON()
			if st["summary"] != "no legal status since 1938-01-01" {
				t.Fatalf("status = %v", st)
			}
		})
		t.Run("after_the_permit_ends", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1938-02-01&days=30", nil).JSON()
			if len(l["no_legal_status"].([]any)) != 2 {
				t.Fatalf("no legal status on 1938-02-01 = %v", l["no_legal_status"])
			}
		})
		t.Run("paging", func(t *testing.T) {
			s := s.with(t)
			second := s.person(vrd.clerk, "VRD", "Rosa", "Klein", "1903-04-05")
			s.grantPermit(vrd, second, "1937-03-01", "1938-01-25")
			first := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1938-01-10&days=30&limit=1", nil).JSON()
			items, next := first["lapsing"].([]any), first["lapsing_next"]
			if len(items) != 1 || int64(items[0].(map[string]any)["person_id"].(float64)) != lapsing || next == nil {
				t.Fatalf("first page = %v", first)
			}
			rest := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/lapses?list=lapsing&on=1938-01-10&days=30&limit=1&lapsing_after=%d", int64(next.(float64))), nil).JSON()
			items = rest["lapsing"].([]any)
			if len(items) != 1 || int64(items[0].(map[string]any)["person_id"].(float64)) != second || rest["lapsing_next"] != nil ||
				len(rest["no_legal_status"].([]any)) != 0 {
				t.Fatalf("second page = %v", rest)
			}
			for _, bad := range []string{"lapsing_after=x", "lapsing_after=-1", "no_legal_status_after=1938-02-30", "limit=501", "list=all"} {
				expectProblem(t, bad, s.malformed().call(vrd.officer, "GET", "/api/v1/lapses?"+bad, nil))
			}
		})
		t.Run("per_authority", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, rso.officer, "GET", "/api/v1/lapses?on=1938-01-10&days=30", nil).JSON()
			items := l["no_legal_status"].([]any)
			if len(items) != 1 || int64(items[0].(map[string]any)["person_id"].(float64)) != other {
				t.Fatalf("RSO list = %v", l)
			}
			s.must(http.StatusNotFound, rso.officer, "GET", "/api/v1/lapses?on=1938-01-10&authority=VRD", nil)
		})
	})
}

// s2World is S2's people: at VRD one whose permit lapses within 30 days
// of 1938-01-10, one whose passport runs on past the permit, one without
// legal status since 1938-01-01, and one of another authority (RSO).
type s2World struct {
	vrd, rso                         office
	lapsing, covered, expired, other int64
}

func (s *server) setupS2() s2World {
	w := s2World{vrd: s.setupOffice("VRD", "Visa and Registration Department"), rso: s.setupOffice("RSO", "Riverside Office")}
	// Permit ends 1938-01-31, passport ended earlier: lapses within 30 days of 1938-01-10.
	w.lapsing = s.person(w.vrd.clerk, "VRD", "Eva", "Lang", "1901-02-03")
	s.grantPermit(w.vrd, w.lapsing, "1937-02-01", "1938-01-31")
	// Permit ends soon but passport runs on: not lapsing.
	w.covered = s.person(w.vrd.clerk, "VRD", "Otto", "Brandt", "1902-05-06")
	s.grantPermit(w.vrd, w.covered, "1937-02-01", "1938-01-31")
	s.passport(w.vrd.clerk, w.covered, "CS-1", "1930-01-01", "1941-12-31")
	// Expired passport, no permit: no legal status since the day after expiry.
	w.expired = s.person(w.vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21")
	s.passport(w.vrd.clerk, w.expired, "CS-2", "1928-05-02", "1937-12-31")
	// Another authority's person: never on VRD's list.
	w.other = s.person(w.rso.clerk, "RSO", "Ida", "Roth", "1910-10-10")
	s.passport(w.rso.clerk, w.other, "CS-3", "1928-05-02", "1937-06-30")
	return w
}
