package service

import (
	"context"
	"fmt"
	"slices"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// MergePersons merges a duplicate into the survivor, for a reason: the
// duplicate's cases, documents, permits, registrations, obligations,
// departure dues, elections, campaign reviews and correspondence move to
// the survivor; each of their current status facts is superseded by a copy
// under the survivor (what was known before stays as it was); their names
// become aliases of the survivor (a new version of the survivor's file);
// one audit entry. The actor must reach both persons and every case of
// either.
func (s *Service) MergePersons(ctx context.Context, survivorID int64, in sojourn.MergeInput) (sojourn.PersonMerge, error) {
	if err := precheck(ctx, access.MergePersons, in); err != nil {
		return sojourn.PersonMerge{}, err
	}
	if in.DuplicateID == survivorID {
		return sojourn.PersonMerge{}, &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid merge",
			Fields: []sojourn.FieldError{{Field: "duplicate_id", Message: "is the person merged into: a person is not merged with themselves"}}}
	}
	var out sojourn.PersonMerge
	err := s.write(ctx, func(tx *store.Tx) error {
		a, survivor, dup, err := mergeParties(ctx, tx, survivorID, in.DuplicateID)
		if err != nil {
			return err
		}
		now := tx.Now()
		note := fmt.Sprintf("merge of person %d into person %d: %s", dup.ID, survivor.ID, in.Reason)
		m := sojourn.PersonMerge{SurvivorID: survivor.ID, DuplicateID: dup.ID, Reason: in.Reason, MergedBy: a.Name, MergedAt: now}
		if m.Moved, err = tx.MovePersonRows(ctx, dup.ID, survivor.ID, note, now); err != nil {
			return err
		}
		current, err := tx.CurrentFactsOf(ctx, dup.ID)
		if err != nil {
			return err
		}
		if m.Facts, err = moveFacts(ctx, tx, current, survivor.ID, a.Name, note); err != nil {
			return err
		}
		names, added := withAliases(survivor.Names, dup.Names)
		m.Aliases = added
		if err := renamePerson(ctx, tx, survivor, names, note); err != nil {
			return err
		}
		if err := tx.DropMatchKeys(ctx, dup); err != nil {
			return err
		}
		if out, err = tx.CreateMerge(ctx, m); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.MergePersons, objectID("person", survivor.ID), out)
	})
	return out, err
}

// mergeParties loads the survivor and the duplicate of a merge and checks
// the actor may merge them: both within reach, neither merged into
// another, the duplicate holding no merged persons of their own, every case
// of either within the actor's clearance.
func mergeParties(ctx context.Context, tx *store.Tx, survivorID, duplicateID int64) (sojourn.Actor, sojourn.Person, sojourn.Person, error) {
	a, survivor, err := visiblePerson(ctx, tx, survivorID, access.MergePersons)
	if err != nil {
		return a, survivor, sojourn.Person{}, err
	}
	_, dup, err := visiblePerson(ctx, tx, duplicateID, access.MergePersons)
	if err != nil {
		return a, survivor, dup, fieldNotFound("duplicate_id", err)
	}
	n, err := tx.CountLiveMergesInto(ctx, dup.ID)
	if err != nil {
		return a, survivor, dup, err
	}
	if n > 0 {
		return a, survivor, dup, sojourn.Errorf(sojourn.CodeConflict,
			"person %d holds %d person(s) merged into them: merge person %d into them instead, or split those merges first", dup.ID, n, survivor.ID)
	}
	return a, survivor, dup, clearedForCases(ctx, tx, a, survivor.ID, dup.ID)
}

// clearedForCases checks the actor's clearance covers every case of the
// persons; a case above it answers as anything hidden does.
func clearedForCases(ctx context.Context, tx *store.Tx, a sojourn.Actor, personIDs ...int64) error {
	levels, err := tx.CaseLevelsOf(ctx, personIDs...)
	if err != nil {
		return err
	}
	for _, l := range levels {
		if !cleared(a, l) {
			return sojourn.NotFound()
		}
	}
	return nil
}

// moveFacts supersedes each of the facts by a copy under another person,
// recorded by the actor for the reason, and returns each with its copy.
// Departure dues made by a stay follow its copy.
func moveFacts(ctx context.Context, tx *store.Tx, facts []sojourn.StatusFact, to int64, by, reason string) ([]sojourn.FactMove, error) {
	out := make([]sojourn.FactMove, 0, len(facts))
	for _, f := range facts {
		c := f
		c.ID, c.PersonID, c.SupersededAt, c.Supersedes, c.Reason = 0, to, nil, f.ID, reason
		c.RecordedAt, c.RecordedBy = tx.Now(), by
		c, err := supersede(ctx, tx, f, c)
		if err != nil {
			return out, err
		}
		if err := tx.RepointDepartureDues(ctx, f.ID, c.ID); err != nil {
			return out, err
		}
		out = append(out, sojourn.FactMove{From: f.ID, To: c.ID})
	}
	return out, nil
}

// withAliases returns names followed by those of more it lacks, and
// those added.
func withAliases(names, more []sojourn.Name) ([]sojourn.Name, []sojourn.Name) {
	out := slices.Clone(names)
	added := []sojourn.Name{}
	for _, n := range more {
		if !slices.Contains(out, n) {
			out = append(out, n)
			added = append(added, n)
		}
	}
	return out, added
}

// renamePerson records a new version of a person's file with the names,
// for the reason, unless they are the names the file holds.
func renamePerson(ctx context.Context, tx *store.Tx, p sojourn.Person, names []sojourn.Name, reason string) error {
	if slices.Equal(p.Names, names) {
		return nil
	}
	next := p
	next.Names, next.Reason = names, reason
	_, err := tx.CorrectPerson(ctx, p, next, tx.Now())
	return err
}

// SplitMerge undoes a merge, for a reason: the rows it moved go back to
// the duplicate; each current fact of the survivor that came of it (a
// copy the merge made, or a correction of one) is superseded by a copy
// under the duplicate; the aliases it added leave the survivor's names;
// the duplicate is found by their own names again. One audit entry.
func (s *Service) SplitMerge(ctx context.Context, survivorID, mergeID int64, in sojourn.SplitInput) (sojourn.PersonMerge, error) {
	if err := precheck(ctx, access.SplitPersons, in); err != nil {
		return sojourn.PersonMerge{}, err
	}
	var out sojourn.PersonMerge
	err := s.write(ctx, func(tx *store.Tx) error {
		a, survivor, err := visiblePerson(ctx, tx, survivorID, access.SplitPersons)
		if err != nil {
			return err
		}
		m, dup, err := splittable(ctx, tx, a, survivor, mergeID)
		if err != nil {
			return err
		}
		now := tx.Now()
		note := fmt.Sprintf("split of merge %d, person %d from person %d: %s", m.ID, dup.ID, survivor.ID, in.Reason)
		if err := tx.ReturnPersonRows(ctx, m.Moved, survivor.ID, dup.ID, note, now); err != nil {
			return err
		}
		back, err := factsOfMerge(ctx, tx, m)
		if err != nil {
			return err
		}
		split := sojourn.MergeSplit{Reason: in.Reason, By: a.Name, At: now}
		if split.Facts, err = moveFacts(ctx, tx, back, dup.ID, a.Name, note); err != nil {
			return err
		}
		if err := renamePerson(ctx, tx, survivor, withoutAliases(survivor.Names, m.Aliases), note); err != nil {
			return err
		}
		if err := tx.KeepMatchKeys(ctx, dup); err != nil {
			return err
		}
		if err := tx.RecordSplit(ctx, m.ID, split); err != nil {
			return err
		}
		m.Split = &split
		out = m
		return s.record(ctx, tx, a, access.SplitPersons, objectID("person", survivor.ID), out)
	})
	return out, err
}

// splittable loads a merge into the survivor and its duplicate and checks
// the actor may split it: the duplicate within reach, every case of either
// within clearance, the merge not split yet, the survivor keeping a name.
func splittable(ctx context.Context, tx *store.Tx, a sojourn.Actor, survivor sojourn.Person, mergeID int64) (sojourn.PersonMerge, sojourn.Person, error) {
	m, err := tx.MergeByID(ctx, mergeID, true)
	if err != nil || m.SurvivorID != survivor.ID {
		return m, sojourn.Person{}, sojourn.NotFound()
	}
	dup, err := tx.PersonByID(ctx, m.DuplicateID)
	if err != nil {
		return m, dup, err
	}
	if _, err := authorize(ctx, access.SplitPersons, access.Target{Authority: dup.Authority}); err != nil {
		return m, dup, err
	}
	if err := clearedForCases(ctx, tx, a, survivor.ID, dup.ID); err != nil {
		return m, dup, err
	}
	if !m.Live() {
		return m, dup, sojourn.Errorf(sojourn.CodeConflict, "merge %d was split at %s", m.ID, m.Split.At.Format("2006-01-02T15:04:05Z07:00"))
	}
	if len(withoutAliases(survivor.Names, m.Aliases)) == 0 {
		return m, dup, sojourn.Errorf(sojourn.CodeConflict,
			"person %d holds only the names merge %d added: correct their names first, so that they keep one of their own", survivor.ID, m.ID)
	}
	return m, dup, nil
}

// factsOfMerge returns the survivor's current facts that came of a merge:
// the copies it made, or corrections of them since.
func factsOfMerge(ctx context.Context, tx *store.Tx, m sojourn.PersonMerge) ([]sojourn.StatusFact, error) {
	current, err := tx.CurrentFactsOf(ctx, m.SurvivorID)
	if err != nil {
		return nil, err
	}
	all, err := tx.FactsOf(ctx, m.SurvivorID)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]sojourn.StatusFact, len(all))
	for _, f := range all {
		byID[f.ID] = f
	}
	copies := make(map[int64]bool, len(m.Facts))
	for _, f := range m.Facts {
		copies[f.To] = true
	}
	var out []sojourn.StatusFact
	for _, f := range current {
		for id := f.ID; id != 0; id = byID[id].Supersedes {
			if copies[id] {
				out = append(out, f)
				break
			}
		}
	}
	return out, nil
}

// withoutAliases returns names without one of each of the aliases.
func withoutAliases(names, aliases []sojourn.Name) []sojourn.Name {
	out := slices.Clone(names)
	for _, n := range aliases {
		if i := slices.Index(out, n); i >= 0 {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// Merges returns the merges a person took part in, as survivor or as
// duplicate, oldest first.
func (s *Service) Merges(ctx context.Context, personID int64) ([]sojourn.PersonMerge, error) {
	var out []sojourn.PersonMerge
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return err
		}
		var err error
		out, err = tx.MergesOf(ctx, personID)
		return err
	})
	return out, err
}

// Merge returns one merge a person took part in.
func (s *Service) Merge(ctx context.Context, personID, mergeID int64) (sojourn.PersonMerge, error) {
	var out sojourn.PersonMerge
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return err
		}
		m, err := tx.MergeByID(ctx, mergeID, false)
		if err != nil || (m.SurvivorID != personID && m.DuplicateID != personID) {
			return sojourn.NotFound()
		}
		out = m
		return nil
	})
	return out, err
}

// mergedInto returns the person someone is merged into now, 0 for none.
func mergedInto(ctx context.Context, tx *store.Tx, personID int64) (int64, error) {
	m, ok, err := liveMerge(ctx, tx, personID)
	if !ok {
		return 0, err
	}
	return m.SurvivorID, nil
}

// notMerged refuses a change to a person merged into another: it names
// the survivor, on whom the change belongs.
func notMerged(ctx context.Context, tx *store.Tx, personID int64) error {
	m, ok, err := liveMerge(ctx, tx, personID)
	if !ok {
		return err
	}
	return sojourn.Errorf(sojourn.CodeConflict, "person %d is merged into person %d (merge %d): act on person %d, or split the merge first",
		personID, m.SurvivorID, m.ID, m.SurvivorID)
}

// liveMerge returns the merge, not split, of a person into another, and
// whether there is one.
func liveMerge(ctx context.Context, tx *store.Tx, personID int64) (sojourn.PersonMerge, bool, error) {
	m, err := tx.LiveMergeOf(ctx, personID)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
		return m, false, nil
	}
	return m, err == nil, err
}
