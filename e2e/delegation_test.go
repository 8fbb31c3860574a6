package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestDelegationBoundaries — a delegation counts from its first day to its
// last, and not from the day it is revoked; outside it, or outside its scope,
// the delegate's decision is forbidden and changes nothing.
func TestDelegationBoundaries(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		limited := s8Delegation()
		limited["valid_from"], limited["valid_to"] = "1956-02-10", "1956-12-31"
		s.must(http.StatusOK, w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
			map[string]any{"revoked_on": "1956-02-10", "reason": "replaced by a limited delegation"})
		limitedID := id(s.must(http.StatusCreated, w.hqHead, "POST", "/api/v1/delegations", limited).JSON())
		decide := func(s *server, c int64, on string, want int) response {
			s.t.Helper()
			audit := s.auditCount()
			r := s.call(w.emb.officer, "POST", path("/api/v1/cases/%d/decision", c), decisionUnder("grant", on, "Return granted."))
			if r.Status != want {
				s.t.Fatalf("decision on %s: got %s, want %d", on, r, want)
			}
			if want != http.StatusOK && s.auditCount() != audit {
				s.t.Fatalf("refused decision on %s changed the audit log", on)
			}
			return r
		}
		cases := make([]int64, 5)
		for i := range cases {
			cases[i] = s.returnRequest(w, "Emil", "Sykora", "1956-02-01")
		}
		t.Run("starts", func(t *testing.T) {
			s := s.with(t)
			r := decide(s, cases[0], "1956-02-09", http.StatusForbidden)
			if !strings.Contains(r.JSON()["detail"].(string), "EMB-P has no jurisdiction over return_request cases on 1956-02-09") {
				t.Fatalf("detail = %s", r)
			}
			c := decide(s, cases[0], "1956-02-10", http.StatusOK).JSON()
			if c["decisions"].([]any)[0].(map[string]any)["delegation_id"].(float64) != float64(limitedID) {
				t.Fatalf("decided under %v", c["decisions"])
			}
		})
		t.Run("ends", func(t *testing.T) {
			s := s.with(t)
			decide(s, cases[1], "1956-12-31", http.StatusOK)
			decide(s, cases[2], "1957-01-01", http.StatusForbidden)
		})
		t.Run("revoked", func(t *testing.T) {
			s := s.with(t)
			audit := s.auditCount()
			r := s.must(http.StatusConflict, w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", limitedID),
				map[string]any{"revoked_on": "1956-06-01", "reason": "HOST relations suspended"})
			if f := problemFields(r)["body.revoked_on"]; !strings.Contains(f, path("case %d decided 1956-12-31", cases[1])) {
				t.Fatalf("revocation dated before a decision taken under the delegation: %s", r)
			}
			if s.auditCount() != audit {
				t.Fatal("a refused revocation changed the audit log")
			}
			decide(s, cases[2], "1956-05-31", http.StatusOK)
			s.must(http.StatusOK, w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", limitedID),
				map[string]any{"revoked_on": "1957-01-01", "reason": "HOST relations suspended"})
			c := s.must(http.StatusOK, w.hq.officer, "GET", path("/api/v1/cases/%d", cases[3]), nil).JSON()
			tr := c["transfers"].([]any)
			if c["authority"] != "HQ" || len(tr) != 1 || tr[0].(map[string]any)["kind"] != "return" || tr[0].(map[string]any)["on"] != "1957-01-01" {
				t.Fatalf("open case of the revoked delegation = %v", c)
			}
			decide(s, cases[3], "1957-01-02", http.StatusNotFound)
		})
		t.Run("concurrence_after_the_decision_does_not_count", func(t *testing.T) {
			s := s.with(t)
			c := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Olga", "Mala", "CS"), "1956-03-01")
			s.concur(w.emb.clerk, c, "1956-03-10", "late note")
			r := decide(s, c, "1956-03-09", http.StatusUnprocessableEntity)
			if f := problemFields(r); len(f) != 1 || f["body.conditions.host_concurrence"] == "" {
				t.Fatalf("failed = %v", f)
			}
			decide(s, c, "1956-03-10", http.StatusOK)
		})
		t.Run("every_failed_condition_named", func(t *testing.T) {
			s := s.with(t)
			c := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Petr", "Cerny", "CS"), "1956-03-01")
			r := s.call(w.emb.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "deny", "grounds": "g", "decided_on": "1956-03-05"}))
			f := problemFields(r)
			for _, id := range []string{"individual_case", "justified", "host_concurrence"} {
				if !strings.HasPrefix(f["body.conditions."+id], id+": ") {
					t.Errorf("condition %s not named: %s", id, r)
				}
			}
			if len(f) != 3 {
				t.Errorf("failed = %v", f)
			}
		})
		t.Run("outside_scope", func(t *testing.T) {
			s := s.with(t)
			foreigner := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Jan", "Kowalski", "PL"), "1956-03-01")
			s.concur(w.emb.clerk, foreigner, "1956-03-01", "n")
			decide(s, foreigner, "1956-03-05", http.StatusForbidden)
			legal := s.fileType(w.emb, "legalisation", s.citizen(w.emb, "Eva", "Dolezal", "CS"), "1956-03-01")
			decide(s, legal, "1956-03-05", http.StatusForbidden)
			s.must(http.StatusConflict, w.emb.officer, "POST", path("/api/v1/cases/%d/referral", legal),
				map[string]any{"referred_on": "1956-03-05", "reason": "r"})
		})
	})
}

// TestDelegationAccess — who may delegate, revoke, refer, fulfil, read the
// overdue list and run the overdue check; refusals change nothing.
func TestDelegationAccess(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		c := s.returnRequest(w, "Karel", "Dvorak", "1956-02-20")
		obl := id(s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", c),
			decisionUnder("grant", "1956-03-01", "Return granted.")).JSON()["obligations"].([]any)[0].(map[string]any))
		s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/obligations/%d/fulfilment", obl),
			map[string]any{"report_ref": "168/ld", "fulfilled_on": "1956-03-20"})
		s.must(http.StatusOK, w.hq.clerk, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-16", nil)
		for _, on := range []string{"1956-03-16", "1956-03-19"} {
			if l := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on="+on, nil).List(); len(l) != 1 {
				t.Fatalf("overdue on %s (fulfilled late on 1956-03-20) = %v", on, l)
			}
		}
		if l := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-20", nil).List(); len(l) != 0 {
			t.Fatalf("overdue after fulfilment = %v", l)
		}
		open := s.returnRequest(w, "Milena", "Horak", "1956-02-20")
		auditor := s.user("aud", "auditor", "", "top_secret")
		outsider := s.setupOffice("VRD", "Visa and Registration Department").officer
		audit := s.auditCount()
		for _, tc := range []struct {
			name, token, method, path string
			body                      any
			status                    int
		}{
			{"delegate as officer", w.hq.officer, "POST", "/api/v1/delegations", s8Delegation(), http.StatusForbidden},
			{"delegate another's powers", w.emHead, "POST", "/api/v1/delegations", s8Delegation(), http.StatusNotFound},
			{"delegate what it does not decide", w.hqHead, "POST", "/api/v1/delegations",
				with(s8Delegation(), "scope", map[string]any{"case_types": []string{"residence_permit"}}), http.StatusUnprocessableEntity},
			{"condition not CEL", w.hqHead, "POST", "/api/v1/delegations",
				with(s8Delegation(), "conditions", []map[string]string{{"id": "x", "when": "host_concurrence &&", "message": "m"}}), http.StatusUnprocessableEntity},
			{"condition on unknown input", w.hqHead, "POST", "/api/v1/delegations",
				with(s8Delegation(), "conditions", []map[string]string{{"id": "x", "when": "salary > 3", "message": "m"}}), http.StatusUnprocessableEntity},
			{"delegate to unknown", w.hqHead, "POST", "/api/v1/delegations", with(s8Delegation(), "to", "NOWHERE"), http.StatusUnprocessableEntity},
			{"delegate to itself", w.hqHead, "POST", "/api/v1/delegations", with(s8Delegation(), "to", "HQ"), http.StatusUnprocessableEntity},
			{"revoke as delegate", w.emHead, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
				map[string]any{"revoked_on": "1956-06-01", "reason": "r"}, http.StatusNotFound},
			{"revoke before start", w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
				map[string]any{"revoked_on": "1956-02-09", "reason": "r"}, http.StatusUnprocessableEntity},
			{"revoke unknown", w.hqHead, "POST", "/api/v1/delegations/999/revocation",
				map[string]any{"revoked_on": "1956-06-01", "reason": "r"}, http.StatusNotFound},
			{"refer as clerk", w.emb.clerk, "POST", path("/api/v1/cases/%d/referral", open),
				map[string]any{"referred_on": "1956-03-01", "reason": "r"}, http.StatusForbidden},
			{"refer before filing", w.emb.officer, "POST", path("/api/v1/cases/%d/referral", open),
				map[string]any{"referred_on": "1956-02-19", "reason": "r"}, http.StatusUnprocessableEntity},
			{"refer a decided case", w.emb.officer, "POST", path("/api/v1/cases/%d/referral", c),
				map[string]any{"referred_on": "1956-03-05", "reason": "r"}, http.StatusConflict},
			{"refer stale", w.emb.officer, "POST", path("/api/v1/cases/%d/referral", open),
				map[string]any{"referred_on": "1956-03-01", "reason": "r"}, http.StatusPreconditionFailed},
			{"concur as auditor", auditor, "POST", path("/api/v1/cases/%d/concurrences", open),
				map[string]any{"party": "HOST", "given_on": "1956-03-01", "reference": "r"}, http.StatusForbidden},
			{"concur on a decided case", w.emb.clerk, "POST", path("/api/v1/cases/%d/concurrences", c),
				map[string]any{"party": "HOST", "given_on": "1956-03-01", "reference": "r"}, http.StatusConflict},
			{"fulfil twice", w.emb.officer, "POST", path("/api/v1/obligations/%d/fulfilment", obl),
				map[string]any{"report_ref": "x", "fulfilled_on": "1956-03-21"}, http.StatusConflict},
			{"fulfil as clerk", w.emb.clerk, "POST", path("/api/v1/obligations/%d/fulfilment", obl),
				map[string]any{"report_ref": "x", "fulfilled_on": "1956-03-21"}, http.StatusForbidden},
			{"fulfil as delegator", w.hq.officer, "POST", path("/api/v1/obligations/%d/fulfilment", obl),
				map[string]any{"report_ref": "x", "fulfilled_on": "1956-03-21"}, http.StatusNotFound},
			{"flag as head", w.hqHead, "POST", "/api/v1/obligations/overdue-flags", map[string]any{"on": "1956-04-01"}, http.StatusForbidden},
			{"flag impossible date", s.admin, "POST", "/api/v1/obligations/overdue-flags", map[string]any{"on": "1956-02-30"}, http.StatusUnprocessableEntity},
			{"flag unknown field", s.admin, "POST", "/api/v1/obligations/overdue-flags", map[string]any{"at": "1956-02-01"}, http.StatusUnprocessableEntity},
			{"overdue of another", w.emb.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-04-01", nil, http.StatusNotFound},
			{"overdue impossible date", w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-02-30", nil, http.StatusUnprocessableEntity},
			{"subordinates of unknown", w.hq.officer, "GET", "/api/v1/authorities/NOPE/subordinates", nil, http.StatusNotFound},
			{"obligation of another", outsider, "GET", path("/api/v1/obligations/%d", obl), nil, http.StatusNotFound},
		} {
			headers := []string{}
			if tc.name == "refer stale" {
				headers = append(headers, `If-Match: "1"`)
			}
			r := s.malformed().call(tc.token, tc.method, tc.path, tc.body, headers...)
			if r.Status != tc.status {
				t.Errorf("%s: got %s, want %d", tc.name, r, tc.status)
			}
			expectProblem(t, tc.name, r)
		}
		s.must(http.StatusOK, w.hq.officer, "GET", path("/api/v1/obligations/%d", obl), nil)
		s.must(http.StatusOK, w.emb.clerk, "GET", path("/api/v1/obligations/%d", obl), nil)
		if after := s.auditCount(); after != audit {
			t.Fatalf("refusals changed the audit log: %d entries before, %d after", audit, after)
		}
	})
}

// with returns a copy of m with key set to v.
func with(m map[string]any, key string, v any) map[string]any {
	out := map[string]any{}
	for k, val := range m {
		out[k] = val
	}
	out[key] = v
	return out
}

// TestDelegationBadInput — malformed bodies on every new endpoint get a 4xx
// problem+json and change nothing.
func TestDelegationBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		c := s.returnRequest(w, "Karel", "Dvorak", "1956-02-20")
		decided := s.returnRequest(w, "Milena", "Horak", "1956-02-20")
		obl := id(s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", decided),
			decisionUnder("grant", "1956-03-01", "Return granted.")).JSON()["obligations"].([]any)[0].(map[string]any))
		s.setupAuthority("SC", "commission", "HQ", "1930-01-01")
		endpoints := []endpoint{
			{"/api/v1/delegations", w.hqHead, s8Delegation(), "from", "to", "valid_from"},
			{path("/api/v1/delegations/%d/revocation", w.delegation), w.hqHead, map[string]any{"revoked_on": "1956-06-01", "reason": "r"}, "reason", "reason", "revoked_on"},
			{path("/api/v1/cases/%d/referral", c), w.emb.officer, map[string]any{"referred_on": "1956-03-01", "reason": "r"}, "reason", "referred_on", "referred_on"},
			{path("/api/v1/cases/%d/concurrences", c), w.emb.clerk, map[string]any{"party": "HOST", "given_on": "1956-03-01", "reference": "r"}, "party", "reference", "given_on"},
			{path("/api/v1/obligations/%d/fulfilment", obl), w.emb.officer, map[string]any{"report_ref": "r", "fulfilled_on": "1956-03-10"}, "report_ref", "report_ref", "fulfilled_on"},
			{"/api/v1/authorities/EMB-P/abolition", s.admin, map[string]any{"on": "1957-01-01", "successor": "SC", "reason": "r"}, "successor", "successor", "on"},
			{"/api/v1/obligations/overdue-flags", s.admin, map[string]any{"on": "1956-04-01"}, "on", "", "on"},
		}
		before := s.auditCount()
		for _, e := range endpoints {
			expectSpoiledRefused(t, s, e)
		}
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d entries before, %d after", before, after)
		}
	})
}

// TestAccreditationBoundary — a petition counts only if its sponsor was
// accredited on the filing date: revoked the day before or on that day it
// does not, revoked the day after it does. The case is accepted either way
// and says so.
func TestAccreditationBoundary(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		for _, tc := range []struct {
			sponsor, revoked string
			counts           bool
		}{
			{"DAYBEFORE", "1938-03-09", false},
			{"SAMEDAY", "1938-03-10", false},
			{"DAYAFTER", "1938-03-11", true},
			{"NEVER", "", true},
		} {
			s.setupSponsor(tc.sponsor, "Sponsor "+tc.sponsor, "VRD", "1935-01-01")
			if tc.revoked != "" {
				sp := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/sponsors/"+tc.sponsor, nil).JSON()
				acc := id(sp["accreditations"].([]any)[0].(map[string]any))
				s.must(http.StatusOK, s.admin, "POST", path("/api/v1/sponsors/%s/accreditations/%d/revocation", tc.sponsor, acc),
					map[string]any{"revoked_on": tc.revoked, "reason": "irregularities"})
				got := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/sponsors/"+tc.sponsor, nil).JSON()
				if got["accreditations"].([]any)[0].(map[string]any)["revoked_on"] != tc.revoked {
					t.Fatalf("sponsor = %v", got)
				}
			}
			c := s.fileCase(vrd.clerk, "VRD", p, "1938-03-10", map[string]any{"sponsor": tc.sponsor, "filed_on": "1938-03-10"})
			if c["petition"].(map[string]any)["accredited"] != tc.counts {
				t.Errorf("%s revoked %s, filed 1938-03-10: petition = %v, want accredited %v", tc.sponsor, tc.revoked, c["petition"], tc.counts)
			}
			again := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/cases/%d", id(c)), nil).JSON()
			if again["petition"].(map[string]any)["accredited"] != tc.counts {
				t.Errorf("%s: read back %v", tc.sponsor, again["petition"])
			}
		}
	})
}
