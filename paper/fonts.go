package paper

import (
	_ "embed"
	"unicode"
)

// The fonts are embedded in every document, subset to the glyphs it uses.
// Both are under the SIL Open Font License 1.1; the licences are beside
// them in fonts/ (taken from Debian's fonts-noto-core and fonts-nanum).
var (
	// notoSans covers Latin, Greek and Cyrillic.
	//go:embed fonts/NotoSans-Regular.ttf
	notoSans []byte
	// nanumSquare covers Hangul (all 11,172 syllables) and Latin.
	//go:embed fonts/NanumSquareR.ttf
	nanumSquare []byte
)

// Font families as registered in a document.
const (
	fontText   = "noto"
	fontHangul = "nanum"
)

// fontFiles are the embedded fonts by family.
var fontFiles = map[string][]byte{fontText: notoSans, fontHangul: nanumSquare}

// fontFor returns the family that has a glyph for r.
func fontFor(r rune) string {
	if unicode.Is(unicode.Hangul, r) {
		return fontHangul
	}
	return fontText
}

// printable reports whether every letter of s is in a script the
// embedded fonts cover; a name in another script is left off a document
// rather than printed as empty boxes.
func printable(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Hangul) {
			return false
		}
	}
	return true
}
