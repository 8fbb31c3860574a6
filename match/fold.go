package match

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// folder folds case the Unicode way (ß becomes ss, ς becomes σ).
var folder = cases.Fold()

// latinLetters spells the Latin letters that carry more than a mark, and
// the ISO 9 letters of Cyrillic, as the passport convention writes them,
// so that "Žukov" and "Zhukov" fold alike. Other marks (ŏ, ŭ, é, ё...) are
// removed after canonical decomposition.
var latinLetters = map[rune]string{
	'ž': "zh", 'č': "ch", 'š': "sh", 'ŝ': "shch", 'ĉ': "ch", 'û': "iu", 'â': "ia",
	'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'ı': "i", 'þ': "th",
	'ʹ': "", 'ʺ': "", '\'': "", '’': "", 'ʼ': "", '‘': "", '`': "",
}

// Fold returns s as lower-case Latin words (and digits) separated by single
// spaces: NFKC, case folding, Cyrillic transliterated the passport way,
// Hangul romanised by Revised Romanization, marks removed, hyphens, dots
// and other punctuation read as spaces.
func Fold(s string) string {
	return fold(s, RR)
}

// fold is Fold with Hangul romanised by system sys.
func fold(s string, sys System) string {
	s = folder.String(norm.NFKC.String(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case isHangulSyllable(r):
			b.WriteString(romanise(r, sys))
		case unicode.Is(unicode.Cyrillic, r):
			b.WriteString(cyrillic(r))
		default:
			if l, ok := latinLetters[r]; ok {
				b.WriteString(l)
				continue
			}
			b.WriteRune(r)
		}
	}
	var out strings.Builder
	space := false
	for _, r := range norm.NFD.String(b.String()) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if space && out.Len() > 0 {
				out.WriteByte(' ')
			}
			space = false
			out.WriteRune(r)
		default:
			space = true
		}
	}
	return out.String()
}
