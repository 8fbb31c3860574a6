package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestS4 — transfer of an abolished office's functions: the legalisation
// commission LC is abolished on 1936-06-01 and its functions pass to the
// special commission SC. Its pending cases and person files move to SC with
// their history; an appeal against its decision and a case filed late with
// an earlier date go to SC too; an act of LC dated on or after the transfer
// is refused with a clear error, one dated the day before is not.
func TestS4(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s.setupAuthority("MJ", "ministry", "", "1920-01-01")
		lc := s.setupAuthority("LC", "commission", "MJ", "1930-01-01", "legalisation")
		sc := s.setupAuthority("SC", "commission", "MJ", "1936-05-01")
		filed := s.fileType(lc, "legalisation", s.citizen(lc, "Rudolf", "Weiss", "AT"), "1936-03-02")
		s.must(http.StatusOK, lc.clerk, "POST", path("/api/v1/cases/%d/evidence", filed), map[string]any{
			"kind": "document", "claim": "Birth certificate submitted for legalisation.", "source": "applicant", "received_on": "1936-03-02"})
		reviewed := s.fileType(lc, "legalisation", s.citizen(lc, "Greta", "Haas", "AT"), "1936-04-01")
		s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/review", reviewed), nil)
		decided := s.fileType(lc, "legalisation", s.citizen(lc, "Paul", "Brenner", "AT"), "1936-04-10")
		s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
			"outcome": "grant", "grounds": "Signatures verified.", "decided_on": "1936-05-20"}))
		closing := s.fileType(lc, "legalisation", s.citizen(lc, "Hans", "Gruber", "AT"), "1936-04-12")
		s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/decision", closing), byHand(map[string]any{
			"outcome": "grant", "grounds": "Signatures verified.", "decided_on": "1936-05-21"}))
		before := s.must(http.StatusOK, lc.officer, "GET", path("/api/v1/cases/%d", filed), nil).JSON()

		t.Run("step1_abolished_with_successor", func(t *testing.T) {
			s := s.with(t)
			r := s.must(http.StatusOK, s.head("MJ"), "POST", "/api/v1/authorities/LC/abolition", map[string]any{
				"on": "1936-06-01", "successor": "SC", "reason": "Decree No. 12/1936 on the special commission"}).JSON()
			moved := r["moved_cases"].([]any)
			if len(moved) != 2 || int64(moved[0].(float64)) != filed || int64(moved[1].(float64)) != reviewed {
				t.Fatalf("moved cases = %v", r)
			}
			if r["moved_persons"] != 4.0 {
				t.Fatalf("person files passed to SC = %v", r["moved_persons"])
			}
			a := s.must(http.StatusOK, lc.officer, "GET", "/api/v1/authorities/LC", nil).JSON()
			if a["valid_to"] != "1936-05-31" || a["successor"] != "SC" || a["abolished_on"] != "1936-06-01" {
				t.Fatalf("LC = %v", a)
			}
			succ := s.must(http.StatusOK, sc.officer, "GET", "/api/v1/authorities/SC", nil).JSON()
			if types := succ["case_types"].([]any); len(types) != 1 || types[0] != "legalisation" {
				t.Fatalf("SC took over %v", succ["case_types"])
			}
		})
		t.Run("step2_pending_cases_rerouted_with_history", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/cases/%d", filed), nil).JSON()
			tr := c["transfers"].([]any)
			if c["authority"] != "SC" || c["state"] != "filed" || len(tr) != 1 || len(c["evidence"].([]any)) != 1 ||
				c["version"].(float64) != before["version"].(float64)+1 {
				t.Fatalf("moved case = %v", c)
			}
			move := tr[0].(map[string]any)
			if move["kind"] != "succession" || move["from"] != "LC" || move["to"] != "SC" || move["on"] != "1936-06-01" ||
				!strings.Contains(move["reason"].(string), "functions of LC passed to SC on 1936-06-01") {
				t.Fatalf("transfer = %v", move)
			}
			if r := s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/cases/%d", reviewed), nil).JSON(); r["state"] != "in_review" {
				t.Fatalf("reviewed case = %v", r)
			}
			if d := s.must(http.StatusOK, lc.officer, "GET", path("/api/v1/cases/%d", decided), nil).JSON(); d["authority"] != "LC" {
				t.Fatalf("a decided case stays where it was decided: %v", d)
			}
			s.must(http.StatusNotFound, lc.officer, "GET", path("/api/v1/cases/%d", filed), nil)
		})
		t.Run("step3_appeal_goes_to_successor", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, lc.clerk, "POST", path("/api/v1/cases/%d/appeal", decided), map[string]any{
				"grounds": "The seal was not checked.", "lodged_on": "1936-05-25"}).JSON()
			tr := c["transfers"].([]any)
			if c["authority"] != "SC" || c["state"] != "in_review" || len(tr) != 1 {
				t.Fatalf("appealed case = %v", c)
			}
			if move := tr[0].(map[string]any); move["kind"] != "succession" || move["to"] != "SC" || move["on"] != "1936-06-01" {
				t.Fatalf("transfer = %v", move)
			}
			s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/cases/%d", decided), nil)
			s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/persons/%d", int64(c["person_id"].(float64))), nil)
		})
		t.Run("step3_old_commission_refused_after_transfer", func(t *testing.T) {
			s := s.with(t)
			audit := s.auditCount()
			for _, on := range []string{"1936-06-01", "1936-07-15"} {
				r := s.call(lc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
					"outcome": "deny", "grounds": "Seal not genuine.", "decided_on": on}))
				if r.Status != http.StatusNotFound {
					t.Fatalf("decision by LC on %s of a case now at SC: %s", on, r)
				}
				r = s.call(lc.officer, "POST", path("/api/v1/cases/%d/close", closing), map[string]any{
					"reason": "Legalised document collected.", "closed_on": on})
				if r.Status != http.StatusForbidden || r.JSON()["detail"] != "LC cannot close a case on "+on+": functions of LC passed to SC on 1936-06-01" {
					t.Fatalf("closing by LC on %s: %s", on, r)
				}
			}
			if s.auditCount() != audit {
				t.Fatal("a refused act changed the audit log")
			}
			s.must(http.StatusOK, lc.officer, "POST", path("/api/v1/cases/%d/close", closing), map[string]any{
				"reason": "Legalised document collected (closed on LC's last day, recorded late).", "closed_on": "1936-05-31"})
		})
		t.Run("step4_successor_decides", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, sc.officer, "POST", path("/api/v1/cases/%d/decision", filed), byHand(map[string]any{
				"outcome": "grant", "grounds": "Legalised by the special commission.", "decided_on": "1936-06-01"})).JSON()
			if c["state"] != "decided" || c["decisions"].([]any)[0].(map[string]any)["decided_by"] != "SC-officer" {
				t.Fatalf("decided by SC = %v", c)
			}
			r := s.must(http.StatusUnprocessableEntity, sc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
				"outcome": "deny", "grounds": "Seal not genuine.", "decided_on": "1936-05-31"}))
			if f := problemFields(r); f["body.decided_on"] != "is before the case came to SC (1936-06-01)" {
				t.Fatalf("appeal decided by SC before it came to SC: %s", r)
			}
			s.must(http.StatusOK, sc.officer, "POST", path("/api/v1/cases/%d/decision", decided), byHand(map[string]any{
				"outcome": "deny", "grounds": "Seal not genuine.", "decided_on": "1936-06-02"}))
			r = s.must(http.StatusUnprocessableEntity, lc.clerk, "POST", "/api/v1/cases", map[string]any{
				"type": "legalisation", "person_id": 1, "authority": "LC", "filed_on": "1936-06-02"})
			if f := problemFields(r); f["body.filed_on"] != "functions of LC passed to SC on 1936-06-01" {
				t.Fatalf("filing with LC after the transfer: %s", r)
			}
		})
		t.Run("step4_late_filing_goes_to_successor", func(t *testing.T) {
			s := s.with(t)
			r := s.call(lc.clerk, "POST", "/api/v1/cases", map[string]any{
				"type": "legalisation", "person_id": 1, "authority": "LC", "filed_on": "1936-05-28"})
			if r.Status != http.StatusUnprocessableEntity || problemFields(r)["body.person_id"] == "" {
				t.Fatalf("LC's clerk filing for a person whose file passed to SC: %s", r)
			}
			c := s.fileType(office{code: "LC", clerk: sc.clerk}, "legalisation", 1, "1936-05-28")
			got := s.must(http.StatusOK, sc.officer, "GET", path("/api/v1/cases/%d", c), nil).JSON()
			tr := got["transfers"].([]any)
			if got["authority"] != "SC" || got["filed_on"] != "1936-05-28" || len(tr) != 1 || tr[0].(map[string]any)["on"] != "1936-06-01" {
				t.Fatalf("case filed late with an earlier date = %v", got)
			}
		})
		t.Run("refusals_change_nothing", func(t *testing.T) {
			s := s.with(t)
			scHead := s.head("SC")
			audit := s.auditCount()
			for name, tc := range map[string]struct {
				token, code string
				body        map[string]any
				status      int
			}{
				"again":            {s.admin, "LC", map[string]any{"on": "1936-07-01", "successor": "SC", "reason": "r"}, http.StatusConflict},
				"officer":          {sc.officer, "SC", map[string]any{"on": "1937-01-01", "successor": "MJ", "reason": "r"}, http.StatusForbidden},
				"head elsewhere":   {scHead, "MJ", map[string]any{"on": "1937-01-01", "successor": "SC", "reason": "r"}, http.StatusNotFound},
				"unknown":          {s.admin, "NOPE", map[string]any{"on": "1937-01-01", "successor": "SC", "reason": "r"}, http.StatusNotFound},
				"self":             {s.admin, "SC", map[string]any{"on": "1937-01-01", "successor": "SC", "reason": "r"}, http.StatusUnprocessableEntity},
				"no successor":     {s.admin, "SC", map[string]any{"on": "1937-01-01", "successor": "XX", "reason": "r"}, http.StatusUnprocessableEntity},
				"before it began":  {s.admin, "SC", map[string]any{"on": "1936-05-01", "successor": "MJ", "reason": "r"}, http.StatusUnprocessableEntity},
				"successor gone":   {s.admin, "SC", map[string]any{"on": "1937-01-01", "successor": "LC", "reason": "r"}, http.StatusUnprocessableEntity},
				"impossible date":  {s.admin, "SC", map[string]any{"on": "1937-02-30", "successor": "MJ", "reason": "r"}, http.StatusUnprocessableEntity},
				"missing reason":   {s.admin, "SC", map[string]any{"on": "1937-01-01", "successor": "MJ"}, http.StatusUnprocessableEntity},
				"unknown field":    {s.admin, "SC", map[string]any{"on": "1937-01-01", "successor": "MJ", "reason": "r", "x": 1}, http.StatusUnprocessableEntity},
				"successor number": {s.admin, "SC", map[string]any{"on": "1937-01-01", "successor": 7, "reason": "r"}, http.StatusUnprocessableEntity},
			} {
				r := s.malformed().call(tc.token, "POST", "/api/v1/authorities/"+tc.code+"/abolition", tc.body)
				if r.Status != tc.status {
					t.Errorf("%s: got %s, want %d", name, r, tc.status)
				}
				expectProblem(t, name, r)
			}
			if s.auditCount() != audit {
				t.Fatal("a refused abolition changed the audit log")
			}
		})
	})
}
