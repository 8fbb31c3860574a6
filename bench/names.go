package bench

import (
	"math/rand/v2"
	"strings"

	"sojourn"
	spelling "sojourn/fictional"
)

// fictional is a generated person: names in every script they are known
// in, to register one of them and search for another.
type fictional struct {
	korean bool
	names  [3]sojourn.Name // Hangul (Korean only), Latin, Cyrillic
	born   sojourn.Date
}

// newFictional makes the i-th fictional person (two in three Korean).
func newFictional(r *rand.Rand) fictional {
	born := sojourn.MustDate("1930-01-01").AddDays(r.IntN(27000))
	if r.IntN(3) == 2 {
		f, g := spelling.RussianFamilies[r.IntN(len(spelling.RussianFamilies))], spelling.RussianGiven[r.IntN(len(spelling.RussianGiven))]
		return fictional{names: [3]sojourn.Name{{}, {Script: "Latin", Family: f[1], Given: g[1]},
			{Script: "Cyrillic", Family: f[0], Given: g[0]}}, born: born}
	}
	f := spelling.KoreanFamilies[r.IntN(len(spelling.KoreanFamilies))]
	s1, s2 := spelling.KoreanSyllables[r.IntN(len(spelling.KoreanSyllables))], spelling.KoreanSyllables[r.IntN(len(spelling.KoreanSyllables))]
	latin := strings.ToUpper(s1[1][:1]) + s1[1][1:] + "-" + s2[1]
	cyr := []rune(s1[2] + " " + s2[2])
	return fictional{korean: true, born: born, names: [3]sojourn.Name{
		{Script: "Hangul", Family: f[0], Given: s1[0] + s2[0]},
		{Script: "Latin", Family: f[1], Given: latin},
		{Script: "Cyrillic", Family: f[2], Given: strings.ToUpper(string(cyr[:1])) + string(cyr[1:])}}}
}

// scripts returns the indexes of the names the person is known by.
func (f fictional) scripts() []int {
	if f.korean {
		return []int{0, 1, 2}
	}
	return []int{1, 2}
}
