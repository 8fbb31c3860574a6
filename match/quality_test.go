package match

import (
	"os"
	"strings"
	"testing"
)

// labelled is one pair of the labelled set.
type labelled struct {
	same bool
	note string
	a, b Record
}

func readLabelled(t *testing.T) []labelled {
	data, err := os.ReadFile("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []labelled
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 11 {
			t.Fatalf("pairs.tsv line %d: %d fields", i+2, len(f))
		}
		date := func(s string) Date {
			d, err := ParseDate(s)
			if err != nil {
				t.Fatalf("pairs.tsv line %d: %v", i+2, err)
			}
			return d
		}
		a := Record{Names: []Name{{Family: f[2], Given: f[3]}}, BirthDate: date(f[4]), Country: f[5]}
		b := Record{Text: f[8], BirthDate: date(f[9]), Country: f[10]}
		if f[8] == "" {
			b.Names = []Name{{Family: f[6], Given: f[7]}}
		}
		out = append(out, labelled{f[0] == "1", f[1], a, b})
	}
	return out
}

// TestMatchQuality scores the labelled set at the default threshold and
// fails below precision 0.95 or recall 0.90.
func TestMatchQuality(t *testing.T) {
	t.Parallel()
	c := Default()
	pairs := readLabelled(t)
	if len(pairs) < 500 {
		t.Fatalf("%d labelled pairs, want at least 500", len(pairs))
	}
	var tp, fp, fn int
	for _, p := range pairs {
		r := c.Compare(p.a, p.b)
		got := r.Score >= c.Threshold
		switch {
		case got && p.same:
			tp++
		case got:
			fp++
			t.Logf("false match %.3f (%s): %v / %v %v", r.Score, p.note, p.a, p.b, r.Reasons)
		case p.same:
			fn++
			t.Logf("missed %.3f (%s): %v / %v %v", r.Score, p.note, p.a, p.b, r.Reasons)
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("pairs=%d matches=%d precision=%.3f recall=%.3f", len(pairs), tp+fn, precision, recall)
	if precision < 0.95 || recall < 0.90 {
		t.Errorf("precision=%.3f recall=%.3f, want at least 0.95 and 0.90", precision, recall)
	}
}
