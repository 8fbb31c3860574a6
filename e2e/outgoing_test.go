package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestOutgoingItems — a decision, a referral and an owed report of cases
// produce their outgoing item in the registry: a letter to the person, a
// memorandum to the authority referred to, a memorandum to the authority
// the report is owed to; each numbered in the sender's series, linked to
// the case and the person, naming its source, once; the case's
// correspondence lists them. Bad requests change nothing.
func TestOutgoingItems(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		series := id(s.must(http.StatusCreated, w.emHead, "POST", "/api/v1/correspondence/series",
			map[string]any{"authority": "EMB-P", "code": "out", "format": "{n}/emb"}).JSON())
		hqSeries := id(s.must(http.StatusCreated, w.hqHead, "POST", "/api/v1/correspondence/series",
			map[string]any{"authority": "HQ", "code": "hq", "format": "HQ-{n}"}).JSON())
		decided := s.returnRequest(w, "Karel", "Dvorak", "1956-02-20")
		c := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", decided),
			decisionUnder("grant", "1956-03-01", "Return granted: the HOST concurrence is on file.")).JSON()
		decision := id(c["decisions"].([]any)[0].(map[string]any))
		report := id(c["obligations"].([]any)[0].(map[string]any))
		referred := s.returnRequest(w, "Jana", "Novakova", "1956-02-21")
		ref := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/referral", referred),
			map[string]any{"referred_on": "1956-03-06", "reason": "Liability pending in the host country."}).JSON()
		referral := id(ref["transfers"].([]any)[0].(map[string]any))
		out := func(caseID int64, source string, sourceID int64) map[string]any {
			return map[string]any{"source": source, "source_id": sourceID, "series_id": series, "retention": "permanent"}
		}

		auditor := s.user("aud", "auditor", "", "top_secret")
		before := s.auditCount()
		for name, bad := range map[string]struct {
			token  string
			caseID int64
			body   map[string]any
			status int
		}{
			"no such decision":         {w.emb.officer, decided, out(decided, "decision", decision+100), http.StatusUnprocessableEntity},
			"decision of another case": {w.emb.officer, referred, out(referred, "decision", decision), http.StatusNotFound},
			"unknown source":           {w.emb.officer, decided, map[string]any{"source": "verdict", "source_id": decision, "series_id": series, "retention": "5y"}, http.StatusUnprocessableEntity},
			"no retention":             {w.emb.officer, decided, map[string]any{"source": "decision", "source_id": decision, "series_id": series}, http.StatusUnprocessableEntity},
			"series of another sender": {w.hqHead, decided, map[string]any{"source": "decision", "source_id": decision, "series_id": hqSeries, "retention": "5y"}, http.StatusNotFound},
			"by HQ in EMB-P's series":  {w.hq.officer, decided, out(decided, "decision", decision), http.StatusNotFound},
			"unknown case":             {w.emb.officer, 999999, out(999999, "decision", decision), http.StatusNotFound},
			"by an auditor":            {auditor, decided, out(decided, "decision", decision), http.StatusForbidden},
		} {
			if r := s.malformed().call(bad.token, "POST", path("/api/v1/cases/%d/outgoing", bad.caseID), bad.body); r.Status != bad.status {
				t.Errorf("%s: %s, want %d", name, r, bad.status)
			}
		}
		if s.auditCount() != before {
			t.Fatal("a refused request changed the audit log")
		}

		letter := s.must(http.StatusCreated, w.emb.clerk, "POST", path("/api/v1/cases/%d/outgoing", decided), out(decided, "decision", decision))
		if loc := letter.Header.Get("Location"); loc != path("/api/v1/correspondence/%d", id(letter.JSON())) {
			t.Fatalf("Location %q", loc)
		}
		l := letter.JSON()
		person := c["person_id"].(float64)
		if l["kind"] != "letter" || l["direction"] != "outgoing" || l["number"] != "1/emb" || l["date"] != "1956-03-01" ||
			l["addressee"].(map[string]any)["person_id"] != person || l["sender"].(map[string]any)["authority"] != "EMB-P" ||
			!strings.Contains(l["body"].(string), "HOST concurrence is on file") || len(l["links"].([]any)) != 2 ||
			l["source"].(map[string]any)["kind"] != "decision" || id(l["source"].(map[string]any)) != decision {
			t.Fatalf("decision letter = %v", l)
		}
		if r := s.call(w.emb.clerk, "POST", path("/api/v1/cases/%d/outgoing", decided), out(decided, "decision", decision)); r.Status != http.StatusConflict {
			t.Fatalf("a second letter for one decision: %s", r)
		}
		m := s.must(http.StatusCreated, w.emb.clerk, "POST", path("/api/v1/cases/%d/outgoing", decided), out(decided, "report", report)).JSON()
		if m["kind"] != "memorandum" || m["number"] != "2/emb" || m["addressee"].(map[string]any)["authority"] != "HQ" ||
			!strings.Contains(m["subject"].(string), "Report on case") {
			t.Fatalf("report memorandum = %v", m)
		}
		// EMB-P no longer reads the case it referred, but sends the memorandum of its referral
		r := s.must(http.StatusCreated, w.emb.clerk, "POST", path("/api/v1/cases/%d/outgoing", referred), out(referred, "referral", referral)).JSON()
		if r["number"] != "3/emb" || r["addressee"].(map[string]any)["authority"] != "HQ" || r["date"] != "1956-03-06" ||
			!strings.Contains(r["body"].(string), "Liability pending") {
			t.Fatalf("referral memorandum = %v", r)
		}
		if list := s.must(http.StatusOK, w.emb.officer, "GET", path("/api/v1/cases/%d/correspondence", decided), nil).List(); len(list) != 2 {
			t.Fatalf("the case's correspondence = %v", list)
		}
		// the memorandum is in EMB-P's registry, linked to the case HQ now holds: HQ does not read EMB-P's registry
		if list := s.must(http.StatusOK, w.hq.officer, "GET", path("/api/v1/cases/%d/correspondence", referred), nil).List(); len(list) != 0 {
			t.Fatalf("the referred case's correspondence, read by HQ = %v", list)
		}
		if links := s.must(http.StatusOK, w.emb.clerk, "GET", path("/api/v1/correspondence/%d", id(r)), nil).JSON()["links"].([]any); len(links) != 2 {
			t.Fatalf("the referral memorandum's links = %v", links)
		}
		if report, err := s.verifyRows(); err != nil {
			t.Fatalf("audit log: %v (%+v)", err, report)
		}
	})
}
