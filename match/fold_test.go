package match

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Пак Ен Ир":      "pak en ir",
		"Žukov":          "zhukov",
		"ЖУКОВ Дмитрий":  "zhukov dmitrii",
		"Щербаков":       "shcherbakov",
		"Yŏng-Il":        "yong il",
		"박영일":            "bakyeongil",
		"ＫＩＭ":            "kim",
		"Straße O'Brien": "strasse obrien",
		"Hŭi  Ch'ŏl":     "hui chol",
		"Юлия Ёлкина":    "iuliia elkina",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := fold("박영일", MR); got != "pakyongil" {
		t.Errorf("McCune–Reischauer 박영일 = %q", got)
	}
}

func TestSkeleton(t *testing.T) {
	t.Parallel()
	same := [][]string{
		{"yeongil", "yongil", "enir", "youngil"},
		{"kwang", "gwang", "kvan"},
		{"jun", "chun", "dzhun"},
		{"zhukov", "shukov"},
	}
	for _, group := range same {
		for _, w := range group[1:] {
			if !sameSkeleton(group[0], w) {
				t.Errorf("%s and %s: skeletons %s and %s differ", group[0], w, Skeleton(group[0]), Skeleton(w))
			}
		}
	}
	if sameSkeleton("kim", "park") {
		t.Error("kim and park have one skeleton")
	}
}

func TestSplitHangul(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"박영일": "박/영일", "남궁민수": "남궁/민수", "김": "", "Kim": ""} {
		f, g, ok := splitHangul(in)
		if got := f + "/" + g; ok && got != want || !ok && want != "" {
			t.Errorf("splitHangul(%q) = %q %v", in, got, ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Date{"1962": {1962, 0, 0}, "1962-03": {1962, 3, 0}, "1962-03-04": {1962, 3, 4}, "": {}} {
		if got, err := ParseDate(in); err != nil || got != want || got.String() != in {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"62", "1962-3", "1962-13", "1962-01-32", "x", "1962-01-01-01", "0999"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	c := Default()
	if c.Threshold != 0.85 || len(c.Keys) != 3 {
		t.Fatalf("default %+v", c)
	}
	j := `{"version": "x", "threshold": 0.9, "search_floor": 0.5, "candidates": 10, "keys": ["family_given"],
		"weights": {"family": 1, "given": 2, "birth_date": 1, "country": 0}}`
	if got, err := Parse([]byte(j)); err != nil || got.Weights.Given != 2 {
		t.Fatalf("JSON config: %+v %v", got, err)
	}
	for _, bad := range []string{
		strings.Replace(DefaultSource(), "threshold: 0.85", "threshold: 1.5", 1),
		strings.Replace(DefaultSource(), "family_year", "surname", 1),
		strings.Replace(DefaultSource(), `version: "2026.1"`, `version: ""`, 1),
		strings.Replace(DefaultSource(), "candidates: 1000", "candidates: 0", 1),
		strings.Replace(DefaultSource(), "family: 1", "family: -1", 1),
		DefaultSource() + "colour: blue\n",
		"threshold: [",
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestKeys(t *testing.T) {
	t.Parallel()
	c := Default()
	stored := BlockingKeys(Prepare(Record{Names: []Name{{Family: "박", Given: "영일"}}, BirthDate: Date{1962, 3, 4}}))
	for _, q := range []Record{{Text: "Pak Yong Il"}, {Text: "Пак Ен Ир"}, {Text: "Yong-Il Park", BirthDate: Date{Year: 1962}}} {
		keys, _ := c.Lookup(Prepare(q))
		if !overlaps(stored, keys) {
			t.Errorf("%v: lookup keys %v miss stored %v", q, keys, stored)
		}
	}
	_, prefixes := c.Lookup(Prepare(Record{Text: "Пак"}))
	if len(prefixes) != 1 || !strings.HasPrefix(stored[0], prefixes[0]) {
		t.Errorf("family alone: prefixes %v, stored %v", prefixes, stored)
	}
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
