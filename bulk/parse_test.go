package bulk

import (
	"strings"
	"testing"

	"sojourn"
)

// FuzzParseRow feeds arbitrary lines to the row parser of every kind, as
// JSON and as CSV under a header naming every field: it never panics, and
// a row it accepts passes its own checks again.
func FuzzParseRow(f *testing.F) {
	f.Add(`{"authority": "VRD", "birth_date": "1910-04-03", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Wirth"}]}`)
	f.Add(`{"person_id": 1, "kind": "passport", "number": "A1", "issuing_state": "CS", "valid_from": "1930-01-01"}`)
	f.Add(`{"type": "residence_permit", "person_id": 1, "authority": "VRD", "state": "filed", "filed_on": "1937-01-01"}`)
	f.Add(`{"person_id": 1, "kind": "stay", "ref": "S-1", "valid_from": "1930-01-01", "valid_to": "1929-01-01"}`)
	f.Add(`1,VRD,1910-04-03,CS,Latin,"Wirth, ""A""",Anna`)
	f.Add(`"unclosed,`)
	f.Add(`{"id": "x"}`)
	header := "id,authority,birth_date,country_of_origin,names.0.script,names.0.family,names.0.given"
	cols, err := parseHeader(header)
	if err != nil {
		f.Fatal(err)
	}
	today := sojourn.MustDate("2026-01-01")
	f.Fuzz(func(t *testing.T, line string) {
		for _, kind := range Kinds {
			for _, csv := range []bool{false, true} {
				p := &parser{kind: kind, csv: csv, cols: cols, today: today}
				r, probs := p.parse([]byte(line))
				if r == nil && len(probs) == 0 {
					t.Fatalf("%s csv=%v: no row and no problem for %q", kind, csv, line)
				}
				if r != nil && len(probs) == 0 && validateRow(r, today) != nil {
					t.Fatalf("%s: accepted row fails its checks: %q", kind, line)
				}
			}
		}
		splitCSV(line)
		parseHeader(line)
		newLineReader(strings.NewReader(line), 64).next()
	})
}

// TestSplitCSV reads quoted fields, doubled quotes and empty fields, and
// refuses broken quoting.
func TestSplitCSV(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{`a,b,c`, []string{"a", "b", "c"}},
		{`,,`, []string{"", "", ""}},
		{`"a,b","say ""hi""",`, []string{"a,b", `say "hi"`, ""}},
		{`Жуков,박`, []string{"Жуков", "박"}},
	} {
		got, err := splitCSV(c.in)
		if err != nil || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("splitCSV(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`"a`, `"a"b`, `a"b`} {
		if _, err := splitCSV(bad); err == nil {
			t.Errorf("splitCSV(%q) accepted", bad)
		}
	}
}
