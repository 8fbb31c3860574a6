package e2e

import (
	"net/http"
	"testing"
)

// TestStayLapses — a time-limited stay is a legal basis like a permit
// (StatusOn says "staying"), so the lapse report counts it: a person whose
// only basis is a stay ending within the window is lapsing, and a person
// staying is never listed without legal status. The departure the stay
// makes due, and the overstay it becomes, name the person.
func TestStayLapses(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupAuthority("VRD", "department", "", "1930-01-01", "stay")
		student := s.citizen(vrd, "Jonas", "Berg", "NO")
		s.grantStay(vrd.officer, s.stayCase(vrd, student, "1938-09-01", "study", "1939-06-30"), "1938-09-02")
		visitor := s.citizen(vrd, "Lena", "Vik", "NO")
		s.grantStay(vrd.officer, s.stayCase(vrd, visitor, "1938-09-01", "visitor", "1939-12-31"), "1938-09-02")

		t.Run("stay_ending_in_the_window_is_lapsing", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1939-06-10&days=30", nil).JSON()
			items := l["lapsing"].([]any)
			if len(items) != 1 {
				t.Fatalf("lapsing = %v", items)
			}
			first := items[0].(map[string]any)
			if int64(first["person_id"].(float64)) != student || first["ends"] != "1939-06-30" || first["days_left"] != 20.0 ||
				first["name"] != "Jonas Berg" {
				t.Fatalf("lapsing = %v", first)
			}
			if none := l["no_legal_status"].([]any); len(none) != 0 {
				t.Fatalf("persons staying listed without legal status: %v", none)
			}
		})
		t.Run("after_the_stay_no_legal_status", func(t *testing.T) {
			s := s.with(t)
			l := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/lapses?on=1939-07-01&days=30", nil).JSON()
			none := l["no_legal_status"].([]any)
			if len(none) != 1 || int64(none[0].(map[string]any)["person_id"].(float64)) != student || none[0].(map[string]any)["since"] != "1939-07-01" {
				t.Fatalf("no legal status = %v", none)
			}
		})
		t.Run("departure_due_and_overstay_name_the_person", func(t *testing.T) {
			s := s.with(t)
			dues := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", student), nil).List()
			if len(dues) != 1 || dues[0]["name"] != "Jonas Berg" || dues[0]["due_on"] != "1939-06-30" {
				t.Fatalf("departure dues = %v", dues)
			}
			flagged := s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1939-07-01"}).List()
			if len(flagged) != 1 || flagged[0]["name"] != "Jonas Berg" {
				t.Fatalf("flagged = %v", flagged)
			}
			list := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil).List()
			if len(list) != 1 || list[0]["name"] != "Jonas Berg" || int64(list[0]["person_id"].(float64)) != student {
				t.Fatalf("overstays = %v", list)
			}
		})
	})
}
