package e2e

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sojourn"
)

// mergeWorld is two files of one person at VRD, one in Cyrillic and one
// in Latin, each with a granted case, a passport and a letter linked.
type mergeWorld struct {
	vrd          office
	head         string
	series       int64
	a, b         int64 // survivor, duplicate
	caseA, caseB int64
	itemA, itemB int64
}

func (s *server) setupMerge() mergeWorld {
	s.t.Helper()
	w := mergeWorld{vrd: s.setupOffice("VRD", "Visa and Registration Department")}
	w.head = s.user("VRD-head", sojourn.RoleHead, "VRD", sojourn.TopSecret)
	w.series = id(s.must(http.StatusCreated, w.head, "POST", "/api/v1/correspondence/series",
		map[string]any{"authority": "VRD", "code": "ld", "format": "{n}/ld", "title": "Legal department"}).JSON())
	w.a = id(s.registerName(w.vrd.clerk, "VRD", "Cyrillic", "Пак", "Ен Ир", "1931-03-04", "KP", true).JSON())
	w.b = id(s.registerName(w.vrd.clerk, "VRD", "Latin", "Pak", "Yong-Il", "1931-03-04", "KP", true).JSON())
	for _, p := range []struct {
		id           int64
		from, to, no string
		caseID, item *int64
	}{{w.a, "1956-01-01", "1958-12-31", "KP-1001", &w.caseA, &w.itemA}, {w.b, "1957-01-01", "1959-12-31", "KP-2002", &w.caseB, &w.itemB}} {
		*p.caseID = id(s.fileCase(w.vrd.clerk, "VRD", p.id, p.from, nil))
		s.must(http.StatusOK, w.vrd.officer, "POST", path("/api/v1/cases/%d/decision", *p.caseID), byHand(map[string]any{
			"outcome": "grant", "grounds": "Requirements met.", "decided_on": p.from, "permit_valid_from": p.from, "permit_valid_to": p.to}))
		s.passport(w.vrd.clerk, p.id, p.no, "1950-01-01", "1965-01-01")
		*p.item = id(s.registerItem(w.vrd.clerk, letter(w.series, p.from, "Residence of "+p.no)))
		s.must(http.StatusOK, w.vrd.clerk, "POST", path("/api/v1/correspondence/%d/links", *p.item), map[string]any{"person_id": p.id})
	}
	return w
}

// merged checks the audit log and every business row verify.
func (s *server) verified(step string) {
	s.t.Helper()
	if rep, err := s.verifyRows(); err != nil {
		s.t.Fatalf("%s: audit verify: %v (%+v)", step, err, rep)
	}
}

// statusAt answers a person's legal state on a date as known at a time
// (zero: now) and whom they are merged into (nil: nobody).
func (s *server) statusAt(token string, person int64, on string, knownAt time.Time) (string, any) {
	s.t.Helper()
	q := url.Values{"on": {on}}
	if !knownAt.IsZero() {
		q.Set("known_at", knownAt.Format(time.RFC3339Nano))
	}
	st := s.must(http.StatusOK, token, "GET", path("/api/v1/persons/%d/status?", person)+q.Encode(), nil).JSON()
	return st["state"].(string), st["merged_into"]
}

// currentFacts counts a person's status facts not superseded.
func (s *server) currentFacts(token string, person int64) int {
	s.t.Helper()
	n := 0
	for _, f := range s.must(http.StatusOK, token, "GET", path("/api/v1/persons/%d/facts", person), nil).List() {
		if f["superseded_at"] == nil {
			n++
		}
	}
	return n
}

// ids returns the ids of a list's items.
func ids(list []map[string]any) []int64 {
	var out []int64
	for _, m := range list {
		out = append(out, id(m))
	}
	return out
}

// TestMergeAndSplit — two files of one person (Cyrillic and Latin), each
// with a granted case, a passport and a letter, merged for a reason: the
// survivor holds the cases (next version), permits, documents, letters and
// current facts; a search by either spelling finds the survivor; the
// duplicate answers with merged_into and refuses changes naming the
// survivor; the ledger answers for both as known before. The split puts
// everything back, and what was known during the merge stays readable.
// One audit entry each; the log and rows verify after every step.
func TestMergeAndSplit(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupMerge()
		off := w.vrd.officer
		// On this day A's permit has ended (their passport holds) and B's
		// has not: A alone is documented, B resident, the merged file resident.
		on := "1959-06-01"
		states := func(s *server, want string, known time.Time) {
			s.t.Helper()
			a, _ := s.statusAt(off, w.a, on, known)
			b, _ := s.statusAt(off, w.b, on, known)
			if got := a + " " + b; got != want {
				s.t.Errorf("states as known at %v: %s, want %s", known, got, want)
			}
		}
		states(s, "documented resident", time.Time{})
		caseB := s.must(http.StatusOK, off, "GET", path("/api/v1/cases/%d", w.caseB), nil)
		before := s.clock.Now()
		n := s.auditCount()

		r := s.must(http.StatusCreated, off, "POST", path("/api/v1/persons/%d/merges", w.a),
			map[string]any{"duplicate_id": w.b, "reason": "one person: the same birth record in both files"})
		m := r.JSON()
		if got := s.auditCount(); got != n+1 {
			t.Fatalf("the merge wrote %d audit entries, want 1", got-n)
		}
		s.verified("merge")
		if loc := r.Header.Get("Location"); loc != path("/api/v1/persons/%d/merges/%d", w.a, id(m)) {
			t.Errorf("Location %q", loc)
		}
		s.must(http.StatusOK, off, "GET", r.Header.Get("Location"), nil)
		during := s.clock.Now()

		t.Run("survivor_holds_everything", func(t *testing.T) {
			s := s.with(t)
			a := s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d", w.a), nil).JSON()
			if len(a["names"].([]any)) != 2 || len(a["documents"].([]any)) != 2 || a["merged_into"] != nil {
				t.Errorf("survivor's file: %v", a)
			}
			cases := ids(s.must(http.StatusOK, off, "GET", path("/api/v1/cases?person_id=%d", w.a), nil).List())
			if !slices.Equal(cases, []int64{w.caseA, w.caseB}) {
				t.Errorf("survivor's cases %v", cases)
			}
			moved := s.must(http.StatusOK, off, "GET", path("/api/v1/cases/%d", w.caseB), nil)
			if moved.Header.Get("ETag") == caseB.Header.Get("ETag") || moved.JSON()["person_id"].(float64) != float64(w.a) {
				t.Errorf("moved case: ETag %s (was %s), %v", moved.Header.Get("ETag"), caseB.Header.Get("ETag"), moved.JSON()["person_id"])
			}
			items := ids(s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d/correspondence", w.a), nil).List())
			if !slices.Equal(items, []int64{w.itemA, w.itemB}) && !slices.Equal(items, []int64{w.itemB, w.itemA}) {
				t.Errorf("survivor's correspondence %v", items)
			}
			if got := s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d/correspondence", w.b), nil).List(); len(got) != 0 {
				t.Errorf("duplicate's correspondence %v", got)
			}
			if a, b := s.currentFacts(off, w.a), s.currentFacts(off, w.b); a != 4 || b != 0 {
				t.Errorf("current facts: survivor %d, duplicate %d; want 4 and 0", a, b)
			}
			for _, q := range []string{"Pak Yong Il", "Пак Ен Ир"} {
				items := s.search(off, url.Values{"q": {q}})
				if len(items) != 1 || int64(items[0]["person_id"].(float64)) != w.a {
					t.Errorf("%q finds %v, want the survivor %d only", q, items, w.a)
				}
			}
		})
		t.Run("duplicate_points_to_survivor", func(t *testing.T) {
			s := s.with(t)
			b := s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d", w.b), nil).JSON()
			if b["merged_into"].(float64) != float64(w.a) || len(b["documents"].([]any)) != 0 {
				t.Errorf("duplicate's file: %v", b)
			}
			if st, into := s.statusAt(off, w.b, on, time.Time{}); st != sojourn.LegalNone || into == nil || into.(float64) != float64(w.a) {
				t.Errorf("duplicate's status now: %s, merged_into %v", st, into)
			}
			if st, _ := s.statusAt(off, w.a, on, time.Time{}); st != sojourn.LegalResident {
				t.Errorf("survivor's status now: %s", st)
			}
			states(s, "documented resident", before)
			lapses := s.must(http.StatusOK, off, "GET", "/api/v1/lapses?list=no_legal_status&on="+on, nil).JSON()
			for _, l := range lapses["no_legal_status"].([]any) {
				if l.(map[string]any)["person_id"].(float64) == float64(w.b) {
					t.Errorf("the merged person is listed without legal status: %v", l)
				}
			}
			old := s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d?known_at=%s", w.b, before.Format(time.RFC3339Nano)), nil).JSON()
			if len(old["documents"].([]any)) != 1 {
				t.Errorf("duplicate's documents as known before: %v", old["documents"])
			}
			n := s.auditCount()
			for _, c := range []struct {
				name, method, path string
				body               any
			}{
				{"file a case", "POST", "/api/v1/cases", map[string]any{"type": "residence_permit", "person_id": w.b, "authority": "VRD", "filed_on": "1958-01-01"}},
				{"add a document", "POST", path("/api/v1/persons/%d/documents", w.b), map[string]any{"kind": "passport", "number": "X-1", "issuing_state": "CS", "valid_from": "1950-01-01"}},
				{"merge again", "POST", path("/api/v1/persons/%d/merges", w.b), map[string]any{"duplicate_id": w.a, "reason": "again"}},
				{"link a letter", "POST", path("/api/v1/correspondence/%d/links", w.itemA), map[string]any{"person_id": w.b}},
				{"register a letter", "POST", "/api/v1/correspondence", func() map[string]any {
					l := letter(w.series, "1958-02-01", "To the merged person")
					l["addressee"] = map[string]any{"person_id": w.b}
					return l
				}()},
			} {
				r := s.call(off, c.method, c.path, c.body)
				if r.Status != http.StatusConflict && r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), path("person %d", w.a)) {
					t.Errorf("%s on the merged person: %s", c.name, r)
				}
			}
			if s.auditCount() != n {
				t.Error("a refused change to the merged person wrote to the audit log")
			}
		})

		r = s.must(http.StatusOK, off, "POST", path("/api/v1/persons/%d/merges/%d/split", w.a, id(m)), map[string]any{"reason": "two persons after all: the fathers' names differ"})
		if got := s.auditCount(); got != n+2 {
			t.Fatalf("the split wrote %d audit entries, want 1", got-n-1)
		}
		if r.JSON()["split"] == nil {
			t.Errorf("split answered %s", r)
		}
		s.verified("split")

		t.Run("everything_back", func(t *testing.T) {
			s := s.with(t)
			for _, p := range []struct{ id, caseID, item int64 }{{w.a, w.caseA, w.itemA}, {w.b, w.caseB, w.itemB}} {
				f := s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d", p.id), nil).JSON()
				if len(f["names"].([]any)) != 1 || len(f["documents"].([]any)) != 1 || f["merged_into"] != nil {
					t.Errorf("person %d after the split: %v", p.id, f)
				}
				if cases := ids(s.must(http.StatusOK, off, "GET", path("/api/v1/cases?person_id=%d", p.id), nil).List()); !slices.Equal(cases, []int64{p.caseID}) {
					t.Errorf("person %d's cases %v", p.id, cases)
				}
				if items := ids(s.must(http.StatusOK, off, "GET", path("/api/v1/persons/%d/correspondence", p.id), nil).List()); !slices.Equal(items, []int64{p.item}) {
					t.Errorf("person %d's correspondence %v", p.id, items)
				}
				if n := s.currentFacts(off, p.id); n != 2 {
					t.Errorf("person %d has %d current facts, want 2", p.id, n)
				}
			}
			states(s, "documented resident", time.Time{})
			states(s, "resident no_legal_status", during)
			states(s, "documented resident", before)
			items := s.search(off, url.Values{"q": {"Pak Yong-Il"}})
			if !slices.ContainsFunc(items, func(m map[string]any) bool { return int64(m["person_id"].(float64)) == w.b }) {
				t.Errorf("the duplicate is not found by their name after the split: %v", items)
			}
			if items := s.search(off, url.Values{"q": {"Пак Ен Ир"}}); len(items) == 0 {
				t.Errorf("the survivor is not found by their name after the split")
			}
			s.fileCase(w.vrd.clerk, "VRD", w.b, "1960-01-01", nil)
			s.verified("after the split")
		})
	})
}

// TestMergeBadInput — a merge without a reason, of a person with
// themselves, of an unknown or hidden person (the same answer), by
// another authority's officer, by a clerk, with a read-only token, or
// reaching a case above the officer's clearance, is refused; so are a
// merge of a person merged already (either side) or of one holding merged
// persons, and a split of an unknown merge, of another person's merge, or
// of a merge split already. Each answers problem+json and changes nothing.
func TestMergeBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupMerge()
		off := w.vrd.officer
		other := s.setupOffice("OTH", "Another department")
		stranger := s.person(other.clerk, "OTH", "Ida", "Fremd", "1930-01-01")
		secret := s.person(w.vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		s.caseAt(w.head, "residence_permit", "VRD", secret, "1950-01-01", sojourn.TopSecret, nil)
		d := s.person(w.vrd.clerk, "VRD", "Jan", "Novak", "1940-02-02")
		ro := s.must(http.StatusCreated, off, "POST", "/api/v1/users/VRD-officer/tokens", map[string]any{"name": "ro", "scope": "read"}).JSON()["secret"].(string)

		refuse := func(name string, want int, token, method, p string, body any, mention ...string) response {
			t.Helper()
			n := s.auditCount()
			r := s.malformed().call(token, method, p, body)
			if r.Status != want || r.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s: %s, want %d problem+json", name, r, want)
			}
			for _, m := range mention {
				if !strings.Contains(string(r.Body), m) {
					t.Errorf("%s: %s does not say %q", name, r, m)
				}
			}
			if s.auditCount() != n {
				t.Errorf("%s changed the audit log", name)
			}
			return r
		}
		merges := func(p int64) string { return path("/api/v1/persons/%d/merges", p) }
		body := func(dup int64, reason string) map[string]any {
			return map[string]any{"duplicate_id": dup, "reason": reason}
		}
		const why = "the same person"

		refuse("no reason", http.StatusUnprocessableEntity, off, "POST", merges(w.a), body(w.b, ""), "reason")
		refuse("no duplicate", http.StatusUnprocessableEntity, off, "POST", merges(w.a), map[string]any{"reason": why}, "duplicate_id")
		refuse("the same person twice", http.StatusUnprocessableEntity, off, "POST", merges(w.a), body(w.a, why), "duplicate_id")
		unknown := refuse("unknown duplicate", http.StatusUnprocessableEntity, off, "POST", merges(w.a), body(99999, why), "duplicate_id")
		hidden := refuse("hidden duplicate", http.StatusUnprocessableEntity, off, "POST", merges(w.a), body(stranger, why), "duplicate_id")
		if unknown.withoutInstance() != hidden.withoutInstance() {
			t.Errorf("an unknown and a hidden duplicate answer differently: %s / %s", unknown, hidden)
		}
		unknown = refuse("unknown survivor", http.StatusNotFound, off, "POST", merges(99999), body(w.b, why))
		hidden = refuse("hidden survivor", http.StatusNotFound, off, "POST", merges(stranger), body(w.b, why))
		if unknown.withoutInstance() != hidden.withoutInstance() {
			t.Errorf("an unknown and a hidden survivor answer differently: %s / %s", unknown, hidden)
		}
		refuse("another authority's officer", http.StatusNotFound, other.officer, "POST", merges(w.a), body(w.b, why))
		refuse("a clerk", http.StatusForbidden, w.vrd.clerk, "POST", merges(w.a), body(w.b, why))
		refuse("a read-only token", http.StatusForbidden, ro, "POST", merges(w.a), body(w.b, why))
		refuse("a case above clearance (duplicate's)", http.StatusNotFound, off, "POST", merges(w.a), body(secret, why))
		refuse("a case above clearance (survivor's)", http.StatusNotFound, off, "POST", merges(secret), body(w.b, why))
		refuse("not JSON", http.StatusBadRequest, off, "POST", merges(w.a), "{")

		m := id(s.must(http.StatusCreated, off, "POST", merges(w.a), body(w.b, why)).JSON())
		merged := path("person %d", w.a)
		refuse("the merged person merged again", http.StatusConflict, off, "POST", merges(d), body(w.b, why), merged)
		refuse("into the merged person", http.StatusConflict, off, "POST", merges(w.b), body(d, why), merged)
		refuse("a person holding merged persons merged", http.StatusConflict, off, "POST", merges(d), body(w.a, why), path("person %d", w.a))

		split := func(p, merge int64) string { return path("/api/v1/persons/%d/merges/%d/split", p, merge) }
		reason := map[string]any{"reason": "two persons"}
		refuse("split without a reason", http.StatusUnprocessableEntity, off, "POST", split(w.a, m), map[string]any{"reason": ""}, "reason")
		refuse("split of an unknown merge", http.StatusNotFound, off, "POST", split(w.a, 99999), reason)
		refuse("split under another person", http.StatusNotFound, off, "POST", split(d, m), reason)
		refuse("split under the duplicate", http.StatusConflict, off, "POST", split(w.b, m), reason, merged)
		refuse("split by another authority's officer", http.StatusNotFound, other.officer, "POST", split(w.a, m), reason)
		refuse("split by a clerk", http.StatusForbidden, w.vrd.clerk, "POST", split(w.a, m), reason)
		refuse("split with a read-only token", http.StatusForbidden, ro, "POST", split(w.a, m), reason)
		s.must(http.StatusOK, off, "POST", split(w.a, m), reason)
		refuse("split twice", http.StatusConflict, off, "POST", split(w.a, m), reason, "split")
		if rep, err := s.verifyRows(); err != nil {
			t.Fatalf("audit verify: %v (%+v)", err, rep)
		}
		if got := s.must(http.StatusOK, off, "GET", merges(w.b), nil).List(); len(got) != 1 || got[0]["split"] == nil {
			t.Errorf("the duplicate's merges: %v", got)
		}
		// Merged the other way, the duplicate has the lower id: a duplicate
		// scan does not list them with the survivor who holds their names.
		s.must(http.StatusCreated, off, "POST", merges(w.b), body(w.a, why))
		scan := s.awaitScan(off, s.must(http.StatusAccepted, off, "POST", "/api/v1/duplicate-scans", nil).Header.Get("Location"))
		for _, p := range pairsOf(scan) {
			if p[0] == w.a || p[1] == w.a {
				t.Errorf("the scan lists the merged person: %v", p)
			}
		}
	})
}
