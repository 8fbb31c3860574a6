package e2e

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestAbolishedAuthorityActsNothing — after LC is abolished on 1936-06-01
// (functions to SC), every write route that acts for LC or at LC with a date
// on or after the abolition is refused with a problem document, leaving the
// data and the audit log as they were; an appeal against LC's decision goes
// to SC instead.
// readTime matches the record time a view was read as known at.
var readTime = regexp.MustCompile(`"known_at":"[^"]*",?`)

func TestAbolishedAuthorityActsNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		mj := s.setupAuthority("MJ", "ministry", "", "1920-01-01", "return_request")
		mjHead := s.head("MJ")
		lc := s.setupAuthority("LC", "commission", "MJ", "1930-01-01", "legalisation")
		sc := s.setupAuthority("SC", "commission", "MJ", "1936-05-01")
		lcHead := s.head("LC")
		s.setupSponsor("IAS", "International Aid Society", "LC", "1935-01-01")
		acc := id(s.must(http.StatusOK, s.admin, "GET", "/api/v1/sponsors/IAS", nil).JSON()["accreditations"].([]any)[0].(map[string]any))
		s.must(http.StatusCreated, mjHead, "POST", "/api/v1/delegations", map[string]any{
			"from": "MJ", "to": "LC", "valid_from": "1935-01-01", "scope": map[string]any{"case_types": []string{"return_request"}},
			"obligations": []map[string]any{{"id": "report", "within_days": 30, "report": "Report to MJ"}}})
		fromLC := id(s.must(http.StatusCreated, lcHead, "POST", "/api/v1/delegations", map[string]any{
			"from": "LC", "to": "MJ", "valid_from": "1935-01-01", "scope": map[string]any{"case_types": []string{"legalisation"}}}).JSON())
		person := s.citizen(lc, "Rudolf", "Weiss", "AT")
		decided := s.fileType(lc, "legalisation", person, "1936-03-02")
		s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
			"outcome": "grant", "grounds": "Signatures verified.", "decided_on": "1936-05-20"}))
		returned := s.fileType(lc, "return_request", person, "1936-04-01")
		obligation := id(s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/decision", returned), byHand(map[string]any{
			"outcome": "grant", "grounds": "Return granted.", "decided_on": "1936-05-22"})).JSON()["obligations"].([]any)[0].(map[string]any))
		heldForLC := s.fileType(mj, "legalisation", s.citizen(mj, "Greta", "Haas", "AT"), "1936-05-10")
		s.must(http.StatusOK, mjHead, "POST", "/api/v1/authorities/LC/abolition", map[string]any{
			"on": "1936-06-01", "successor": "SC", "reason": "Decree No. 12/1936"})

		// snapshot is what the routes below could change, as the admin reads it.
		snapshot := func() string {
			var b strings.Builder
			for _, p := range []string{"/api/v1/cases", "/api/v1/persons", "/api/v1/delegations", "/api/v1/sponsors/IAS",
				path("/api/v1/persons/%d/facts", person), path("/api/v1/obligations/%d", obligation)} {
				b.Write(s.must(http.StatusOK, s.admin, "GET", p, nil).Body)
			}
			return readTime.ReplaceAllString(b.String(), "") // when it was read is no part of the data
		}
		passed := "functions of LC passed to SC on 1936-06-01"
		for _, tc := range []struct {
			name, token, method, path string
			body                      map[string]any
			status                    int
			detail                    string // the problem's detail or field message contains it
		}{
			{"file a case at LC", lc.clerk, "POST", "/api/v1/cases", map[string]any{
				"type": "legalisation", "person_id": person, "authority": "LC", "filed_on": "1936-06-02"}, 422, passed},
			{"register a person with LC", lc.clerk, "POST", "/api/v1/persons", map[string]any{
				"authority": "LC", "birth_date": "1901-01-01", "country_of_origin": "AT",
				"names": []map[string]string{{"script": "Latin", "given": "Otto", "family": "Lang"}}}, 403, "LC cannot keep a person's file on"},
			{"document on a file that passed to SC", lc.clerk, "POST", path("/api/v1/persons/%d/documents", person), map[string]any{
				"kind": "passport", "number": "A-1", "issuing_state": "AT", "valid_from": "1936-06-05"}, 404, "not found"},
			{"close LC's decided case", lc.officer, "POST", path("/api/v1/cases/%d/close", decided), map[string]any{
				"reason": "Collected.", "closed_on": "1936-06-01"}, 403, "LC cannot close a case on 1936-06-01: " + passed},
			{"decide LC's decided case again", lc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
				"outcome": "deny", "grounds": "g", "decided_on": "1936-06-03"}), 409, "cannot take the action"},
			{"evidence on LC's decided case", lc.clerk, "POST", path("/api/v1/cases/%d/evidence", decided), map[string]any{
				"kind": "stated", "claim": "c", "source": "s", "received_on": "1936-06-03"}, 409, "cannot take the action"},
			{"concurrence on LC's decided case", lc.clerk, "POST", path("/api/v1/cases/%d/concurrences", decided), map[string]any{
				"party": "HOST", "given_on": "1936-06-03", "reference": "n. 1"}, 409, "cannot take the action"},
			{"referral of LC's decided case", lc.officer, "POST", path("/api/v1/cases/%d/referral", decided), map[string]any{
				"referred_on": "1936-06-03", "reason": "r"}, 409, "cannot take the action"},
			{"delegation to LC", mjHead, "POST", "/api/v1/delegations", map[string]any{
				"from": "MJ", "to": "LC", "valid_from": "1936-06-01", "scope": map[string]any{"case_types": []string{"return_request"}}},
				403, "LC cannot grant, receive or end a delegation on 1936-06-01: " + passed},
			{"delegation from LC", s.admin, "POST", "/api/v1/delegations", map[string]any{
				"from": "LC", "to": "MJ", "valid_from": "1936-07-01", "scope": map[string]any{"case_types": []string{"legalisation"}}},
				403, "LC cannot grant, receive or end a delegation on 1936-07-01: " + passed},
			{"LC revokes its delegation", s.admin, "POST", path("/api/v1/delegations/%d/revocation", fromLC), map[string]any{
				"revoked_on": "1936-06-10", "reason": "r"}, 403, "LC cannot grant, receive or end a delegation on 1936-06-10"},
			{"accreditation with LC", s.admin, "POST", "/api/v1/sponsors/IAS/accreditations", map[string]any{
				"authority": "LC", "valid_from": "1936-06-01"}, 403, "LC cannot grant or end an accreditation on 1936-06-01"},
			{"LC ends an accreditation", s.admin, "POST", path("/api/v1/sponsors/IAS/accreditations/%d/revocation", acc), map[string]any{
				"revoked_on": "1936-06-15", "reason": "r"}, 403, "LC cannot grant or end an accreditation on 1936-06-15"},
			{"LC reports to its delegator", lc.officer, "POST", path("/api/v1/obligations/%d/fulfilment", obligation), map[string]any{
				"report_ref": "12/36", "fulfilled_on": "1936-06-05"}, 403, "LC cannot report to its delegator on 1936-06-05"},
			{"abolish LC again", s.admin, "POST", "/api/v1/authorities/LC/abolition", map[string]any{
				"on": "1936-07-01", "successor": "SC", "reason": "r"}, 409, "already abolished"},
		} {
			t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
				s := s.with(t)
				before, audit := snapshot(), s.auditCount()
				r := s.call(tc.token, tc.method, tc.path, tc.body)
				if r.Status != tc.status || !strings.Contains(string(r.Body), tc.detail) {
					t.Errorf("got %s, want %d with %q", r, tc.status, tc.detail)
				}
				expectProblem(t, tc.name, r)
				if s.auditCount() != audit || snapshot() != before {
					t.Errorf("a refused act changed the data or the audit log")
				}
			})
		}
		t.Run("appeal_goes_to_successor", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, lc.clerk, "POST", path("/api/v1/cases/%d/appeal", decided), map[string]any{
				"grounds": "Seal not checked.", "lodged_on": "1936-06-10"}).JSON()
			tr := c["transfers"].([]any)
			if c["authority"] != "SC" || c["state"] != "in_review" || len(tr) != 1 || tr[0].(map[string]any)["on"] != "1936-06-10" {
				t.Fatalf("appeal against LC's decision = %v", c)
			}
			s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/persons/%d", person), nil)
			s.must(http.StatusOK, sc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
				"outcome": "deny", "grounds": "Seal not genuine.", "decided_on": "1936-06-20"}))
		})
		t.Run("delegate_of_LC_refers_to_SC", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusForbidden, mj.officer, "POST", path("/api/v1/cases/%d/decision", heldForLC), byHand(map[string]any{
				"outcome": "grant", "grounds": "g", "decided_on": "1936-06-05"}))
			c := s.must(http.StatusOK, mj.officer, "POST", path("/api/v1/cases/%d/referral", heldForLC), map[string]any{
				"referred_on": "1936-06-05", "reason": "LC, which delegated these cases to MJ, was abolished."}).JSON()
			tr := c["transfers"].([]any)
			if c["authority"] != "SC" || len(tr) != 2 || tr[0].(map[string]any)["to"] != "LC" || tr[1].(map[string]any)["to"] != "SC" {
				t.Fatalf("case referred by LC's delegate = %v", c)
			}
		})
		t.Run("acts_before_the_abolition_still_count", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/obligations/%d/fulfilment", obligation), map[string]any{
				"report_ref": "11/36", "fulfilled_on": "1936-05-30"})
		})
	})
}

// TestBackDating — a step of the proceedings may not be dated before the
// step it answers (filing, decision, appeal, referral), on every route that
// takes such a step; a refusal changes nothing.
func TestBackDating(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		anna := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		c := id(s.grantPermit(vrd, anna, "1937-11-10", "1938-11-09"))
		w := s.setupS8()
		referred := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Ivan", "Kral", "CS"), "1956-03-01")
		refuse := func(t *testing.T, token, p string, body map[string]any, field, msg string) {
			t.Helper()
			s := s.with(t)
			before, audit := s.must(http.StatusOK, s.admin, "GET", "/api/v1/cases", nil).Body, s.auditCount()
			r := s.call(token, "POST", p, body)
			if r.Status != http.StatusUnprocessableEntity || problemFields(r)["body."+field] != msg {
				t.Fatalf("got %s, want 422 with %s: %s", r, field, msg)
			}
			if s.auditCount() != audit || string(s.must(http.StatusOK, s.admin, "GET", "/api/v1/cases", nil).Body) != string(before) {
				t.Fatal("a refused step changed the data or the audit log")
			}
		}
		t.Run("appeal_before_the_decision", func(t *testing.T) {
			s := s.with(t)
			refuse(t, vrd.clerk, path("/api/v1/cases/%d/appeal", c), map[string]any{"grounds": "g", "lodged_on": "1937-11-09"},
				"lodged_on", "is before the decision it follows was taken (1937-11-10)")
			s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/appeal", c), map[string]any{
				"grounds": "The permit term is too short.", "lodged_on": "1937-12-01"})
		})
		t.Run("decision_before_the_appeal", func(t *testing.T) {
			s := s.with(t)
			refuse(t, vrd.officer, path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "deny", "grounds": "Term stands.", "decided_on": "1937-11-20"}),
				"decided_on", "is before the appeal it answers was lodged (1937-12-01)")
			s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "deny", "grounds": "Term stands.", "decided_on": "1937-12-01"}))
		})
		t.Run("closing_before_the_decision", func(t *testing.T) {
			refuse(t, vrd.officer, path("/api/v1/cases/%d/close", c), map[string]any{"reason": "Done.", "closed_on": "1937-11-30"},
				"closed_on", "is before the decision it follows was taken (1937-12-01)")
		})
		t.Run("decision_before_the_filing", func(t *testing.T) {
			s := s.with(t)
			f := id(s.fileCase(vrd.clerk, "VRD", anna, "1938-01-05", nil))
			refuse(t, vrd.officer, path("/api/v1/cases/%d/decision", f), byHand(map[string]any{
				"outcome": "deny", "grounds": "g", "decided_on": "1938-01-04"}), "decided_on", "is before the case was filed (1938-01-05)")
		})
		t.Run("referral_before_the_filing", func(t *testing.T) {
			refuse(t, w.emb.officer, path("/api/v1/cases/%d/referral", referred), map[string]any{
				"referred_on": "1956-02-28", "reason": "r"}, "referred_on", "is before the case was filed (1956-03-01)")
		})
		t.Run("decision_before_the_referral", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/referral", referred), map[string]any{
				"referred_on": "1956-03-06", "reason": "No HOST concurrence."})
			refuse(t, w.hq.officer, path("/api/v1/cases/%d/decision", referred), byHand(map[string]any{
				"outcome": "deny", "grounds": "g", "decided_on": "1956-03-05"}), "decided_on", "is before the case came to HQ (1956-03-06)")
			s.must(http.StatusOK, w.hq.officer, "POST", path("/api/v1/cases/%d/decision", referred), byHand(map[string]any{
				"outcome": "deny", "grounds": "g", "decided_on": "1956-03-06"}))
		})
	})
}
