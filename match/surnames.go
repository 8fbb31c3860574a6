package match

// surnameGroups lists the spellings of common Korean family names in
// passports, petitions and Koryo-saram Cyrillic (as Fold transliterates
// it), by the name that stands for the group: 이 is Lee, Li, Ri, Yi or
// Rhee, 박 Park, Pak or Bak, 정 Jung, Jeong or Chong (Тен in Cyrillic).
var surnameGroups = map[string][]string{
	"lee":   {"lee", "li", "ri", "yi", "rhee", "i", "rhie", "rhi", "ree", "yee", "lie"},
	"park":  {"park", "pak", "bak", "bahk", "pag"},
	"kim":   {"kim", "gim", "ghim", "keem"},
	"choi":  {"choi", "choe", "chwe", "tsoi", "choy", "chey"},
	"jung":  {"jung", "jeong", "chong", "chung", "jong", "cheong", "joung", "ten"},
	"jeon":  {"jeon", "chon", "jon", "cheon"},
	"kang":  {"kang", "gang", "kan"},
	"cho":   {"cho", "jo", "tcho"},
	"yoon":  {"yoon", "yun", "youn", "iun"},
	"jang":  {"jang", "chang", "tian", "tyan", "chan"},
	"lim":   {"lim", "im", "rim", "yim", "leem"},
	"han":   {"han", "khan"},
	"shin":  {"shin", "sin", "shinn", "syn"},
	"oh":    {"oh", "o", "ogai"},
	"yoo":   {"yoo", "yu", "you", "iu", "iugai"},
	"heo":   {"heo", "hur", "huh", "ho", "khegai"},
	"seo":   {"seo", "suh", "so", "sur"},
	"hwang": {"hwang", "whang", "khvan"},
	"ahn":   {"ahn", "an"},
	"moon":  {"moon", "mun"},
	"baek":  {"baek", "paik", "baik", "paek", "pek"},
	"ko":    {"ko", "go", "koh", "kho"},
	"nam":   {"nam"},
	"song":  {"song"},
}

// surnames maps each spelling to its group.
var surnames = func() map[string]string {
	m := map[string]string{}
	for group, spellings := range surnameGroups {
		for _, s := range spellings {
			m[s] = group
		}
	}
	return m
}()

// FamilyKey returns the key a folded family name is compared and blocked
// by: its group's name when it is a known spelling of a Korean family name,
// its skeleton otherwise.
func FamilyKey(family string) string {
	if g, ok := surnames[family]; ok {
		return g
	}
	return Skeleton(family)
}
