package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestS1 — residence permit without a national passport on a sponsor's
// petition. Step 2 is decided by an officer by hand here.
func TestS1(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		anna := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")

		var caseID int64
		t.Run("step2_petition_filed", func(t *testing.T) {
			c := s.fileCase(vrd.clerk, "VRD", anna, "1937-11-02", map[string]any{"sponsor": "IAS", "filed_on": "1937-11-02"})
			caseID = id(c)
			if c["state"] != "filed" || c["petition"].(map[string]any)["sponsor"] != "IAS" {
				t.Fatalf("filed case = %v", c)
			}
			s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evidence", caseID), map[string]any{
				"kind": "stated", "claim": "Holds no national passport.", "source": "applicant", "received_on": "1937-11-02",
			})
		})
		t.Run("step2_permit_granted", func(t *testing.T) {
			r := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", caseID), map[string]any{
				"outcome": "grant", "grounds": "Accredited sponsor petition in lieu of a passport.",
				"legal_refs": []string{"Residence Decree 1930 §3"}, "decided_on": "1937-11-10",
			})
			c := r.JSON()
			decisions := c["decisions"].([]any)
			permit := decisions[0].(map[string]any)["permit"].(map[string]any)
			if c["state"] != "decided" || permit["number"] != "R-000001" || permit["valid_to"] != "1938-11-09" {
				t.Fatalf("decided case = %v", c)
			}
		})
		t.Run("step2_status_1938_resident", func(t *testing.T) {
			st := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=1938-01-01", anna), nil).JSON()
			if st["state"] != "resident" || !strings.HasPrefix(st["summary"].(string), "resident (permit R-000001)") {
				t.Fatalf("status on 1938-01-01 = %v", st)
			}
		})
		t.Run("step2_status_1939_lapsed", func(t *testing.T) {
			st := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=1939-06-01", anna), nil).JSON()
			if st["state"] != "no_legal_status" || st["summary"] != "no legal status since 1938-11-10" {
				t.Fatalf("status on 1939-06-01 = %v", st)
			}
		})
	})
}
