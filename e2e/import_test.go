package e2e

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sojourn"
	"sojourn/bulk"
)

// importFile imports text as the system at the server's clock and returns
// the summary and every problem reported.
func (s *server) importFile(kind bulk.Kind, csv, dry bool, text string) (bulk.Summary, []bulk.Problem, error) {
	s.t.Helper()
	var probs []bulk.Problem
	sum, err := bulk.Import(context.Background(), s.store, strings.NewReader(text), bulk.Config{Kind: kind, CSV: csv, DryRun: dry, MaxLine: 4096,
		Run: bulk.Run{Batch: 4, Actor: sojourn.System, Clock: s.clock.Now, Rejected: func(p bulk.Problem) { probs = append(probs, p) }}})
	return sum, probs, err
}

// wantProblems checks that the problems name exactly the lines and
// fields wanted (field "" matches any field).
func wantProblems(t *testing.T, got []bulk.Problem, want map[int]string) {
	t.Helper()
	lines := map[int]bool{}
	for _, p := range got {
		lines[p.Line] = true
		field, ok := want[p.Line]
		if !ok {
			t.Errorf("unexpected problem %s", p)
			continue
		}
		if field != "" && p.Field != field {
			t.Errorf("line %d: problem with %q (%s), want %q", p.Line, p.Field, p.Reason, field)
		}
	}
	for line := range want {
		if !lines[line] {
			t.Errorf("line %d not reported; got %v", line, got)
		}
	}
}

// tableCounts counts the rows of the tables an import writes.
func (s *server) tableCounts() map[string]int64 {
	out := map[string]int64{}
	for _, table := range []string{"persons", "documents", "status_facts", "cases", "person_match_keys", "audit_log"} {
		out[table] = s.rawInt("SELECT COUNT(*) FROM " + table)
	}
	return out
}

const importedPersons = `{"id": 900, "authority": "IMP", "birth_date": "1931-02-03", "country_of_origin": "RU", "names": [{"script": "Cyrillic", "family": "Жуков", "given": "Дмитрий"}], "documents": [{"kind": "passport", "number": "IMP-1", "issuing_state": "RU", "valid_from": "1950-01-01", "valid_to": "1960-01-01"}]}
{"authority": "IMP", "birth_date": "1930-05-06", "country_of_origin": "KR", "names": [{"script": "Hangul", "family": "박", "given": "영일"}]}
{"authority": "IMP", "birth_date": "1930-05-06", "names": [{"script": "Latin", "family": "Broken"
{"authority": "IMP", "birth_date": "1930-05-06", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Wirth"}], "nickname": "x"}
{"authority": "IMP", "birth_date": "1930-13-06", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Wirth"}]}
{"authority": "NOPE", "birth_date": "1930-05-06", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Nowhere"}]}
{"id": 900, "authority": "IMP", "birth_date": "1931-02-03", "country_of_origin": "RU", "names": [{"script": "Latin", "family": "Twice"}]}
{"authority": "IMP", "birth_date": "1932-01-01", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Second"}], "documents": [{"kind": "passport", "number": "IMP-1", "issuing_state": "RU", "valid_from": "1950-01-01"}]}
{"authority": "IMP", "birth_date": "1932-01-01", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Bad` + "\xff" + `"}]}
{"authority": "IMP", "birth_date": "1932-01-01", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "` + "%HUGE%" + `"}]}
{"authority": "IMP", "birth_date": "2090-01-01", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Future"}]}
{"id": 1, "authority": "IMP", "birth_date": "1932-01-01", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Taken"}]}

{"authority": "IMP", "birth_date": "1933-03-03", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Novak", "given": "Jan"}, {"script": "Cyrillic", "family": "Новак", "given": "Ян"}]}
`

// TestImportPersons — a file of persons with good rows among malformed
// JSON, an unknown field, a bad date, an unknown authority, a duplicate in
// the file and one already registered, a document already on an earlier
// line, invalid UTF-8, a huge line, a birth date in the future and an
// empty line: the good rows go in with their documents, ledger facts and
// match keys; each bad one is reported with its line and field and leaves
// nothing behind; a dry run reports the same and writes nothing; the audit
// log and every row verify; imported persons are found across scripts.
func TestImportPersons(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		imp := s.setupOffice("IMP", "Import office")
		s.person(imp.clerk, "IMP", "Anna", "Taken", "1920-01-01") // person 1
		text := strings.Replace(importedPersons, "%HUGE%", strings.Repeat("a", 5000), 1)
		want := map[int]string{3: "", 4: "nickname", 5: "birth_date", 6: "authority", 7: "id", 8: "documents[0].number",
			9: "", 10: "", 11: "birth_date", 12: "id", 13: ""}

		before := s.tableCounts()
		sum, probs, err := s.importFile(bulk.Persons, false, true, text)
		if err != nil || sum.Imported != 3 || sum.Rejected != 11 {
			t.Fatalf("dry run: %+v, %v", sum, err)
		}
		wantProblems(t, probs, want)
		if after := s.tableCounts(); !mapsEqual(before, after) {
			t.Fatalf("a dry run wrote: %v, then %v", before, after)
		}

		sum, probs, err = s.importFile(bulk.Persons, false, false, text)
		if err != nil || sum.Imported != 3 || sum.Rejected != 11 {
			t.Fatalf("import: %+v, %v", sum, err)
		}
		wantProblems(t, probs, want)
		after := s.tableCounts()
		if after["persons"]-before["persons"] != 3 || after["documents"]-before["documents"] != 1 ||
			after["status_facts"]-before["status_facts"] != 1 || after["person_match_keys"] <= before["person_match_keys"] {
			t.Fatalf("rows written: %v, then %v", before, after)
		}
		if n := s.rawInt("SELECT COUNT(*) FROM persons WHERE id = 900"); n != 1 {
			t.Fatalf("person 900 imported %d times", n)
		}
		if _, err := s.verifyRows(); err != nil {
			t.Fatalf("audit verify after the import: %v", err)
		}
		for _, q := range []string{"Zhukov Dmitrii", "Пак Ёниль", "Park Yeong-il", "Новак Ян", "Jan Novak"} {
			if found := s.search(imp.officer, url.Values{"q": {q}}); len(found) == 0 {
				t.Errorf("search %q found no imported person", q)
			}
		}
		r := s.must(200, imp.officer, "GET", "/api/v1/persons/900", nil).JSON()
		if docs := r["documents"].([]any); len(docs) != 1 || docs[0].(map[string]any)["valid_to"] != "1960-01-01" {
			t.Fatalf("person 900's documents: %v", r["documents"])
		}
		// the register's next person takes a free id
		if id := s.person(imp.clerk, "IMP", "Berta", "After", "1921-01-01"); id <= 900 {
			t.Fatalf("a person registered after the import got id %d", id)
		}
	})
}

func mapsEqual(a, b map[string]int64) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

// TestImportReferences — documents, cases and facts naming a person that
// does not exist, a case at an authority that does not exist or in a
// state that does not, a document recorded already: each reported, the
// rest in; a restricted case gets an audit entry of its own, restricted.
func TestImportReferences(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		imp := s.setupOffice("IMP", "Import office")
		p := s.person(imp.clerk, "IMP", "Anna", "Held", "1920-01-01")
		s.passport(imp.clerk, p, "HELD-1", "1950-01-01", "1960-01-01")
		pid := strconv.FormatInt(p, 10)
		docs := `{"person_id": ` + pid + `, "kind": "identity_card", "number": "ID-1", "issuing_state": "CS", "valid_from": "1951-01-01"}
{"person_id": 99999, "kind": "identity_card", "number": "ID-2", "issuing_state": "CS", "valid_from": "1951-01-01"}
{"person_id": ` + pid + `, "kind": "passport", "number": "HELD-1", "issuing_state": "CS", "valid_from": "1950-01-01"}
`
		sum, probs, err := s.importFile(bulk.Documents, false, false, docs)
		if err != nil || sum.Imported != 1 {
			t.Fatalf("documents: %+v %v %v", sum, probs, err)
		}
		wantProblems(t, probs, map[int]string{2: "person_id", 3: "number"})

		cases := "id,type,person_id,authority,state,filed_on,classification\n" +
			"," + "residence_permit," + pid + ",IMP,decided,1950-02-01,\n" +
			",residence_permit," + pid + ",NOWHERE,filed,1950-02-01,\n" +
			",residence_permit,99999,IMP,filed,1950-02-01,\n" +
			",residence_permit," + pid + ",IMP,lost,1950-02-01,\n" +
			"\"unclosed,residence_permit," + pid + ",IMP,filed,1950-02-01,\n" +
			",residence_permit," + pid + ",IMP,filed\n" +
			"7000,residence_permit," + pid + ",IMP,closed,1950-02-01,restricted\n"
		sum, probs, err = s.importFile(bulk.Cases, true, false, cases)
		if err != nil || sum.Imported != 2 {
			t.Fatalf("cases: %+v %v", sum, err)
		}
		wantProblems(t, probs, map[int]string{3: "authority", 4: "person_id", 5: "state", 6: "", 7: ""})
		c := s.must(200, imp.officer, "GET", "/api/v1/cases/7000", nil).JSON()
		if c["state"] != "closed" || c["classification"] != "restricted" {
			t.Fatalf("case 7000: %v", c)
		}
		// a classified case has an entry of its own, as classified as the case
		if level := s.rawString("SELECT classification FROM audit_log WHERE object = 'case/7000' AND action = 'bulk.import'"); level != "restricted" {
			t.Fatalf("the import entry of case 7000 is %q", level)
		}

		facts := `{"person_id": ` + pid + `, "kind": "stay", "ref": "S-1", "valid_from": "1950-01-01", "valid_to": "1950-12-31"}
{"person_id": 99999, "kind": "stay", "ref": "S-2", "valid_from": "1950-01-01"}
{"person_id": ` + pid + `, "kind": "rumour", "ref": "S-3", "valid_from": "1950-01-01"}
`
		sum, probs, err = s.importFile(bulk.Facts, false, false, facts)
		if err != nil || sum.Imported != 1 {
			t.Fatalf("facts: %+v %v", sum, err)
		}
		wantProblems(t, probs, map[int]string{2: "person_id", 3: "kind"})
		if _, err := s.verifyRows(); err != nil {
			t.Fatalf("audit verify after the imports: %v", err)
		}
	})
}

// TestImportEncodings — a UTF-16 file is refused whole with nothing
// written; a UTF-8 byte-order mark is read past; CSV with a bad header is
// refused whole.
func TestImportEncodings(t *testing.T) {
	s := newServer(t, "sqlite")
	s.setupOffice("IMP", "Import office")
	before := s.tableCounts()
	utf16 := "\xff\xfe{\x00\"\x00"
	if _, _, err := s.importFile(bulk.Persons, false, false, utf16); !errors.Is(err, bulk.ErrUTF16) {
		t.Fatalf("UTF-16: %v", err)
	}
	if _, _, err := s.importFile(bulk.Persons, true, false, "id,names.x.family\n1,A\n"); err == nil {
		t.Fatal("a bad CSV header was accepted")
	}
	if after := s.tableCounts(); !mapsEqual(before, after) {
		t.Fatalf("a refused file wrote: %v, then %v", before, after)
	}
	bom := "\xef\xbb\xbfauthority,birth_date,country_of_origin,names.0.script,names.0.family,names.0.given\n" +
		"IMP,1930-01-01,CS,Latin,\"Smith, Jr\",\"Anna \"\"Ann\"\"\"\n"
	sum, probs, err := s.importFile(bulk.Persons, true, false, bom)
	if err != nil || sum.Imported != 1 || len(probs) != 0 {
		t.Fatalf("CSV with a BOM: %+v %v %v", sum, probs, err)
	}
	names := s.rawString("SELECT names FROM persons WHERE authority = 'IMP'")
	if !strings.Contains(names, `"family":"Smith, Jr"`) || !strings.Contains(names, `"given":"Anna \"Ann\""`) {
		t.Fatalf("names: %s", names)
	}
}

// rawString reads one text from the database directly.
func (s *server) rawString(query string) string {
	s.t.Helper()
	var v string
	s.raw(func(db *sql.DB) error { return db.QueryRow(query).Scan(&v) })
	return v
}
