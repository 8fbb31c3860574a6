package match

import (
	"fmt"
	"math"

	"github.com/adrg/strutil/metrics"
)

// Record is what is compared: a person's names in any scripts, or free
// text (a search in any script, family name first or last), and a birth
// date and country when known.
type Record struct {
	Names     []Name
	Text      string
	BirthDate Date
	Country   string
}

// Reason says how one field contributed to a score.
type Reason struct {
	Field  string  `json:"field" enum:"name,family,given,birth_date,country" doc:"the field compared"`
	Score  float64 `json:"score" doc:"its similarity, 0 to 1"`
	Detail string  `json:"detail" doc:"what was compared and found"`
}

// Result is a score from 0 to 1 and the reasons for it.
type Result struct {
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// forms returns every reading of the record's names.
func (r Record) forms() []form {
	var out []form
	for _, n := range r.Names {
		out = append(out, n.forms()...)
	}
	return append(out, textForms(r.Text)...)
}

var jw = metrics.NewJaroWinkler()

// similar maps the Jaro–Winkler similarity of two folded words so that
// only close spellings count: 0.7 and below is nothing, 1 is 1; an equal
// skeleton counts at least 0.9.
func similar(a, b string) float64 {
	if a == b {
		return 1
	}
	s := math.Max(0, (jw.Compare(a, b)-0.7)/0.3)
	if sameSkeleton(a, b) {
		s = math.Max(s, 0.9)
	}
	return s
}

// nameScore compares two readings of names, with the reasons.
func (c Config) nameScore(a, b form) (float64, []Reason) {
	var fam float64
	var famWhy string
	switch {
	case a.family == b.family:
		fam, famWhy = 1, a.family+" = "+b.family
	case a.familyKey == b.familyKey && surnames[a.family] != "":
		fam, famWhy = 0.97, a.family+" ~ "+b.family+" (spellings of one family name, "+a.familyKey+")"
	default:
		fam = similar(a.family, b.family)
		famWhy = fmt.Sprintf("%s ~ %s", a.family, b.family)
	}
	reasons := []Reason{{Field: "family", Score: round(fam), Detail: famWhy}}
	w := c.Weights
	if a.given == "" || b.given == "" {
		reasons = append(reasons, Reason{Field: "given", Score: 0.8, Detail: "given name not known on one side"})
		return (w.Family*fam + w.Given*0.8) / (w.Family + w.Given), reasons
	}
	var giv float64
	var givWhy string
	switch {
	case a.initials != "" || b.initials != "":
		if a.given[0] == b.given[0] {
			giv, givWhy = 0.85, "initial "+a.given[:1]+" agrees"
		} else {
			givWhy = "initials differ"
		}
	case a.given == b.given:
		giv, givWhy = 1, a.given+" = "+b.given
	case a.hangul != "" && b.hangul != "":
		giv, givWhy = 0, a.hangul+" ≠ "+b.hangul+" (Hangul syllables differ)"
	default:
		giv = similar(a.given, b.given)
		givWhy = fmt.Sprintf("%s ~ %s", a.given, b.given)
	}
	if a.swapped != b.swapped {
		givWhy += " (name order swapped)"
	}
	reasons = append(reasons, Reason{Field: "given", Score: round(giv), Detail: givWhy})
	return (w.Family*fam + w.Given*giv) / (w.Family + w.Given), reasons
}

// Compare scores how likely a and b are the same person: the best reading
// of their names against each other, then the birth date and country when
// both know them, in a weighted geometric mean (so a field that disagrees
// pulls the score far down).
func (c Config) Compare(a, b Record) Result {
	return c.compareForms(a.forms(), a, b.forms(), b)
}

func (c Config) compareForms(fa []form, a Record, fb []form, b Record) Result {
	best, bestWhy := -1.0, []Reason(nil)
	for _, x := range fa {
		for _, y := range fb {
			if x.swapped && y.swapped {
				continue // the same as neither
			}
			if s, why := c.nameScore(x, y); s > best {
				best, bestWhy = s, why
			}
		}
	}
	if best < 0 {
		return Result{Reasons: []Reason{{Field: "name", Detail: "no name to compare"}}}
	}
	w := c.Weights
	weight := w.Family + w.Given
	logSum := weight * math.Log(floor(best))
	reasons := append([]Reason{{Field: "name", Score: round(best), Detail: "best reading of the names"}}, bestWhy...)
	if !a.BirthDate.IsZero() && !b.BirthDate.IsZero() && w.BirthDate > 0 {
		s, why := compareDates(a.BirthDate, b.BirthDate)
		reasons = append(reasons, Reason{Field: "birth_date", Score: s, Detail: a.BirthDate.String() + " / " + b.BirthDate.String() + ": " + why})
		logSum += w.BirthDate * math.Log(floor(s))
		weight += w.BirthDate
	}
	if a.Country != "" && b.Country != "" && w.Country > 0 {
		s, why := 1.0, "same country"
		if a.Country != b.Country {
			s, why = 0.5, "countries differ"
		}
		reasons = append(reasons, Reason{Field: "country", Score: s, Detail: a.Country + " / " + b.Country + ": " + why})
		logSum += w.Country * math.Log(s)
		weight += w.Country
	}
	return Result{Score: round(math.Exp(logSum / weight)), Reasons: reasons}
}

func floor(s float64) float64 { return math.Max(s, 0.02) }

// round keeps three decimals.
func round(s float64) float64 { return math.Round(s*1000) / 1000 }
