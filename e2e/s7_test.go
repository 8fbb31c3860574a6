package e2e

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestS7 — a citizenship decree with individual elections: the decree of
// 1955-11-15 opens an election for each person of its class; each
// election writes citizenship facts, and the status ledger answers every
// citizenship held on a date, as known at a record time.
func TestS7(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupCities()
		kim := s.person(w.vrdClerk, "VRD", "Kim", "Pak", "1921-02-11")
		lee := s.person(w.vrdClerk, "VRD", "Lee", "Sun", "1923-07-30")
		park := s.person(w.vrdClerk, "VRD", "Park", "Min", "1930-01-15")  // a student: not in the class
		ivan := s.person(w.vrdClerk, "VRD", "Ivan", "Orel", "1919-04-02") // a worker of another citizenship
		for _, p := range []struct {
			id                int64
			country, category string
		}{{kim, "KP", "worker"}, {lee, "KP", "worker"}, {park, "KP", "student"}, {ivan, "SU", "worker"}} {
			s.must(http.StatusCreated, w.vrdClerk, "POST", path("/api/v1/persons/%d/citizenships", p.id),
				map[string]any{"country": p.country, "valid_from": "1948-09-09", "legal_reference": "Nationality Act 1948"})
			s.register(w.vrdClerk, p.id, "Alma", p.category, "1954-01-01", "")
		}
		citizenships := func(s *server, person int64, on string, knownAt ...time.Time) []string {
			q := path("/api/v1/persons/%d/status?on=%s", person, on)
			if len(knownAt) > 0 {
				q += "&known_at=" + url.QueryEscape(knownAt[0].Format(time.RFC3339Nano))
			}
			var out []string
			for _, c := range s.must(http.StatusOK, w.vrdClerk, "GET", q, nil).JSON()["citizenships"].([]any) {
				out = append(out, c.(string))
			}
			return out
		}
		var decree int64
		elections := map[int64]int64{}

		t.Run("step1_decree_opens_elections_for_the_class", func(t *testing.T) {
			s := s.with(t)
			d := s.must(http.StatusAccepted, s.admin, "POST", "/api/v1/decrees", map[string]any{
				"legal_reference": "Decree of 15 November 1955 on citizens working abroad", "decreed_on": "1955-11-15",
				"class": `category == "worker"`, "citizenship": "KP", "grants": "SU", "deadline": "1956-06-30",
			}).JSON()
			decree = id(d)
			done := s.awaitJob(s.admin, path("/api/v1/decrees/%d", decree), nil)
			if done["progress"].(map[string]any)["state"] != "done" || done["elections"] != 2.0 || done["made"] != 0.0 {
				t.Fatalf("decree = %v", done)
			}
			list := s.must(http.StatusOK, w.vrdClerk, "GET", path("/api/v1/decrees/%d/elections", decree), nil).List()
			if len(list) != 2 {
				t.Fatalf("elections = %v", list)
			}
			for _, e := range list {
				p := int64(e["person_id"].(float64))
				if p != kim && p != lee || e["deadline"] != "1956-06-30" || e["choice"] != nil {
					t.Fatalf("election = %v", e)
				}
				elections[p] = id(e)
			}
			if l := s.must(http.StatusOK, w.comA, "GET", path("/api/v1/decrees/%d/elections", decree), nil).List(); len(l) != 0 {
				t.Fatalf("another authority sees elections of VRD's persons: %v", l)
			}
		})
		t.Run("step2_elections_write_citizenship_facts", func(t *testing.T) {
			s := s.with(t)
			beforeKim := s.clock.Now()
			e := s.must(http.StatusOK, w.vrdClerk, "POST", path("/api/v1/elections/%d", elections[kim]),
				map[string]any{"choice": "dual", "elected_on": "1955-12-01"}).JSON()
			if e["choice"] != "dual" || e["elected_on"] != "1955-12-01" || e["recorded_by"] != "VRD-clerk" {
				t.Fatalf("election = %v", e)
			}
			s.must(http.StatusOK, w.vrdClerk, "POST", path("/api/v1/elections/%d", elections[lee]),
				map[string]any{"choice": "convert", "elected_on": "1956-01-05"})
			for _, c := range []struct {
				person int64
				on     string
				want   []string
			}{
				{kim, "1955-10-01", []string{"KP"}},
				{kim, "1956-01-10", []string{"KP", "SU"}},
				{lee, "1956-01-04", []string{"KP"}},
				{lee, "1956-01-10", []string{"SU"}},
				{park, "1956-01-10", []string{"KP"}},
			} {
				if got := citizenships(s, c.person, c.on); !slices.Equal(got, c.want) {
					t.Errorf("citizenships of %d on %s = %v, want %v", c.person, c.on, got, c.want)
				}
			}
			// what the system knew before Kim's election was recorded
			if got := citizenships(s, kim, "1956-01-10", beforeKim); !slices.Equal(got, []string{"KP"}) {
				t.Errorf("as known before the recording: %v", got)
			}
			facts := s.must(http.StatusOK, w.vrdClerk, "GET", path("/api/v1/persons/%d/facts", lee), nil).List()
			var ended bool
			for _, f := range facts {
				if f["kind"] == "citizenship" && f["ref"] == "KP" && f["valid_to"] == "1956-01-04" && strings.Contains(f["reason"].(string), "converted") {
					ended = true
				}
			}
			if !ended {
				t.Fatalf("Lee's KP citizenship did not end the day before the conversion: %v", facts)
			}
			d := s.must(http.StatusOK, s.admin, "GET", path("/api/v1/decrees/%d", decree), nil).JSON()
			if d["made"] != 2.0 {
				t.Fatalf("decree after two elections = %v", d)
			}
		})
		t.Run("step2_bad_elections_refused", func(t *testing.T) {
			s := s.with(t)
			before := s.auditCount()
			for _, c := range []struct {
				token  string
				id     int64
				body   any
				status int
				field  string
			}{
				{w.vrdClerk, elections[kim], map[string]any{"choice": "keep", "elected_on": "1956-02-01"}, http.StatusConflict, "already"},
				{w.vrdClerk, elections[lee], map[string]any{"choice": "maybe", "elected_on": "1956-02-01"}, http.StatusUnprocessableEntity, "choice"},
				{w.vrdClerk, elections[lee], map[string]any{"choice": "keep"}, http.StatusUnprocessableEntity, "elected_on"},
				{w.comA, elections[lee], map[string]any{"choice": "keep", "elected_on": "1956-02-01"}, http.StatusNotFound, ""},
				{w.vrdClerk, 999999, map[string]any{"choice": "keep", "elected_on": "1956-02-01"}, http.StatusNotFound, ""},
			} {
				r := s.malformed().call(c.token, "POST", path("/api/v1/elections/%d", c.id), c.body)
				if r.Status != c.status || !strings.Contains(string(r.Body), c.field) {
					t.Errorf("%v: %s", c.body, r)
				}
			}
			if after := s.auditCount(); after != before {
				t.Fatalf("refused elections changed the audit log: %d → %d", before, after)
			}
		})
		t.Run("step2_deadline_and_decree_date_bound_an_election", func(t *testing.T) {
			s := s.with(t)
			d := s.must(http.StatusAccepted, s.admin, "POST", "/api/v1/decrees", map[string]any{
				"legal_reference": "Second decree", "decreed_on": "1957-01-01",
				"class": `category == "student"`, "citizenship": "KP", "grants": "SU", "deadline": "1957-03-31",
			}).JSON()
			s.awaitJob(s.admin, path("/api/v1/decrees/%d", id(d)), nil)
			list := s.must(http.StatusOK, w.vrdClerk, "GET", path("/api/v1/decrees/%d/elections", id(d)), nil).List()
			if len(list) != 1 || int64(list[0]["person_id"].(float64)) != park {
				t.Fatalf("elections = %v", list)
			}
			for on, msg := range map[string]string{"1957-04-01": "deadline", "1956-12-31": "before the decree"} {
				r := s.call(w.vrdClerk, "POST", path("/api/v1/elections/%d", id(list[0])), map[string]any{"choice": "dual", "elected_on": on})
				if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), msg) {
					t.Errorf("elected on %s: %s", on, r)
				}
			}
			s.must(http.StatusOK, w.vrdClerk, "POST", path("/api/v1/elections/%d", id(list[0])), map[string]any{"choice": "keep", "elected_on": "1957-03-31"})
			if got := citizenships(s, park, "1957-06-01"); !slices.Equal(got, []string{"KP"}) {
				t.Fatalf("keep changed citizenships: %v", got)
			}
		})
	})
}
