package e2e

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"sojourn"
	"sojourn/service"
	"sojourn/store/storetest"
)

// s3World is HQ, the top authority, and VRD under it, which decides
// admissions and stays; sponsors of Spain (one accredited throughout, one
// whose accreditation was revoked on 1936-03-01) and of France; the
// admission pack in use.
type s3World struct {
	hq, vrd   office
	hqHead    string
	vrdHead   string
	auditor   string
	otherOffc office // another authority, which must not see VRD's overstays
}

func (s *server) setupS3(t *testing.T) s3World {
	w := s3World{
		hq:  s.setupAuthority("HQ", "ministry", "", "1930-01-01"),
		vrd: s.setupAuthority("VRD", "department", "HQ", "1930-01-01", "admission", "stay", "stay_extension"),
	}
	w.otherOffc = s.setupAuthority("LC", "commission", "", "1930-01-01", "stay")
	w.hqHead, w.vrdHead = s.head("HQ"), s.head("VRD")
	w.auditor = s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
	for _, sp := range []struct{ code, country string }{{"RSC", "ES"}, {"ORA", "ES"}, {"FRA", "FR"}} {
		s.must(http.StatusCreated, s.admin, "POST", "/api/v1/sponsors", map[string]any{
			"code": sp.code, "name": sp.code + " committee (fictional)", "country": sp.country})
		s.must(http.StatusCreated, s.admin, "POST", "/api/v1/sponsors/"+sp.code+"/accreditations", map[string]any{
			"authority": "VRD", "valid_from": "1935-01-01"})
	}
	s.must(http.StatusOK, s.admin, "POST", "/api/v1/sponsors/ORA/accreditations/2/revocation", map[string]any{
		"revoked_on": "1936-03-01", "reason": "Committee dissolved."})
	b, err := os.ReadFile("../policies/admission.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.uploadPack(string(b))
	return w
}

// admission files an admission case with a recommendation by sponsor
// (none when "") and returns its id.
func (s *server) admission(w s3World, personID int64, filedOn, sponsor, recommendedOn string, particulars map[string]any) int64 {
	in := map[string]any{"type": "admission", "person_id": personID, "authority": "VRD", "filed_on": filedOn,
		"particulars": particulars}
	if sponsor != "" {
		in["petition"] = map[string]any{"sponsor": sponsor, "filed_on": recommendedOn}
	}
	return id(s.must(http.StatusCreated, w.vrd.clerk, "POST", "/api/v1/cases", in).JSON())
}

// stayCase files a study, visitor or medical stay (or, with purpose "", an
// extension) and returns its id.
func (s *server) stayCase(o office, personID int64, filedOn, purpose, until string) int64 {
	in := map[string]any{"type": "stay", "person_id": personID, "authority": o.code, "filed_on": filedOn,
		"particulars": map[string]any{"stay_purpose": purpose, "stay_until": until}}
	if purpose == "" {
		in["type"], in["particulars"] = "stay_extension", map[string]any{"stay_until": until}
	}
	return id(s.must(http.StatusCreated, o.clerk, "POST", "/api/v1/cases", in).JSON())
}

// grant decides an admission case as granted on a date (the admission
// pack agreeing) and returns the case.
func (s *server) grant(token string, caseID int64, on string) map[string]any {
	return s.must(http.StatusOK, token, "POST", path("/api/v1/cases/%d/decision", caseID), map[string]any{
		"outcome": "grant", "grounds": "Admitted: the requirements are met.", "decided_on": on}).JSON()
}

// grantStay grants a stay or its extension on a date, by hand (no pack
// decides stays), and returns the case.
func (s *server) grantStay(token string, caseID int64, on string) map[string]any {
	return s.must(http.StatusOK, token, "POST", path("/api/v1/cases/%d/decision", caseID), byHand(map[string]any{
		"outcome": "grant", "grounds": "The stay is granted.", "decided_on": on})).JSON()
}

// status reads a person's status on a date.
func (s *server) status(token string, personID int64, on string) map[string]any {
	return s.must(http.StatusOK, token, "GET", path("/api/v1/persons/%d/status?on=%s", personID, on), nil).JSON()
}

// TestS3 — admission with time-limited stays: a recommendation by an
// accredited sponsor of the applicant's country and a ground (persecution,
// or a medical petition with HQ's consent) admit; a medical stay ends when
// treatment ends, its end makes the departure due and an overstay is
// flagged the day after and listed for the authority; study and visitor
// stays end likewise and an extension is a case like any other; a
// recommendation of a sponsor revoked before it was filed does not count;
// an exceptional route needs the top authority's approval of the case.
func TestS3(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS3(t)
		elena := s.citizen(w.vrd, "Elena", "Ruiz", "ES")
		marta := s.citizen(w.vrd, "Marta", "Soler", "ES")
		jonas := s.citizen(w.vrd, "Jonas", "Berg", "ES")
		var medical int64

		t.Run("step1_recommendation_and_persecution", func(t *testing.T) {
			s := s.with(t)
			c := s.admission(w, elena, "1936-04-12", "RSC", "1936-04-10", map[string]any{"ground": "persecution"})
			e := s.evaluate(w.vrd.clerk, c)
			if e["outcome"] != "grant" || e["pack"] != "admission" || e["version"] != "1935" {
				t.Fatalf("evaluation = %v", e)
			}
			got := s.grant(w.vrd.officer, c, "1936-04-20")
			if got["state"] != "decided" {
				t.Fatalf("decided = %v", got)
			}
			st := s.status(w.vrd.clerk, elena, "1936-05-01")
			if st["state"] != "staying" || !strings.Contains(st["summary"].(string), "refuge stay") || st["until"] != nil {
				t.Fatalf("status after admission = %v", st)
			}
			if dues := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", elena), nil).List(); len(dues) != 0 {
				t.Fatalf("an open-ended refuge made departures due: %v", dues)
			}
		})
		t.Run("step1_recommendation_of_the_applicants_country", func(t *testing.T) {
			s := s.with(t)
			c := s.admission(w, elena, "1936-05-03", "FRA", "1936-05-01", map[string]any{"ground": "persecution"})
			if e := s.evaluate(w.vrd.clerk, c); e["outcome"] != "deny" || !strings.Contains(strings.Join(ruleIDs(e["fired"]), ","), "recommendation_required") {
				t.Fatalf("recommendation by a sponsor of another country: %v", e)
			}
			c = s.admission(w, elena, "1936-05-03", "", "", map[string]any{"ground": "persecution"})
			if e := s.evaluate(w.vrd.clerk, c); e["outcome"] != "deny" {
				t.Fatalf("no recommendation: %v", e)
			}
		})
		t.Run("step2_medical_needs_HQ_consent", func(t *testing.T) {
			s := s.with(t)
			medical = s.admission(w, marta, "1937-09-01", "RSC", "1937-08-28", map[string]any{"ground": "medical", "stay_until": "1938-04-30"})
			if e := s.evaluate(w.vrd.clerk, medical); e["outcome"] != "deny" || !strings.Contains(strings.Join(ruleIDs(e["fired"]), ","), "ground_required") {
				t.Fatalf("medical petition without HQ's consent: %v", e)
			}
			s.must(http.StatusOK, w.vrd.clerk, "POST", path("/api/v1/cases/%d/concurrences", medical), map[string]any{
				"party": "HQ", "given_on": "1937-09-05", "reference": "HQ telegram 25-S-207"})
			if e := s.evaluate(w.vrd.clerk, medical); e["outcome"] != "grant" {
				t.Fatalf("medical petition with HQ's consent: %v", e)
			}
		})
		t.Run("step2_medical_stay_ends_with_treatment", func(t *testing.T) {
			s := s.with(t)
			s.grant(w.vrd.officer, medical, "1937-09-10")
			st := s.status(w.vrd.clerk, marta, "1938-01-01")
			if st["state"] != "staying" || st["until"] != "1938-04-30" || !strings.Contains(st["summary"].(string), "medical stay") {
				t.Fatalf("status during treatment = %v", st)
			}
			st = s.status(w.vrd.clerk, marta, "1938-05-01")
			if st["state"] != "no_legal_status" || st["since"] != "1938-05-01" {
				t.Fatalf("status after treatment = %v", st)
			}
			dues := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", marta), nil).List()
			if len(dues) != 1 || dues[0]["due_on"] != "1938-04-30" || dues[0]["purpose"] != "medical" || id(map[string]any{"id": dues[0]["case_id"]}) != medical ||
				dues[0]["flagged_on"] != nil {
				t.Fatalf("departure due = %v", dues)
			}
		})
		t.Run("step2_overstay_flagged_the_day_after", func(t *testing.T) {
			s := s.with(t)
			if l := s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1938-04-30"}).List(); len(l) != 0 {
				t.Fatalf("flagged on the last day of the stay: %v", l)
			}
			l := s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1938-05-01"}).List()
			if len(l) != 1 || l[0]["person_id"] != float64(marta) || l[0]["flagged_on"] != "1938-05-01" {
				t.Fatalf("flagged the day after = %v", l)
			}
			if again := s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1938-05-02"}).List(); len(again) != 0 {
				t.Fatalf("flagged twice: %v", again)
			}
			list := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil).List()
			if len(list) != 1 || list[0]["person_id"] != float64(marta) {
				t.Fatalf("VRD's overstays = %v", list)
			}
			if r := s.call(w.otherOffc.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil); r.Status != http.StatusNotFound {
				t.Fatalf("another authority reads VRD's overstays: %s", r)
			}
			if a := s.objectActions(w.auditor, path("departure_due/%d", id(l[0]))); !a["overstays.flag"] {
				t.Fatalf("audit of the flag = %v", a)
			}
		})
		t.Run("step3_study_and_visitor_stays", func(t *testing.T) {
			s := s.with(t)
			study := s.stayCase(w.vrd, jonas, "1938-09-01", "study", "1939-06-30")
			s.grantStay(w.vrd.officer, study, "1938-09-15")
			if st := s.status(w.vrd.clerk, jonas, "1939-01-10"); st["state"] != "staying" || st["until"] != "1939-06-30" ||
				!strings.Contains(st["summary"].(string), "study stay") {
				t.Fatalf("status of a student = %v", st)
			}
			visitor := s.citizen(w.vrd, "Lucia", "Vidal", "ES")
			s.grantStay(w.vrd.officer, s.stayCase(w.vrd, visitor, "1938-07-01", "visitor", "1938-08-15"), "1938-07-02")
			if st := s.status(w.vrd.clerk, visitor, "1938-08-16"); st["state"] != "no_legal_status" || st["since"] != "1938-08-16" {
				t.Fatalf("status after the visit = %v", st)
			}
			s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1938-08-16"})
			list := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil).List()
			if len(list) != 2 {
				t.Fatalf("VRD's overstays = %v", list)
			}
			page := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays?limit=1", nil).List()
			next := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/authorities/VRD/overstays?limit=1&after=%d", id(page[0])), nil).List()
			if len(page) != 1 || len(next) != 1 || id(page[0]) != id(list[0]) || id(next[0]) != id(list[1]) {
				t.Fatalf("pages = %v, %v", page, next)
			}
			due := id(s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", visitor), nil).List()[0])
			s.must(http.StatusOK, w.vrd.clerk, "POST", path("/api/v1/departure-dues/%d/departure", due), map[string]any{"departed_on": "1938-08-20"})
			if list := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil).List(); len(list) != 1 {
				t.Fatalf("overstays after the visitor left = %v", list)
			}
		})
		t.Run("step3_extension_is_a_case", func(t *testing.T) {
			s := s.with(t)
			r := s.call(w.vrd.clerk, "POST", "/api/v1/cases", map[string]any{"type": "stay_extension", "person_id": jonas,
				"authority": "VRD", "filed_on": "1939-06-01", "particulars": map[string]any{"stay_until": "1939-05-01"}})
			if f := problemFields(r); r.Status != http.StatusUnprocessableEntity || !strings.Contains(f["body.particulars.stay_until"], "after the end") {
				t.Fatalf("extension ending before the stay: %s", r)
			}
			ext := s.stayCase(w.vrd, jonas, "1939-06-01", "", "1940-06-30")
			s.grantStay(w.vrd.officer, ext, "1939-06-20")
			if st := s.status(w.vrd.clerk, jonas, "1939-12-01"); st["state"] != "staying" || st["until"] != "1940-06-30" {
				t.Fatalf("status after the extension = %v", st)
			}
			s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1939-07-01"})
			dues := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", jonas), nil).List()
			if len(dues) != 2 || dues[0]["extended_by"] != float64(ext) || dues[0]["flagged_on"] != nil ||
				dues[1]["due_on"] != "1940-06-30" || dues[1]["purpose"] != "study" {
				t.Fatalf("departure dues after the extension = %v", dues)
			}
		})
		t.Run("step4_revoked_sponsor_does_not_count", func(t *testing.T) {
			s := s.with(t)
			c := s.admission(w, elena, "1936-05-03", "ORA", "1936-05-02", map[string]any{"ground": "persecution"})
			got := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/cases/%d", c), nil).JSON()
			if got["petition"].(map[string]any)["accredited"] != false {
				t.Fatalf("petition of a revoked sponsor = %v", got["petition"])
			}
			e := s.evaluate(w.vrd.clerk, c)
			if e["outcome"] != "deny" || e["inputs"].(map[string]any)["recommendation_accredited"] != false {
				t.Fatalf("evaluation = %v", e)
			}
			before := s.admission(w, elena, "1936-02-20", "ORA", "1936-02-20", map[string]any{"ground": "persecution"})
			if e := s.evaluate(w.vrd.clerk, before); e["outcome"] != "grant" {
				t.Fatalf("recommendation filed before the revocation: %v", e)
			}
		})
		t.Run("step5_exceptional_route_needs_the_top_authority", func(t *testing.T) {
			s := s.with(t)
			c := s.admission(w, marta, "1939-03-02", "RSC", "1939-03-01", map[string]any{"ground": "persecution", "exceptional_route": true})
			for _, body := range []map[string]any{
				{"outcome": "grant", "grounds": "Admitted.", "decided_on": "1939-03-05"},
				{"outcome": "grant", "grounds": "Admitted.", "decided_on": "1939-03-05", "override_grounds": "Urgent."},
				{"outcome": "deny", "grounds": "Refused.", "decided_on": "1939-03-05", "override_grounds": "Urgent."},
			} {
				r := s.call(w.vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), body)
				if d := r.JSON()["detail"]; r.Status != http.StatusConflict || !strings.Contains(d.(string), "cannot be decided") ||
					!strings.Contains(d.(string), "approval of the top authority") {
					t.Fatalf("decision without the approval: %s", r)
				}
			}
			if r := s.call(w.vrdHead, "POST", path("/api/v1/cases/%d/approval", c), map[string]any{"approved_on": "1939-03-04", "grounds": "g"}); r.Status != http.StatusNotFound {
				t.Fatalf("approval by the head of VRD, not the top authority: %s", r)
			}
			got := s.must(http.StatusOK, w.hqHead, "POST", path("/api/v1/cases/%d/approval", c), map[string]any{
				"approved_on": "1939-03-04", "grounds": "Crossing at an unguarded pass justified by pursuit."}).JSON()
			if a := got["particulars"].(map[string]any)["approval"].(map[string]any); a["by"] != "HQ-head" || a["authority"] != "HQ" {
				t.Fatalf("approval = %v", got["particulars"])
			}
			got = s.grant(w.vrd.officer, c, "1939-03-06")
			if got["state"] != "decided" {
				t.Fatalf("decided after approval = %v", got)
			}
			if a := s.auditActions(w.auditor, c); !a["case.approve"] || !a["case.decide"] {
				t.Fatalf("audit of the case = %v", a)
			}
		})
	})
}

// TestOverstayFlaggedByPeriodicJob — the maintenance round, River's
// periodic job, flags a stay ended without a departure on the server's
// today (the test clock's 2026-03-01), with an audit entry by the system,
// and the authority's overstay list shows it.
func TestOverstayFlaggedByPeriodicJob(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			s := newServerWith(t, dialect, service.Config{}, 200*time.Millisecond)
			vrd := s.setupAuthority("VRD", "department", "", "1930-01-01", "stay")
			visitor := s.citizen(vrd, "Lucia", "Vidal", "ES")
			s.grantStay(vrd.officer, s.stayCase(vrd, visitor, "1938-07-01", "visitor", "1938-08-15"), "1938-07-02")
			deadline := time.Now().Add(30 * time.Second)
			for time.Now().Before(deadline) {
				list := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil).List()
				if len(list) == 1 {
					if list[0]["person_id"] != float64(visitor) || list[0]["flagged_on"] != "2026-03-01" {
						t.Fatalf("overstay = %v", list[0])
					}
					auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
					for _, e := range s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?object=departure_due/%d", id(list[0])), nil).List() {
						if e["action"] == "overstays.flag" && e["actor"] == "system" {
							return
						}
					}
					t.Fatal("the flag has no audit entry by the system")
				}
				time.Sleep(50 * time.Millisecond)
			}
			t.Fatal("the maintenance round flagged no overstay")
		})
	}
}

// TestStayCorrectionMovesDeparture — a correction of a stay's last day
// moves its departure due with it (an overstay flag the new day makes
// early is cleared); a stay whose departure is still due cannot be made
// open-ended or retracted by a correction.
func TestStayCorrectionMovesDeparture(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupAuthority("VRD", "department", "", "1930-01-01", "stay")
		p := s.citizen(vrd, "Rosa", "Mir", "ES")
		s.grantStay(vrd.officer, s.stayCase(vrd, p, "1938-01-10", "medical", "1938-04-30"), "1938-01-15")
		s.must(http.StatusOK, s.admin, "POST", "/api/v1/overstays/flags", map[string]any{"on": "1938-05-01"})
		var stay int64
		for _, f := range s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", p), nil).List() {
			if f["kind"] == "stay" {
				stay = id(f)
			}
		}
		for _, body := range []map[string]any{{"open_ended": true, "reason": "r"}, {"retract": true, "reason": "r"}} {
			if r := s.call(vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", p, stay), body); r.Status != http.StatusConflict {
				t.Fatalf("correction %v of a stay with a departure due: %s", body, r)
			}
		}
		corrected := s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", p, stay), map[string]any{
			"valid_to": "1938-06-30", "reason": "The hospital's discharge note gives the end of treatment as 1938-06-30."}).JSON()
		dues := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/departure-dues", p), nil).List()
		if len(dues) != 1 || dues[0]["due_on"] != "1938-06-30" || dues[0]["fact_id"] != corrected["id"] || dues[0]["flagged_on"] != nil {
			t.Fatalf("departure due after the correction = %v", dues)
		}
		if l := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/authorities/VRD/overstays", nil).List(); len(l) != 0 {
			t.Fatalf("overstays after the correction = %v", l)
		}
	})
}
