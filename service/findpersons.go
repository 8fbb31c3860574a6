package service

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// PersonQuery finds persons: by a name's beginning, letter case and accents
// aside ("dvor" finds Dvořák), by the number of a document or of a permit
// they hold; empty fields select any. A page holds at most Limit persons
// after the id After.
type PersonQuery struct {
	Name, Document, Permit string
	After                  int64
	Limit                  int
}

// nameScan is how many persons a name search reads at a time.
const nameScan = 1000

// FindPersons returns one page of the persons q finds among those the
// actor may see (selected in the query, before the limit), by id, and how
// many it finds in all. Document and permit numbers are looked up in SQL; a
// name is matched on the persons those leave, read in batches.
func (s *Service) FindPersons(ctx context.Context, q PersonQuery) ([]sojourn.Person, int64, error) {
	a, err := authorize(ctx, access.ReadPerson, access.Target{})
	if err != nil {
		return nil, 0, err
	}
	f := store.PersonFilter{Authority: access.Scope(a), Document: q.Document, Permit: q.Permit, After: q.After, Limit: s.limit(q.Limit)}
	out := []sojourn.Person{}
	var total int64
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		if q.Name == "" {
			list, err := tx.FindPersons(ctx, f)
			if err != nil {
				return err
			}
			out = append(out, list...)
			total, err = tx.CountFoundPersons(ctx, f)
			return err
		}
		prefix := foldName(q.Name)
		scan := f
		scan.After, scan.Limit = 0, nameScan
		for {
			batch, err := tx.FindPersons(ctx, scan)
			if err != nil {
				return err
			}
			for _, p := range batch {
				if !nameStarts(p.Names, prefix) {
					continue
				}
				total++
				if p.ID > q.After && len(out) < f.Limit {
					out = append(out, p)
				}
			}
			if len(batch) < nameScan {
				return nil
			}
			scan.After = batch[len(batch)-1].ID
		}
	})
	return out, total, err
}

// nameStarts reports whether a family name, a given name, or either
// written before the other, of any of names begins with prefix (folded).
func nameStarts(names []sojourn.Name, prefix string) bool {
	for _, n := range names {
		family, given := foldName(n.Family), foldName(n.Given)
		for _, s := range []string{family, given, given + " " + family, family + " " + given} {
			if strings.HasPrefix(s, prefix) {
				return true
			}
		}
		for _, w := range strings.Fields(family + " " + given) {
			if strings.HasPrefix(w, prefix) {
				return true
			}
		}
	}
	return false
}

// foldName lowers a name and takes off its accents (ř → r, é → e, й → и),
// with spaces and hyphens between words made single spaces.
func foldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r) || r == '-':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if f, ok := foldSpecial[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldSpecial folds letters that do not decompose into a base and a mark.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'ё': "е", 'Ё': "е",
}
