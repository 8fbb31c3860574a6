package e2e

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"sojourn"
)

// TestOneRecordTimePerChange — every row one change writes carries the
// same record time, and so does its audit entry, for every kind of change;
// the status as known at that time includes what the change wrote. The
// test clock moves on every reading, so a second reading in one change
// would show as a different time.
func TestOneRecordTimePerChange(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		anna := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		// lastAudit is the time of the newest audit entry about an object.
		lastAudit := func(object string) string {
			l := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?object="+url.QueryEscape(object), nil).List()
			if len(l) == 0 {
				t.Fatalf("no audit entry for %s", object)
			}
			return l[len(l)-1]["at"].(string)
		}
		status := func(personID int64, on, knownAt string) map[string]any {
			q := url.Values{"on": {on}, "known_at": {knownAt}}
			return s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/status?%s", personID, q.Encode()), nil).JSON()
		}
		caseAt := func(token string, c int64) map[string]any {
			return s.must(http.StatusOK, token, "GET", path("/api/v1/cases/%d", c), nil).JSON()
		}
		last := func(m map[string]any, list string) map[string]any {
			l := m[list].([]any)
			return l[len(l)-1].(map[string]any)
		}

		t.Run("person", func(t *testing.T) {
			s := s.with(t)
			p := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d", anna), nil).JSON()
			sameTime(t, "registration", p["created_at"], lastAudit(path("person/%d", anna)))
		})
		t.Run("document", func(t *testing.T) {
			s := s.with(t)
			s.passport(vrd.clerk, anna, "CS-100", "1935-01-01", "1945-01-01")
			facts := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", anna), nil).List()
			at := facts[len(facts)-1]["recorded_at"].(string)
			sameTime(t, "document", at, lastAudit(path("person/%d", anna)))
			if st := status(anna, "1938-01-01", at); st["state"] == "no_legal_status" {
				t.Fatalf("status as known when the document was recorded = %v", st)
			}
		})
		var permitCase int64
		t.Run("filing", func(t *testing.T) {
			s := s.with(t)
			c := s.fileCase(vrd.clerk, "VRD", anna, "1937-11-02", nil)
			permitCase = id(c)
			sameTime(t, "filing", c["created_at"], c["updated_at"], lastAudit(path("case/%d", permitCase)))
		})
		t.Run("evidence", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/evidence", permitCase), map[string]any{
				"kind": "stated", "claim": "Works as a seamstress.", "source": "the applicant", "received_on": "1937-11-03"}).JSON()
			sameTime(t, "evidence", last(c, "evidence")["recorded_at"], c["updated_at"], lastAudit(path("case/%d", permitCase)))
		})
		t.Run("decision", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", permitCase), byHand(map[string]any{
				"outcome": "grant", "grounds": "Requirements met.", "decided_on": "1937-11-10",
				"permit_valid_from": "1937-11-10", "permit_valid_to": "1938-11-09"})).JSON()
			at := last(c, "decisions")["recorded_at"].(string)
			facts := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", anna), nil).List()
			sameTime(t, "decision", at, c["updated_at"], facts[len(facts)-1]["recorded_at"], lastAudit(path("case/%d", permitCase)))
			if st := status(anna, "1938-06-01", at); st["summary"] != "resident (permit R-000001) until 1938-11-09" {
				t.Fatalf("status as known at the decision's record time = %v", st)
			}
		})
		t.Run("appeal", func(t *testing.T) {
			s := s.with(t)
			c := s.must(http.StatusOK, vrd.clerk, "POST", path("/api/v1/cases/%d/appeal", permitCase), map[string]any{
				"grounds": "The permit term is too short.", "lodged_on": "1937-11-20"}).JSON()
			sameTime(t, "appeal", last(c, "evidence")["recorded_at"], c["updated_at"], lastAudit(path("case/%d", permitCase)))
		})
		t.Run("correction", func(t *testing.T) {
			s := s.with(t)
			facts := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", anna), nil).List()
			permit := facts[len(facts)-1]
			fixed := s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/facts/%d/corrections", anna, id(permit)),
				map[string]any{"valid_to": "1938-03-31", "reason": "Register entry corrected."}).JSON()
			facts = s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", anna), nil).List()
			var superseded any
			for _, f := range facts {
				if id(f) == id(permit) {
					superseded = f["superseded_at"]
				}
			}
			sameTime(t, "correction", fixed["recorded_at"], superseded, lastAudit(path("person/%d", anna)))
			if st := status(anna, "1938-01-01", fixed["recorded_at"].(string)); st["summary"] != "resident (permit R-000001) until 1938-03-31" {
				t.Fatalf("status as known at the correction's record time = %v", st)
			}
		})

		t.Run("concurrent_changes_each_their_own_time", func(t *testing.T) {
			s := s.with(t)
			// On SQLite concurrent writes share one commit (group commit);
			// each call still gets one record time of its own.
			cases := make([]int64, 16)
			for i := range cases {
				cases[i] = id(s.fileCase(vrd.clerk, "VRD", anna, "1939-01-02", nil))
			}
			var wg sync.WaitGroup
			results := make([]map[string]any, len(cases))
			for i, c := range cases {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := s.call(vrd.clerk, "POST", path("/api/v1/cases/%d/evidence", c), map[string]any{
						"kind": "stated", "claim": "Works as a tailor.", "source": "the applicant", "received_on": "1939-01-03"})
					if r.Status == http.StatusOK {
						results[i] = r.JSON()
					}
				}()
			}
			wg.Wait()
			seen := map[string]bool{}
			for i, c := range results {
				if c == nil {
					t.Fatalf("evidence on case %d was refused", cases[i])
				}
				at := last(c, "evidence")["recorded_at"].(string)
				sameTime(t, "concurrent evidence", at, c["updated_at"], lastAudit(path("case/%d", cases[i])))
				if seen[at] {
					t.Fatalf("two changes share the record time %s", at)
				}
				seen[at] = true
			}
		})

		w := s.setupS8()
		t.Run("delegation", func(t *testing.T) {
			s := s.with(t)
			d := s.must(http.StatusOK, w.hqHead, "GET", path("/api/v1/delegations/%d", w.delegation), nil).JSON()
			sameTime(t, "delegation", d["created_at"], lastAudit(path("delegation/%d", w.delegation)))
		})
		t.Run("concurrence", func(t *testing.T) {
			s := s.with(t)
			c := s.returnRequest(w, "Karel", "Dvorak", "1956-02-20")
			got := caseAt(w.emb.officer, c)
			sameTime(t, "concurrence", last(got, "concurrences")["recorded_at"], got["updated_at"], lastAudit(path("case/%d", c)))
		})
		t.Run("decision_under_delegation", func(t *testing.T) {
			s := s.with(t)
			c := s.returnRequest(w, "Milena", "Horak", "1956-02-20")
			got := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", c),
				decisionUnder("grant", "1956-03-01", "Return granted: contract ended.")).JSON()
			sameTime(t, "decision under delegation", last(got, "decisions")["recorded_at"], last(got, "obligations")["created_at"],
				got["updated_at"], lastAudit(path("case/%d", c)))
		})
		t.Run("referral", func(t *testing.T) {
			s := s.with(t)
			c := s.fileType(w.emb, "return_request", s.citizen(w.emb, "Ivan", "Kral", "CS"), "1956-03-01")
			got := s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/referral", c),
				map[string]any{"referred_on": "1956-03-06", "reason": "No HOST concurrence."}).JSON()
			sameTime(t, "referral", last(got, "transfers")["recorded_at"], got["updated_at"], lastAudit(path("case/%d", c)))
		})
		t.Run("abolition", func(t *testing.T) {
			s := s.with(t)
			s.setupAuthority("MJ", "ministry", "", "1920-01-01")
			lc := s.setupAuthority("LC", "commission", "MJ", "1930-01-01", "legalisation")
			sc := s.setupAuthority("SC", "commission", "MJ", "1936-05-01")
			first := s.fileType(lc, "legalisation", s.citizen(lc, "Rudolf", "Weiss", "AT"), "1936-03-02")
			second := s.fileType(lc, "legalisation", s.citizen(lc, "Greta", "Haas", "AT"), "1936-04-01")
			s.must(http.StatusOK, s.admin, "POST", "/api/v1/authorities/LC/abolition", map[string]any{
				"on": "1936-06-01", "successor": "SC", "reason": "Decree No. 12/1936"})
			a, b := caseAt(sc.officer, first), caseAt(sc.officer, second)
			sameTime(t, "abolition", last(a, "transfers")["recorded_at"], a["updated_at"], last(b, "transfers")["recorded_at"],
				b["updated_at"], lastAudit("authority/LC"), lastAudit(path("case/%d", first)), lastAudit(path("case/%d", second)))
		})
	})
}

// sameTime fails unless every value is the same instant (given as RFC 3339
// text, as the API writes times).
func sameTime(t *testing.T, what string, times ...any) {
	t.Helper()
	var first time.Time
	for i, v := range times {
		str, _ := v.(string)
		at, err := time.Parse(time.RFC3339Nano, str)
		if err != nil {
			t.Fatalf("%s: time %d is %v: %v", what, i, v, err)
		}
		if i == 0 {
			first = at
		} else if !at.Equal(first) {
			t.Fatalf("%s: record times differ: %v", what, times)
		}
	}
}
