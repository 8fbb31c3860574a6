package store

import (
	"context"
	"slices"
	"strings"

	"sojourn"
	"sojourn/match"
)

// MatchRecord is a person's file as the matcher reads it.
func MatchRecord(p sojourn.Person) match.Record {
	r := match.Record{Country: p.CountryOfOrigin}
	for _, n := range p.Names {
		r.Names = append(r.Names, match.Name{Family: n.Family, Given: n.Given})
	}
	if t := p.BirthDate.Time(); !p.BirthDate.IsZero() {
		r.BirthDate = match.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	return r
}

// WithoutMatchKeys makes the store write persons without their blocking
// keys (on) or with them again (off). A person written without keys is
// missed by searches and the duplicate guard: it is only for measuring
// what keeping the keys costs (sojourn bench), never for a register in use.
func (s *Store) WithoutMatchKeys(on bool) { s.noMatchKeys.Store(on) }

// matchKeys returns the blocking keys of a person's file.
func matchKeys(p sojourn.Person) []string {
	return match.BlockingKeys(match.Prepare(MatchRecord(p)))
}

// keepMatchKeys writes the blocking keys of a person's file p, in the
// transaction that writes the person, in place of those of its version
// old (nil: the person has no keys yet). The keys are kept by (key,
// person) only, so old's keys are recomputed from old's names, not looked
// up: only the keys that differ are deleted or inserted.
func (t *Tx) keepMatchKeys(ctx context.Context, p sojourn.Person, old *sojourn.Person) error {
	if t.noMatchKeys {
		return nil
	}
	keys := matchKeys(p)
	if old != nil {
		was := matchKeys(*old)
		if err := t.dropMatchKeys(ctx, p.ID, without(was, keys)); err != nil {
			return err
		}
		keys = without(keys, was)
	}
	if len(keys) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		args = append(args, k, p.ID)
	}
	_, err := t.exec(ctx, "INSERT INTO person_match_keys (key, person_id) VALUES "+
		strings.TrimSuffix(strings.Repeat("(?, ?), ", len(keys)), ", "), args...)
	return err
}

// dropMatchKeys deletes keys of a person.
func (t *Tx) dropMatchKeys(ctx context.Context, personID int64, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	args := append(anys(keys), personID)
	_, err := t.exec(ctx, "DELETE FROM person_match_keys WHERE key IN ("+placeholders(len(keys))+") AND person_id = ?", args...)
	return err
}

// without returns the keys of a that are not in b.
func without(a, b []string) []string {
	var out []string
	for _, k := range a {
		if !slices.Contains(b, k) {
			out = append(out, k)
		}
	}
	return out
}

// rebuildMatchKeys writes the blocking keys of every person (after the
// migration that made the table, for the persons registered before it).
func (t *Tx) rebuildMatchKeys(ctx context.Context) error {
	persons, err := getAll(ctx, t, scanPerson, personColumns+" ORDER BY id")
	if err != nil {
		return err
	}
	for _, p := range persons {
		if err := t.keepMatchKeys(ctx, p, nil); err != nil {
			return err
		}
	}
	return nil
}

// MatchCandidates returns the ids of the persons holding one of the keys
// or a key starting with one of the prefixes, among those the visibility
// shows (selected in the query, before the limit), at most limit of them,
// those holding most keys first, lowest id first among equals.
func (t *Tx) MatchCandidates(ctx context.Context, keys, prefixes []string, v Visibility, limit int) ([]int64, error) {
	if len(keys)+len(prefixes) == 0 {
		return []int64{}, nil
	}
	// One indexed lookup per arm (an OR of them would scan the table).
	var arms []string
	var args []any
	if len(keys) > 0 {
		arms = append(arms, "SELECT person_id FROM person_match_keys WHERE key IN ("+placeholders(len(keys))+")")
		for _, k := range keys {
			args = append(args, k)
		}
	}
	for _, p := range prefixes {
		arms = append(arms, "SELECT person_id FROM person_match_keys WHERE key >= ? AND key < ?")
		args = append(args, p, p+"\x7f")
	}
	where, vargs := v.where("p.authority", "'"+string(sojourn.Unclassified)+"'")
	// CROSS JOIN keeps SQLite from driving the join from persons by authority.
	q := `SELECT k.person_id FROM (` + strings.Join(arms, " UNION ALL ") + `) k CROSS JOIN persons p
		WHERE p.id = k.person_id` + where + `
		GROUP BY k.person_id ORDER BY COUNT(*) DESC, k.person_id LIMIT ?`
	args = append(append(args, vargs...), limit)
	return getAll(ctx, t, func(s scanner) (int64, error) {
		var id int64
		return id, s.Scan(&id)
	}, q, args...)
}

// PersonsByIDs returns the persons with the ids, as known now, by id.
func (t *Tx) PersonsByIDs(ctx context.Context, ids []int64) ([]sojourn.Person, error) {
	if len(ids) == 0 {
		return []sojourn.Person{}, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return getAll(ctx, t, scanPerson, personColumns+" WHERE id IN ("+placeholders(len(ids))+") ORDER BY id", args...)
}
