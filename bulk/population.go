package bulk

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"sojourn"
	"sojourn/fictional"
)

// The synthetic population: who comes from where (weights out of 100),
// what documents they hold, what the ledger says of them and which cases
// they have, drawn from one random source per person so that the i-th
// person of a seed is always the same, whatever the batch size.
var (
	origins = []weighted[string]{{"KR", 30}, {"SU", 25}, {"CS", 15}, {"PL", 10}, {"DE", 12}, {"FR", 8}}
	// documents a person holds: each independently, with its chance
	documentChances = []weighted[string]{{sojourn.DocPassport, 85}, {sojourn.DocIdentityCard, 30},
		{sojourn.DocTravelDoc, 6}, {sojourn.DocRefugeeCert, 3}}
	factChances = []weighted[string]{{sojourn.FactStay, 60}, {sojourn.FactPermit, 40}, {sojourn.FactCitizenship, 5},
		{sojourn.FactProtection, 1}}
	caseStates = []weighted[sojourn.CaseState]{{sojourn.StateFiled, 20}, {sojourn.StateInReview, 15}, {sojourn.StateDecided, 35},
		{sojourn.StateClosed, 25}, {sojourn.StateSuspended, 5}}
	// caseChance is the chance, out of 100, that a person has a case
	caseChance = 55
	// caseTypes are the types of generated cases: those filed without
	// particulars (an import carries none)
	caseTypes = []string{sojourn.CaseResidencePermit, sojourn.CaseReturnRequest, sojourn.CaseLegalisation, sojourn.CaseReview,
		sojourn.CaseDeparture}
)

// weighted is a choice and its weight (or its chance out of 100).
type weighted[T any] struct {
	v T
	w int
}

// pick draws one choice by weight.
func pick[T any](r *rand.Rand, choices []weighted[T]) T {
	total := 0
	for _, c := range choices {
		total += c.w
	}
	n := r.IntN(total)
	for _, c := range choices {
		if n -= c.w; n < 0 {
			return c.v
		}
	}
	return choices[len(choices)-1].v
}

// synthetic is one generated person and what the register holds of them;
// cases and facts name the person once the person has an id.
type synthetic struct {
	person PersonRow
	facts  []FactRow
	cases  []CaseRow
	letter *sojourn.ItemInput // a letter the person wrote to their office
}

// personSource returns the random source of the i-th person of a seed.
func personSource(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)))
}

// synthesize makes the i-th person of a seed, kept by one of authorities.
func synthesize(seed uint64, i int, authorities []string) synthetic {
	r := personSource(seed, i)
	country := pick(r, origins)
	// ages: most born 1900-1935, a sum of two draws peaks in the middle
	born := sojourn.MustDate("1895-01-01").AddDays(r.IntN(7000) + r.IntN(7000))
	auth := authorities[r.IntN(len(authorities))]
	s := synthetic{person: PersonRow{Authority: auth, BirthDate: born, CountryOfOrigin: country, Names: names(r, country)}}
	arrived := born.AddYears(18 + r.IntN(20))
	for _, d := range documentChances {
		if r.IntN(100) >= d.w {
			continue
		}
		from := arrived.AddDays(-r.IntN(1500))
		s.person.Documents = append(s.person.Documents, DocumentRow{Kind: d.v, IssuingState: country,
			Number: fmt.Sprintf("%c%d-%08d", 'A'+rune(seed%26), seed%1000, i*4+len(s.person.Documents)),
			Period: sojourn.Period{ValidFrom: from, ValidTo: from.AddYears(5 + r.IntN(6))}})
	}
	for _, f := range factChances {
		if r.IntN(100) >= f.w {
			continue
		}
		from := arrived.AddDays(r.IntN(400))
		fact := FactRow{Kind: f.v, Ref: fmt.Sprintf("%s-%d-%d", strings.ToUpper(f.v[:1]), seed%1000, i), Authority: auth,
			Period: sojourn.Period{ValidFrom: from}}
		if f.v == sojourn.FactStay || f.v == sojourn.FactPermit {
			fact.ValidTo = from.AddDays(90 + r.IntN(3*365))
		}
		s.facts = append(s.facts, fact)
	}
	if r.IntN(100) < caseChance {
		state := pick(r, caseStates)
		typ := caseTypes[r.IntN(len(caseTypes))]
		if state == sojourn.StateSuspended {
			typ = sojourn.CaseDeparture
		}
		level := sojourn.Unclassified
		if r.IntN(20) == 0 {
			level = sojourn.Restricted
		}
		s.cases = append(s.cases, CaseRow{Type: typ, Authority: auth, State: state, FiledOn: arrived.AddDays(r.IntN(200)),
			Classification: level})
	}
	s.letter = letter(r, s.person)
	return s
}

// names gives a person from country their names: a Korean in Hangul,
// Latin and Cyrillic, a Soviet citizen in Cyrillic and Latin, others in
// Latin.
func names(r *rand.Rand, country string) []sojourn.Name {
	switch country {
	case "KR":
		f := fictional.KoreanFamilies[r.IntN(len(fictional.KoreanFamilies))]
		s1 := fictional.KoreanSyllables[r.IntN(len(fictional.KoreanSyllables))]
		s2 := fictional.KoreanSyllables[r.IntN(len(fictional.KoreanSyllables))]
		cyr := []rune(s1[2] + s2[2])
		return []sojourn.Name{
			{Script: "Hangul", Family: f[0], Given: s1[0] + s2[0]},
			{Script: "Latin", Family: f[1], Given: strings.ToUpper(s1[1][:1]) + s1[1][1:] + "-" + s2[1]},
			{Script: "Cyrillic", Family: f[2], Given: strings.ToUpper(string(cyr[:1])) + string(cyr[1:])}}
	case "SU":
		f := fictional.RussianFamilies[r.IntN(len(fictional.RussianFamilies))]
		g := fictional.RussianGiven[r.IntN(len(fictional.RussianGiven))]
		return []sojourn.Name{{Script: "Cyrillic", Family: f[0], Given: g[0]}, {Script: "Latin", Family: f[1], Given: g[1]}}
	}
	fam, giv := fictional.LatinFamilies[country], fictional.LatinGiven[country]
	return []sojourn.Name{{Script: "Latin", Family: fam[r.IntN(len(fam))], Given: giv[r.IntN(len(giv))]}}
}
