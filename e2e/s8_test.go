package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestS8 — return requests decided by an embassy under delegation: HQ
// delegates to EMB-P with conditions and a 14-day report, EMB-P decides three
// requests locally, owes a report for each (an overdue one is flagged on HQ's
// list), refers one that fails conditions to HQ, and keeps the stated reason
// and other sources side by side; when HQ revokes the delegation, EMB-P's
// open requests go back to HQ, visibly, and a revocation dated before
// decisions taken under it is refused.
func TestS8(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		var decided [3]int64
		var obligations [3]int64

		t.Run("step1_delegation", func(t *testing.T) {
			s := s.with(t)
			d := s.must(http.StatusOK, w.emb.officer, "GET", path("/api/v1/delegations/%d", w.delegation), nil).JSON()
			scope := d["scope"].(map[string]any)
			if d["from"] != "HQ" || d["to"] != "EMB-P" || d["valid_from"] != "1956-02-10" ||
				scope["case_types"].([]any)[0] != "return_request" || len(d["conditions"].([]any)) != 4 ||
				d["obligations"].([]any)[0].(map[string]any)["within_days"] != 14.0 {
				t.Fatalf("delegation = %v", d)
			}
			sub := s.must(http.StatusOK, w.emb.clerk, "GET", "/api/v1/authorities/HQ/subordinates", nil).List()
			if len(sub) != 1 || sub[0]["code"] != "EMB-P" || sub[0]["parent"] != "HQ" || len(sub[0]["case_types"].([]any)) != 0 {
				t.Fatalf("under HQ = %v", sub)
			}
			list := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/delegations?authority=EMB-P", nil).List()
			if len(list) != 1 || id(list[0]) != w.delegation {
				t.Fatalf("delegations of EMB-P = %v", list)
			}
		})
		t.Run("step2_three_decided_locally", func(t *testing.T) {
			s := s.with(t)
			people := [][2]string{{"Karel", "Dvorak"}, {"Milena", "Horak"}, {"Tomas", "Blaha"}}
			for i, p := range people {
				decided[i] = s.returnRequest(w, p[0], p[1], "1956-02-20")
				on := []string{"1956-03-01", "1956-03-02", "1956-03-05"}[i]
				c := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", decided[i]),
					decisionUnder("grant", on, "Return granted: contract ended.")).JSON()
				dec := c["decisions"].([]any)[0].(map[string]any)
				if c["state"] != "decided" || id(map[string]any{"id": dec["delegation_id"]}) != w.delegation || dec["permit"] != nil {
					t.Fatalf("decided case = %v", c)
				}
				obls := c["obligations"].([]any)
				if len(obls) != 1 {
					t.Fatalf("obligations = %v", obls)
				}
				o := obls[0].(map[string]any)
				obligations[i] = id(o)
				if o["owed_to"] != "HQ" || o["obligor"] != "EMB-P" || o["person"] != p[0]+" "+p[1] ||
					o["reason"] != "Return granted: contract ended." || !strings.Contains(o["description"].(string), p[0]+" "+p[1]) {
					t.Fatalf("obligation = %v", o)
				}
			}
		})
		t.Run("step2_report_due_in_14_days", func(t *testing.T) {
			s := s.with(t)
			o := s.must(http.StatusOK, w.hq.officer, "GET", path("/api/v1/obligations/%d", obligations[0]), nil).JSON()
			if o["due_on"] != "1956-03-15" {
				t.Fatalf("decided 1956-03-01, report due %v", o["due_on"])
			}
			if l := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-15", nil).List(); len(l) != 0 {
				t.Fatalf("overdue on the due date = %v", l)
			}
			l := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-16", nil).List()
			if len(l) != 1 || id(l[0]) != obligations[0] {
				t.Fatalf("overdue the day after = %v", l)
			}
		})
		t.Run("step2_report_fulfilled", func(t *testing.T) {
			s := s.with(t)
			o := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/obligations/%d/fulfilment", obligations[1]),
				map[string]any{"report_ref": "25-S-207", "fulfilled_on": "1956-03-10"}).JSON()
			if o["report_ref"] != "25-S-207" || o["fulfilled_on"] != "1956-03-10" {
				t.Fatalf("fulfilled = %v", o)
			}
			l := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-20", nil).List()
			if len(l) != 2 || id(l[0]) != obligations[0] || id(l[1]) != obligations[2] {
				t.Fatalf("overdue on 1956-03-20 = %v", l)
			}
		})
		t.Run("step2_overdue_flagged", func(t *testing.T) {
			s := s.with(t)
			flagged := s.must(http.StatusOK, s.admin, "POST", "/api/v1/obligations/overdue-flags", map[string]any{"on": "1956-03-16"}).List()
			if len(flagged) != 1 || id(flagged[0]) != obligations[0] || flagged[0]["flagged_on"] != "1956-03-16" {
				t.Fatalf("flagged = %v", flagged)
			}
			again := s.must(http.StatusOK, s.admin, "POST", "/api/v1/obligations/overdue-flags", map[string]any{"on": "1956-03-17"}).List()
			if len(again) != 0 {
				t.Fatalf("flagged twice: %v", again)
			}
			l := s.must(http.StatusOK, w.hq.officer, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-20", nil).List()
			if l[0]["flagged_on"] != "1956-03-16" || l[1]["flagged_on"] != nil {
				t.Fatalf("HQ's overdue list = %v", l)
			}
		})
		t.Run("step3_failed_conditions_refer_to_HQ", func(t *testing.T) {
			s := s.with(t)
			c := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Ivan", "Kral", "CS"), "1956-03-01")
			s.must(http.StatusOK, w.emb.clerk, "POST", path("/api/v1/cases/%d/evidence", c), map[string]any{
				"kind": "liability", "claim": "Misconduct proceedings pending before the HOST labour court.",
				"source": "HOST labour inspectorate", "received_on": "1956-03-02"})
			before := s.auditCount()
			r := s.call(w.emb.officer, "POST", path("/api/v1/cases/%d/decision", c), decisionUnder("grant", "1956-03-06", "Return granted."))
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.JSON()["detail"].(string), "refer the case to HQ") {
				t.Fatalf("decision failing conditions: %s", r)
			}
			failed := problemFields(r)
			if len(failed) != 2 || !strings.Contains(failed["body.conditions.host_concurrence"], "concurrence of the HOST authorities") ||
				!strings.Contains(failed["body.conditions.no_pending_liability"], "unless the decision gives reasons") {
				t.Fatalf("failed conditions = %v", failed)
			}
			if s.auditCount() != before {
				t.Fatal("a refused decision changed the audit log")
			}
			got := s.must(http.StatusOK, w.emb.officer, "GET", path("/api/v1/cases/%d", c), nil)
			if got.JSON()["state"] != "filed" || len(got.JSON()["decisions"].([]any)) != 0 {
				t.Fatalf("case after refusal = %v", got)
			}
			ref := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/referral", c),
				map[string]any{"referred_on": "1956-03-06", "reason": "Delegation conditions not met: no HOST concurrence, liability pending."},
				"If-Match: "+got.Header.Get("ETag")).JSON()
			tr := ref["transfers"].([]any)
			if ref["authority"] != "HQ" || len(tr) != 1 || tr[0].(map[string]any)["kind"] != "referral" ||
				tr[0].(map[string]any)["from"] != "EMB-P" || len(ref["evidence"].([]any)) != 1 {
				t.Fatalf("referred case = %v", ref)
			}
			s.must(http.StatusNotFound, w.emb.officer, "GET", path("/api/v1/cases/%d", c), nil)
			hq := s.must(http.StatusOK, w.hq.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "deny", "grounds": "Proceedings pending; return deferred until they end.", "decided_on": "1956-03-12"})).JSON()
			dec := hq["decisions"].([]any)[0].(map[string]any)
			if dec["delegation_id"] != nil || len(hq["obligations"].([]any)) != 0 {
				t.Fatalf("HQ's own decision = %v", hq)
			}
		})
		t.Run("step4_stated_reason_and_other_source", func(t *testing.T) {
			s := s.with(t)
			c := s.returnRequest(w, "Jana", "Novotna", "1956-03-01")
			for _, e := range []map[string]any{
				{"kind": "stated", "claim": "Requests return because of illness.", "source": "the applicant", "received_on": "1956-03-01"},
				{"kind": "other_source", "claim": "Released from work for misconduct.", "source": "HOST employer's letter No. 45", "received_on": "1956-03-04"},
			} {
				s.must(http.StatusOK, w.emb.clerk, "POST", path("/api/v1/cases/%d/evidence", c), e)
			}
			ev := s.must(http.StatusOK, w.emb.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()["evidence"].([]any)
			if len(ev) != 2 {
				t.Fatalf("evidence = %v", ev)
			}
			stated, other := ev[0].(map[string]any), ev[1].(map[string]any)
			if stated["kind"] != "stated" || stated["source"] != "the applicant" || stated["received_on"] != "1956-03-01" ||
				!strings.Contains(stated["claim"].(string), "illness") {
				t.Fatalf("stated reason = %v", stated)
			}
			if other["kind"] != "other_source" || other["source"] != "HOST employer's letter No. 45" ||
				other["received_on"] != "1956-03-04" || !strings.Contains(other["claim"].(string), "misconduct") {
				t.Fatalf("other source = %v", other)
			}
		})
		t.Run("step5_revocation_returns_open_requests", func(t *testing.T) {
			s := s.with(t)
			open := s.must(http.StatusOK, w.emb.officer, "GET", "/api/v1/cases?state=filed", nil).List()
			if len(open) != 1 {
				t.Fatalf("EMB-P's open requests = %v", open)
			}
			c := id(open[0])
			audit := s.auditCount()
			r := s.must(http.StatusConflict, w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
				map[string]any{"revoked_on": "1956-03-02", "reason": "Back-dated"})
			if f := problemFields(r)["body.revoked_on"]; !strings.Contains(f, "2 decision(s)") || !strings.Contains(f, "decided 1956-03-05") {
				t.Fatalf("revocation dated before decisions taken under the delegation: %s", r)
			}
			if s.auditCount() != audit {
				t.Fatal("a refused revocation changed the audit log")
			}
			s.must(http.StatusOK, w.hqHead, "POST", path("/api/v1/delegations/%d/revocation", w.delegation),
				map[string]any{"revoked_on": "1956-04-01", "reason": "Embassy staff reduced"})
			if l := s.must(http.StatusOK, w.emb.officer, "GET", "/api/v1/cases?state=filed", nil).List(); len(l) != 0 {
				t.Fatalf("EMB-P still holds %v", l)
			}
			s.must(http.StatusNotFound, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", c),
				decisionUnder("grant", "1956-04-02", "Return granted."))
			back := s.must(http.StatusOK, w.hq.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
			tr := back["transfers"].([]any)
			move, _ := tr[len(tr)-1].(map[string]any)
			if back["authority"] != "HQ" || move["kind"] != "return" || move["from"] != "EMB-P" || move["on"] != "1956-04-01" ||
				!strings.Contains(move["reason"].(string), "revoked on 1956-04-01: Embassy staff reduced") || len(back["evidence"].([]any)) != 2 {
				t.Fatalf("returned request = %v", back)
			}
			auditor := s.user("s8-auditor", "auditor", "", "top_secret")
			if l := s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?object=case/%d&action=delegations.manage", c), nil).List(); len(l) != 1 {
				t.Fatalf("audit of the return = %v", l)
			}
			s.must(http.StatusOK, w.hq.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "grant", "grounds": "Return granted by HQ.", "decided_on": "1956-04-01"}))
		})
	})
}

// problemFields maps the locations of a problem's error details to their
// messages.
func problemFields(r response) map[string]string {
	out := map[string]string{}
	errs, _ := r.JSON()["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		loc, _ := m["location"].(string)
		msg, _ := m["message"].(string)
		out[loc] = msg
	}
	return out
}
