package match

// System is a romanisation of Korean.
type System int

// The romanisations of Hangul Sojourn reads: Revised Romanization (South
// Korea, 2000) and McCune–Reischauer (used in the North and in older
// passports), whose breves and apostrophes Fold removes (ŏ o, ŭ u, k' k).
const (
	RR System = iota
	MR
)

// Hangul syllables are composed as 0xAC00 + (initial×21 + medial)×28 +
// final (Unicode 15.0, chapter 3.12).
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
	medials     = 21
	finals      = 28
)

// jamo spellings, indexed by the initial, medial and final of a syllable.
var (
	initialRR = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	initialMR = [...]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"}
	medialRR  = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	medialMR  = [...]string{"a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"}
	final     = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

func isHangulSyllable(r rune) bool { return r >= hangulFirst && r <= hangulLast }

// romanise spells one Hangul syllable in system sys, decomposed into its
// jamo. Syllables are romanised one by one, as names are in passports,
// without the sound changes across syllables.
func romanise(r rune, sys System) string {
	i := int(r - hangulFirst)
	l, v, t := i/(medials*finals), i/finals%medials, i%finals
	if sys == MR {
		return initialMR[l] + medialMR[v] + final[t]
	}
	return initialRR[l] + medialRR[v] + final[t]
}

// compoundSurnames are the two-syllable Korean family names, which a name
// written without spaces begins with.
var compoundSurnames = map[string]bool{
	"남궁": true, "황보": true, "제갈": true, "선우": true, "독고": true, "사공": true, "서문": true, "동방": true, "을지": true,
}

// splitHangul splits a Hangul name written without spaces (박영일) into its
// family name and given name; ok is false for a word of fewer than two
// syllables or not all Hangul.
func splitHangul(word string) (family, given string, ok bool) {
	rs := []rune(word)
	if len(rs) < 2 {
		return "", "", false
	}
	for _, r := range rs {
		if !isHangulSyllable(r) {
			return "", "", false
		}
	}
	n := 1
	if len(rs) >= 3 && compoundSurnames[string(rs[:2])] {
		n = 2
	}
	return string(rs[:n]), string(rs[n:]), true
}

// hasHangul reports whether s holds a Hangul syllable.
func hasHangul(s string) bool {
	for _, r := range s {
		if isHangulSyllable(r) {
			return true
		}
	}
	return false
}
