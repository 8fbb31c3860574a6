package match

import "strings"

// digraphs are rewritten first, longest first, so that the conventions of
// different romanisations meet: shch/sch/sh s, ch/tch/dzh c (Korean ㅈ is
// j, ch or дж), zh z, kh h, ts/tz/cz c, ng n (Korean final ㅇ, written н in
// Cyrillic).
var digraphs = strings.NewReplacer(
	"shch", "s", "tsch", "c", "dzh", "c", "sch", "s", "tch", "c", "ch", "c", "sh", "s", "zh", "z", "kh", "h",
	"ph", "f", "th", "t", "ts", "c", "tz", "c", "cz", "c", "ck", "k", "ng", "n", "x", "ks", "q", "k",
)

// Skeleton returns the phonetic skeleton of a folded word: digraphs of the
// romanisations merged, voiced and voiceless stops merged (b p, d t, g k;
// Korean has one of each and RR and MR spell them differently), l and r
// merged, s and z merged, j a consonant (c) before a vowel and a vowel
// after one, w (and v between a consonant and a vowel, Кван Kwang) a
// glide, h kept only first, each run of vowels and glides one a, doubled
// letters single. "Yeongil", "Yŏngil", "Yong Il" and "Ен Ир" have the same
// skeleton.
func Skeleton(word string) string { return skeleton(word, false) }

// skeleton is Skeleton, reading an initial j as a vowel (Jurij, Julija:
// the German and ISO 9 й) when jVowel is set.
func skeleton(word string, jVowel bool) string {
	w := digraphs.Replace(strings.ReplaceAll(word, " ", ""))
	var b []byte
	last := byte(0)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'b':
			c = 'p'
		case 'd':
			c = 't'
		case 'g':
			c = 'k'
		case 'r':
			c = 'l'
		case 'z':
			c = 's'
		case 'j':
			c = 'c'
			if i > 0 && isVowel(w[i-1]) || i == 0 && jVowel {
				c = 'a'
			}
		case 'h':
			if i > 0 {
				continue
			}
		case 'v':
			if i > 0 && !isVowel(w[i-1]) && i+1 < len(w) && isVowel(w[i+1]) {
				c = 'a'
			}
		case 'e', 'i', 'o', 'u', 'y', 'w':
			c = 'a'
		}
		if c == last {
			continue
		}
		b = append(b, c)
		last = c
	}
	return string(b)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouyw", c) >= 0 }

// sameSkeleton reports whether two folded words have the same skeleton,
// reading an initial j either way.
func sameSkeleton(a, b string) bool {
	return skeleton(a, false) == skeleton(b, false) || skeleton(a, true) == skeleton(b, true)
}
