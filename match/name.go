package match

import "strings"

// Name is one rendering of a person's name, in any script. Given may hold
// several given names, hyphenated or not, and a patronymic.
type Name struct {
	Family string `json:"family"`
	Given  string `json:"given,omitempty"`
}

// form is a name folded to Latin, one way of reading it: the family name
// and the given names joined without hyphens or spaces, patronymics left
// out, with their keys.
type form struct {
	family, given   string // folded
	familyKey, skel string // FamilyKey(family), Skeleton(given)
	initials        string // first letters, when the given names are only initials
	swapped         bool   // read in the other order than written
	patronymic      string // folded patronymic, if any
	hangul          string // the given names as written, when in Hangul
}

// patronymicEndings end the folded patronymics of Russian, Ukrainian and
// Belarusian names, and the Turkic ogly/kyzy.
var patronymicEndings = []string{"ovich", "evich", "ovych", "evych", "ich", "ovna", "evna", "ichna", "ogly", "kyzy", "uly", "qizi"}

func isPatronymic(tok string) bool {
	if len(tok) < 6 {
		return false
	}
	for _, e := range patronymicEndings {
		if strings.HasSuffix(tok, e) {
			return true
		}
	}
	return false
}

// newForm reads folded family and given tokens.
func newForm(family, given []string, swapped bool) form {
	f := form{family: strings.Join(family, ""), swapped: swapped}
	var rest []string
	for i, t := range given {
		if i > 0 && isPatronymic(t) && f.patronymic == "" {
			f.patronymic = t
			continue
		}
		rest = append(rest, t)
	}
	f.given = strings.Join(rest, "")
	initials := len(rest) > 0
	for _, t := range rest {
		if len(t) != 1 {
			initials = false
		}
	}
	if initials {
		f.initials = f.given
	}
	f.familyKey = FamilyKey(f.family)
	f.skel = Skeleton(f.given)
	return f
}

// systems returns the romanisations s is read in: both of them when it
// holds Hangul.
func systems(s string) []System {
	if hasHangul(s) {
		return []System{RR, MR}
	}
	return []System{RR}
}

// forms reads a structured name both ways round (the family name may have
// been written in the given name's field), in every romanisation.
func (n Name) forms() []form {
	var out []form
	for _, sys := range systems(n.Family + n.Given) {
		fam := strings.Fields(fold(n.Family, sys))
		giv := strings.Fields(fold(n.Given, sys))
		if len(fam) == 0 {
			continue
		}
		f := newForm(fam, giv, false)
		f.hangul = hangulWord(n.Given)
		out = append(out, f)
		if len(giv) > 0 {
			out = append(out, newForm(giv, fam, true))
		}
	}
	return out
}

// textForms reads free text as a name: its words in any script, a Hangul
// word of two or more syllables split into family and given name; the
// family name is the first word or the last.
func textForms(text string) []form {
	var words []string
	for _, w := range strings.Fields(text) {
		if fam, giv, ok := splitHangul(w); ok {
			words = append(words, fam, giv)
			continue
		}
		words = append(words, w)
	}
	var out []form
	for _, sys := range systems(text) {
		var toks []string
		for _, w := range words {
			toks = append(toks, strings.Fields(fold(w, sys))...)
		}
		switch len(toks) {
		case 0:
		case 1:
			out = append(out, newForm(toks, nil, false))
		default:
			f := newForm(toks[:1], toks[1:], false)
			f.hangul = hangulWord(strings.Join(words[1:], ""))
			out = append(out, f, newForm(toks[len(toks)-1:], toks[:len(toks)-1], true))
		}
	}
	return out
}

// hangulWord returns s without spaces and hyphens when it is all Hangul
// syllables, and "" otherwise.
func hangulWord(s string) string {
	s = strings.NewReplacer(" ", "", "-", "").Replace(s)
	for _, r := range s {
		if !isHangulSyllable(r) {
			return ""
		}
	}
	return s
}
