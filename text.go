package sojourn

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// PlainText records a problem when s, a name, holds a character that is
// invisible or changes how the text around it is shown: a control
// character, a format character (bidirectional overrides and isolates such
// as U+202E, zero-width spaces U+200B, U+2060, the byte order mark U+FEFF,
// the soft hyphen) or U+FFFD, which stands for text that was lost. Such a
// name can look like another person's or hide what it says. The zero-width
// joiner and non-joiner (U+200C, U+200D) are allowed: names in Arabic,
// Persian and Indic scripts need them to be spelled right.
func (p *Problems) PlainText(field, s string) {
	for _, r := range s {
		if r == '\u200c' || r == '\u200d' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			p.Add(field, "contains the invisible or control character %s", runeName(r))
			return
		}
	}
}

// runeName writes r as U+XXXX.
func runeName(r rune) string { return fmt.Sprintf("U+%04X", r) }
