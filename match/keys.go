package match

import "strconv"

// Prepared is a record read once (its names folded in every reading), to
// be compared with many others.
type Prepared struct {
	Record
	forms []form
}

// Prepare reads a record for comparison and blocking.
func Prepare(r Record) Prepared { return Prepared{r, r.forms()} }

// Score compares two prepared records (see Compare).
func (c Config) Score(a, b Prepared) Result {
	return c.compareForms(a.forms, a.Record, b.forms, b.Record)
}

// BlockingKeys returns the blocking keys kept for a person: for each name as
// written, those of every kind that the record has the fields for (a
// configuration chooses which kinds a search looks up, so that changing it
// rewrites no keys). Keys are short ASCII strings.
func BlockingKeys(p Prepared) []string {
	var out []string
	for _, f := range p.forms {
		if !f.swapped {
			out = addKeys(out, knownKeys, f, p.BirthDate)
		}
	}
	return out
}

// Lookup returns the keys to look a record's likely matches up by, in
// every reading of its names (either order), and the key prefixes to scan
// when a reading has no given name (a search by family name alone).
func (c Config) Lookup(p Prepared) (keys, prefixes []string) {
	for _, f := range p.forms {
		keys = addKeys(keys, c.Keys, f, p.BirthDate)
		if f.given == "" || f.initials != "" {
			prefixes = addKey(prefixes, "fg:"+f.familyKey+":")
		}
	}
	return keys, prefixes
}

// addKeys appends the keys of the kinds for one reading of a name.
func addKeys(out, kinds []string, f form, born Date) []string {
	year := ""
	if born.Year != 0 {
		year = strconv.Itoa(born.Year)
	}
	full := f.given != "" && f.initials == ""
	for _, k := range kinds {
		switch {
		case k == KeyFamilyGiven && full:
			out = addKey(out, "fg:"+f.familyKey+":"+f.skel)
		case k == KeyFamilyYear && year != "":
			out = addKey(out, "fy:"+f.familyKey+":"+year)
		case k == KeyGivenYear && full && year != "":
			out = addKey(out, "gy:"+f.skel+":"+year)
		}
	}
	return out
}

// addKey appends k unless it is there already.
func addKey(keys []string, k string) []string {
	for _, x := range keys {
		if x == k {
			return keys
		}
	}
	return append(keys, k)
}
