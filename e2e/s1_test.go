package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestS1 — residence permit without a national passport on a sponsor's
// petition. Step 1 uploads the 1930 version of policies/residence.yaml;
// step 3 uploads the whole file, which adds the 1938 version, as the next
// revision of the pack.
func TestS1(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		anna := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")

		var firstPackHash string
		t.Run("step1_pack_1930", func(t *testing.T) {
			s := s.with(t)
			p := s.uploadPack(residencePack(t, true))
			versions := p["versions"].([]any)
			if p["name"] != "residence" || p["revision"] != 1.0 || len(versions) != 1 ||
				versions[0].(map[string]any)["effective_from"] != "1930-01-01" {
				t.Fatalf("uploaded pack = %v", p)
			}
			firstPackHash = p["hash"].(string)
		})

		var caseID int64
		t.Run("step2_petition_filed", func(t *testing.T) {
			s := s.with(t)
			c := s.fileCase(vrd.clerk, "VRD", anna, "1937-11-02", map[string]any{"sponsor": "IAS", "filed_on": "1937-11-02"})
			caseID = id(c)
			if c["state"] != "filed" || c["petition"].(map[string]any)["sponsor"] != "IAS" {
				t.Fatalf("filed case = %v", c)
			}
			s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evidence", caseID), map[string]any{
				"kind": "stated", "claim": "Holds no national passport.", "source": "applicant", "received_on": "1937-11-02",
			})
		})
		t.Run("step2_evaluated_sponsor_exception", func(t *testing.T) {
			s := s.with(t)
			e := s.evaluate(vrd.clerk, caseID)
			checkAnnaExplanation(t, e)
		})
		t.Run("step2_permit_granted", func(t *testing.T) {
			s := s.with(t)
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
			e := explanationOf(c, 0)
			checkAnnaExplanation(t, e)
			if e["against_evaluation"] != false || e["pack_hash"] != firstPackHash {
				t.Fatalf("decision explanation = %v", e)
			}
		})
		t.Run("step2_status_1938_resident", func(t *testing.T) {
			s := s.with(t)
			st := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=1938-01-01", anna), nil).JSON()
			if st["state"] != "resident" || !strings.HasPrefix(st["summary"].(string), "resident (permit R-000001)") {
				t.Fatalf("status on 1938-01-01 = %v", st)
			}
		})
		t.Run("step2_status_1939_lapsed", func(t *testing.T) {
			s := s.with(t)
			st := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=1939-06-01", anna), nil).JSON()
			if st["state"] != "no_legal_status" || st["summary"] != "no legal status since 1938-11-10" {
				t.Fatalf("status on 1939-06-01 = %v", st)
			}
		})

		var janCase int64
		t.Run("step3_version_1938_denies_jan", func(t *testing.T) {
			s := s.with(t)
			p := s.uploadPack(residencePack(t, false))
			if p["revision"] != 2.0 || len(p["versions"].([]any)) != 2 {
				t.Fatalf("second upload = %v", p)
			}
			jan := s.person(vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21")
			s.passport(vrd.clerk, jan, "CS-2", "1928-05-02", "1937-12-31")
			janCase = id(s.fileCase(vrd.clerk, "VRD", jan, "1938-02-20", map[string]any{"sponsor": "IAS", "filed_on": "1938-02-20"}))
			e := s.evaluate(vrd.officer, janCase)
			if e["outcome"] != "deny" || e["version"] != "1938" || e["pack_revision"] != 2.0 ||
				!slices.Equal(ruleIDs(e["fired"]), []string{"permit", "passport_required"}) || len(e["overridden"].([]any)) != 0 ||
				e["inputs"].(map[string]any)["has_valid_passport"] != false {
				t.Fatalf("Jan's evaluation = %v", e)
			}
			before := s.auditCount()
			r := s.must(http.StatusUnprocessableEntity, vrd.officer, "POST", path("/api/v1/cases/%d/decision", janCase), map[string]any{
				"outcome": "grant", "grounds": "Sponsor petition.", "decided_on": "1938-02-25",
			})
			if !strings.Contains(string(r.Body), "override_grounds") || !strings.Contains(string(r.Body), "gives deny") || s.auditCount() != before {
				t.Fatalf("grant against the evaluation without grounds: %s", r)
			}
		})
		t.Run("step4_whatif_1930_lists_jan", func(t *testing.T) {
			s := s.with(t)
			r := s.must(http.StatusAccepted, vrd.officer, "POST", "/api/v1/policy/whatif", map[string]any{
				"pack": "residence", "version": "1930", "scope": "open",
			})
			run := s.awaitRun(vrd.officer, id(r.JSON()))
			changed := run["changed"].([]any)
			if run["state"] != "done" || run["total"] != 1.0 || run["done"] != 1.0 || run["changes"] != 1.0 || len(changed) != 1 {
				t.Fatalf("what-if run = %v", run)
			}
			c := changed[0].(map[string]any)
			before, after := c["before_explanation"].(map[string]any), c["after_explanation"].(map[string]any)
			if int64(c["case_id"].(float64)) != janCase || c["person_name"] != "Jan Novak" ||
				c["before_outcome"] != "deny" || before["version"] != "1938" ||
				c["after_outcome"] != "grant" || after["version"] != "1930" ||
				!slices.Equal(ruleIDs(after["overridden"]), []string{"passport_required:sponsor_exception"}) {
				t.Fatalf("changed case = %v", c)
			}
		})
		t.Run("step4_anna_keeps_citing_1930", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/cases/%d", caseID), nil).JSON()
			e := explanationOf(c, 0)
			checkAnnaExplanation(t, e)
			if e["pack_hash"] != firstPackHash || e["pack_revision"] != 1.0 {
				t.Fatalf("Anna's decision now cites %v", e)
			}
		})
	})
}

// checkAnnaExplanation checks that an evaluation of Anna's case grants under
// version 1930 with the passport requirement waived by the sponsor exception.
func checkAnnaExplanation(t *testing.T, e map[string]any) {
	t.Helper()
	got := fmt.Sprint(e["outcome"], " ", e["version"], " ", ruleIDs(e["fired"]), " ", ruleIDs(e["overridden"]))
	want := "grant 1930 [permit sponsor_exception] [passport_required:sponsor_exception]"
	if got != want || e["on"] != "1937-11-02" || e["hash"] == "" {
		t.Fatalf("evaluation = %s, want %s (%v)", got, want, e)
	}
}
