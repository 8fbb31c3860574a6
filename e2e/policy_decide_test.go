package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// gapPack is a residence pack in force only from 1940: earlier cases have
// no rules in force.
const gapPack = `pack: residence
versions:
  - version: "1940"
    effective_from: 1940-01-01
    legal_reference: "Decree 9 of 1939"
    inputs: {has_valid_passport: bool, sponsor_petition: bool, sponsor_accredited: bool}
    rules:
      - {id: permit, ref: "§1", effect: grant, when: "true", message: "A permit may be granted."}
      - {id: passport_required, ref: "§2", effect: require, when: has_valid_passport, message: "A passport is required."}
`

// TestPolicyEvaluation — the version in force on the filing date decides,
// to the day; no version in force is an error over the API; deciding
// against the evaluation needs written grounds and is recorded as such.
func TestPolicyEvaluation(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		s.uploadPack(residencePack(t, false))
		petitioned := func(filed string) int64 {
			p := s.person(vrd.clerk, "VRD", "Petr", "Hajek", "1900-01-01")
			return id(s.fileCase(vrd.clerk, "VRD", p, filed, map[string]any{"sponsor": "IAS", "filed_on": filed}))
		}
		lastDay, firstDay := petitioned("1938-01-31"), petitioned("1938-02-01")

		t.Run("version_boundary", func(t *testing.T) {
			s := s.with(t)
			for caseID, want := range map[int64]string{lastDay: "grant 1930", firstDay: "deny 1938"} {
				e := s.evaluate(vrd.clerk, caseID)
				if got := e["outcome"].(string) + " " + e["version"].(string); got != want {
					t.Errorf("case %d: %s, want %s", caseID, got, want)
				}
			}
			e := s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evaluation", lastDay), map[string]any{"on": "1938-02-01"}).JSON()
			if e["version"] != "1938" || e["on"] != "1938-02-01" {
				t.Errorf("evaluation on 1938-02-01 = %v", e)
			}
		})
		t.Run("no_rules_in_force", func(t *testing.T) {
			s := s.with(t)
			r := s.must(http.StatusPreconditionFailed, vrd.clerk, "POST", path("/api/v1/cases/%d/evaluation", lastDay),
				map[string]any{"on": "1929-12-31"})
			if !strings.Contains(r.JSON()["detail"].(string), "no rules of pack residence in force on 1929-12-31") {
				t.Fatalf("evaluation before the pack = %s", r)
			}
		})
		t.Run("decide_against_evaluation_with_grounds", func(t *testing.T) {
			s := s.with(t)
			before := s.auditCount()
			body := map[string]any{"outcome": "grant", "grounds": "Humanitarian grounds.", "decided_on": "1938-02-10"}
			s.must(http.StatusUnprocessableEntity, vrd.officer, "POST", path("/api/v1/cases/%d/decision", firstDay), body)
			body["override_grounds"] = "The applicant's passport was withheld by the home state; see evidence."
			c := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", firstDay), body).JSON()
			e := explanationOf(c, 0)
			if e["against_evaluation"] != true || e["outcome"] != "deny" || e["version"] != "1938" ||
				!strings.HasPrefix(e["override_grounds"].(string), "The applicant's passport") ||
				c["decisions"].([]any)[0].(map[string]any)["outcome"] != "grant" || s.auditCount() != before+1 {
				t.Fatalf("decision against the evaluation = %v", c)
			}
		})
		t.Run("override_grounds_only_against", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusUnprocessableEntity, vrd.officer, "POST", path("/api/v1/cases/%d/decision", lastDay), map[string]any{
				"outcome": "grant", "grounds": "Sponsor petition.", "decided_on": "1938-02-10", "override_grounds": "None needed.",
			})
		})
		t.Run("no_version_in_force_refuses_decision", func(t *testing.T) {
			s := s.with(t)
			s.uploadPack(gapPack)
			body := map[string]any{"outcome": "grant", "grounds": "Sponsor petition.", "decided_on": "1938-02-10"}
			r := s.must(http.StatusUnprocessableEntity, vrd.officer, "POST", path("/api/v1/cases/%d/decision", lastDay), body)
			if !strings.Contains(string(r.Body), "no rules of pack residence in force on 1938-01-31") ||
				!strings.Contains(problemFields(r)["body.override_grounds"], "upload policy pack residence") {
				t.Fatalf("decision without rules in force = %s", r)
			}
			body["override_grounds"] = "No rules in force on the filing date; decided on the decree's general principle."
			c := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", lastDay), body).JSON()
			e := explanationOf(c, 0)
			if e["against_evaluation"] != true || e["error"] != "no rules of pack residence in force on 1938-01-31" || e["pack_revision"] != 2.0 {
				t.Fatalf("decision explanation = %v", e)
			}
		})
	})
}

// TestWhatIfScopes — a draft passed inline is tried without being put in
// use; the date range and the requester's authority bound the cases; a run
// is visible only within the authority that started it.
func TestWhatIfScopes(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		s.uploadPack(residencePack(t, false))
		jan := s.person(vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21")
		janCase := id(s.fileCase(vrd.clerk, "VRD", jan, "1938-02-20", map[string]any{"sponsor": "IAS", "filed_on": "1938-02-20"}))
		draft := strings.Replace(residencePack(t, true), "    effective_to: 1938-01-31\n", "", 1)

		start := func(token string, in map[string]any) map[string]any {
			run := s.must(http.StatusAccepted, token, "POST", "/api/v1/policy/whatif", in).JSON()
			if run["state"] != "queued" {
				t.Fatalf("new run = %v", run)
			}
			return s.awaitRun(token, id(run))
		}
		run := start(vrd.officer, map[string]any{"pack": "residence", "version": "1930", "scope": "all", "source": draft,
			"filed_from": "1938-02-01"})
		changed := run["changed"].([]any)
		if run["state"] != "done" || len(changed) != 1 || int64(changed[0].(map[string]any)["case_id"].(float64)) != janCase {
			t.Fatalf("draft run = %v", run)
		}
		page := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/policy/whatif/%d?after=%d&limit=10", id(run), janCase), nil).JSON()
		if page["changes"] != 1.0 || len(page["changed"].([]any)) != 0 {
			t.Fatalf("page after Jan's case = %v", page)
		}
		if packs := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/policy/packs", nil).List(); packs[0]["revision"] != 1.0 {
			t.Fatalf("the draft was put in use: %v", packs)
		}
		if run := start(vrd.officer, map[string]any{"pack": "residence", "version": "1930", "scope": "all",
			"filed_to": "1938-02-19"}); run["total"] != 0.0 {
			t.Fatalf("run before Jan's filing = %v", run)
		}
		other := start(rso.officer, map[string]any{"pack": "residence", "version": "1930", "scope": "open"})
		if other["total"] != 0.0 || len(other["changed"].([]any)) != 0 {
			t.Fatalf("RSO's run saw VRD's cases: %v", other)
		}
		s.must(http.StatusNotFound, rso.officer, "GET", path("/api/v1/policy/whatif/%d", id(run)), nil)
		admin := start(s.admin, map[string]any{"pack": "residence", "version": "1930", "scope": "open"})
		if len(admin["changed"].([]any)) != 1 {
			t.Fatalf("administrator's run = %v", admin)
		}
		s.must(http.StatusNotFound, vrd.officer, "GET", path("/api/v1/policy/whatif/%d", id(admin)), nil)
	})
}

// TestPackEvaluatedOnDecisionDate — a pack that says evaluate_on: decided_on
// chooses the version in force on the decision date, not the filing date;
// a dry run of it needs the date.
func TestPackEvaluatedOnDecisionDate(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		s.uploadPack("evaluate_on: decided_on\n" + residencePack(t, false))
		p := s.person(vrd.clerk, "VRD", "Eva", "Lang", "1901-02-03")
		c := id(s.fileCase(vrd.clerk, "VRD", p, "1938-01-20", map[string]any{"sponsor": "IAS", "filed_on": "1938-01-20"}))

		r := s.must(http.StatusUnprocessableEntity, vrd.clerk, "POST", path("/api/v1/cases/%d/evaluation", c), nil)
		if !strings.Contains(string(r.Body), "is evaluated on the decision date") {
			t.Fatalf("dry run without a date = %s", r)
		}
		e := s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evaluation", c), map[string]any{"on": "1938-01-25"}).JSON()
		if e["outcome"] != "grant" || e["version"] != "1930" {
			t.Fatalf("dry run on 1938-01-25 = %v", e)
		}
		s.must(http.StatusUnprocessableEntity, vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), map[string]any{
			"outcome": "grant", "grounds": "Sponsor petition.", "decided_on": "1938-02-10",
		})
		d := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), map[string]any{
			"outcome": "deny", "grounds": "No passport; petitions no longer suffice.", "decided_on": "1938-02-10",
		}).JSON()
		if e := explanationOf(d, 0); e["version"] != "1938" || e["on"] != "1938-02-10" || e["against_evaluation"] != false {
			t.Fatalf("decision explanation = %v", e)
		}
	})
}
