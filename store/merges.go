package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"sojourn"
)

const mergeColumns = `SELECT id, survivor_id, duplicate_id, reason, moved, facts, aliases, merged_by, merged_at,
	split_reason, split_by, split_facts, split_at FROM person_merges`

func scanMerge(s scanner) (sojourn.PersonMerge, error) {
	var m sojourn.PersonMerge
	var moved, facts, aliases string
	var merged int64
	var splitReason, splitBy, splitFacts sql.NullString
	var splitAt sql.NullInt64
	if err := s.Scan(&m.ID, &m.SurvivorID, &m.DuplicateID, &m.Reason, &moved, &facts, &aliases, &m.MergedBy, &merged,
		&splitReason, &splitBy, &splitFacts, &splitAt); err != nil {
		return m, err
	}
	m.MergedAt = fromMicros(merged)
	if splitAt.Valid {
		m.Split = &sojourn.MergeSplit{Reason: splitReason.String, By: splitBy.String, At: fromMicros(splitAt.Int64)}
		if err := json.Unmarshal([]byte(splitFacts.String), &m.Split.Facts); err != nil {
			return m, err
		}
	}
	for _, f := range []struct {
		text string
		v    any
	}{{moved, &m.Moved}, {facts, &m.Facts}, {aliases, &m.Aliases}} {
		if err := json.Unmarshal([]byte(f.text), f.v); err != nil {
			return m, err
		}
	}
	return m, nil
}

// CreateMerge records a merge (its id is assigned).
func (t *Tx) CreateMerge(ctx context.Context, m sojourn.PersonMerge) (sojourn.PersonMerge, error) {
	m.MergedAt = fromMicros(micros(m.MergedAt))
	var err error
	m.ID, err = t.insert(ctx, `INSERT INTO person_merges (survivor_id, duplicate_id, reason, moved, facts, aliases, merged_by, merged_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.SurvivorID, m.DuplicateID, m.Reason, jsonText(m.Moved), jsonText(m.Facts),
		jsonText(m.Aliases), m.MergedBy, micros(m.MergedAt))
	return m, err
}

// RecordSplit records the split of a merge; a conflict if it was split
// already.
func (t *Tx) RecordSplit(ctx context.Context, id int64, s sojourn.MergeSplit) error {
	n, err := t.update(ctx, `UPDATE person_merges SET split_reason = ?, split_by = ?, split_facts = ?, split_at = ?
		WHERE id = ? AND split_at IS NULL`, s.Reason, s.By, jsonText(s.Facts), micros(s.At), id)
	if err == nil && n != 1 {
		err = sojourn.Errorf(sojourn.CodeConflict, "merge %d has been split already", id)
	}
	return err
}

// MergeByID returns a merge; lock holds the row until the transaction
// ends (PostgreSQL), for a split that follows.
func (t *Tx) MergeByID(ctx context.Context, id int64, lock bool) (sojourn.PersonMerge, error) {
	q := mergeColumns + " WHERE id = ?"
	if lock {
		q += t.d.forUpdate
	}
	return getOne(ctx, t, "merge", scanMerge, q, id)
}

// LiveMergeOf returns the merge, not split, of a person as the duplicate;
// not found if the person is merged into nobody.
func (t *Tx) LiveMergeOf(ctx context.Context, duplicateID int64) (sojourn.PersonMerge, error) {
	return getOne(ctx, t, "merge", scanMerge, mergeColumns+" WHERE duplicate_id = ? AND split_at IS NULL", duplicateID)
}

// MergedAmong returns which of the persons are merged into another now.
func (t *Tx) MergedAmong(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	merged, err := getAll(ctx, t, scanID, "SELECT duplicate_id FROM person_merges WHERE split_at IS NULL AND duplicate_id IN ("+
		placeholders(len(ids))+")", anys(ids)...)
	for _, id := range merged {
		out[id] = true
	}
	return out, err
}

// MergesOf returns the merges a person took part in, either way, oldest
// first.
func (t *Tx) MergesOf(ctx context.Context, personID int64) ([]sojourn.PersonMerge, error) {
	return getAll(ctx, t, scanMerge, mergeColumns+" WHERE survivor_id = ? OR duplicate_id = ? ORDER BY id", personID, personID)
}

// CountLiveMergesInto counts the merges, not split, into a person.
func (t *Tx) CountLiveMergesInto(ctx context.Context, survivorID int64) (int64, error) {
	var n int64
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM person_merges WHERE survivor_id = ? AND split_at IS NULL", survivorID).Scan(&n)
	return n, t.d.translate(err)
}

// CaseLevelsOf returns the classifications of the cases of the persons.
func (t *Tx) CaseLevelsOf(ctx context.Context, personIDs ...int64) ([]sojourn.Level, error) {
	return getAll(ctx, t, func(s scanner) (sojourn.Level, error) {
		var l sojourn.Level
		return l, s.Scan(&l)
	}, "SELECT DISTINCT classification FROM cases WHERE person_id IN ("+placeholders(len(personIDs))+")", anys(personIDs)...)
}

// DropMatchKeys removes the blocking keys of a person's file p: a person
// merged into another is found as the survivor, whose names hold theirs.
func (t *Tx) DropMatchKeys(ctx context.Context, p sojourn.Person) error {
	return t.dropMatchKeys(ctx, p.ID, matchKeys(p))
}

// KeepMatchKeys writes the blocking keys of a person's file p, who has
// none (a duplicate split off its survivor again).
func (t *Tx) KeepMatchKeys(ctx context.Context, p sojourn.Person) error {
	return t.keepMatchKeys(ctx, p, nil)
}

// CurrentFactsOf returns a person's status facts as believed now (not
// superseded), locked for the supersession that follows.
func (t *Tx) CurrentFactsOf(ctx context.Context, personID int64) ([]sojourn.StatusFact, error) {
	return getAll(ctx, t, scanFact, factColumns+" WHERE person_id = ? AND superseded_at IS NULL ORDER BY id"+t.d.forUpdate, personID)
}

// RepointDepartureDues makes the departure dues made by one stay fact
// name another (its copy or correction).
func (t *Tx) RepointDepartureDues(ctx context.Context, from, to int64) error {
	_, err := t.update(ctx, "UPDATE departure_dues SET fact_id = ? WHERE fact_id = ?", to, from)
	return err
}

// personRef is a column of a table that names a person.
type personRef struct {
	table, column string
	// unique are the other columns of a uniqueness key with the person
	// column: a row whose key the other person holds already stays.
	unique []string
	// bump is set on a table whose rows carry a version (cases): a row
	// moved gets its next version, updated at the record time.
	bump bool
}

// key names the reference in a merge's record of what it moved.
func (r personRef) key() string {
	if r.column == "person_id" {
		return r.table
	}
	return r.table + "." + r.column
}

// personRefs are the references to a person a merge moves, besides the
// status facts (superseded by copies) and documents (moved as a new
// version): every table with a person column but the history tables,
// derived tables (blocking keys, what-if results) and merges themselves.
var personRefs = []personRef{
	{table: "cases", column: "person_id", bump: true},
	{table: "permits", column: "person_id"},
	{table: "registrations", column: "person_id"},
	{table: "obligations", column: "person_id"},
	{table: "departure_dues", column: "person_id"},
	{table: "elections", column: "person_id", unique: []string{"decree_id"}},
	{table: "campaign_reviews", column: "person_id", unique: []string{"campaign_id"}},
	{table: "corr_links", column: "person_id", unique: []string{"item_id", "case_id"}},
	{table: "corr_items", column: "sender_person"},
	{table: "corr_items", column: "addressee_person"},
}

// MovePersonRows moves every row naming person from to name person to
// instead, documents as a new version recorded at now for reason, and
// returns the ids moved by table (personRef.key, "documents").
func (t *Tx) MovePersonRows(ctx context.Context, from, to int64, reason string, now time.Time) (map[string][]int64, error) {
	moved := map[string][]int64{}
	for _, r := range personRefs {
		q := "SELECT id FROM " + r.table + " WHERE " + r.column + " = ?"
		args := []any{from}
		if len(r.unique) > 0 {
			q += " AND NOT EXISTS (SELECT 1 FROM " + r.table + " o WHERE o." + r.column + " = ?"
			for _, c := range r.unique {
				q += " AND o." + c + " = " + r.table + "." + c
			}
			q += ")"
			args = append(args, to)
		}
		ids, err := getAll(ctx, t, scanID, q+" ORDER BY id", args...)
		if err != nil {
			return nil, err
		}
		if err := t.moveRows(ctx, r, ids, from, to, now); err != nil {
			return nil, err
		}
		moved[r.key()] = ids
	}
	docs, err := t.moveDocuments(ctx, from, to, reason, now)
	moved["documents"] = docs
	return moved, err
}

// ReturnPersonRows moves back the rows a merge moved (moved, as
// MovePersonRows returned it) from the survivor to the duplicate.
func (t *Tx) ReturnPersonRows(ctx context.Context, moved map[string][]int64, survivor, duplicate int64, reason string, now time.Time) error {
	for _, r := range personRefs {
		if err := t.moveRows(ctx, r, moved[r.key()], survivor, duplicate, now); err != nil {
			return err
		}
	}
	for _, id := range moved["documents"] {
		d, err := t.DocumentByID(ctx, id)
		if err != nil {
			return err
		}
		if err := t.moveDocument(ctx, d, duplicate, reason, now); err != nil {
			return err
		}
	}
	return nil
}

// moveRows makes the rows ids of a reference name person to instead of
// from.
func (t *Tx) moveRows(ctx context.Context, r personRef, ids []int64, from, to int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	set := "UPDATE " + r.table + " SET " + r.column + " = ?"
	args := []any{to}
	if r.bump {
		set += ", version = version + 1, updated_at = ?"
		args = append(args, micros(now))
	}
	args = append(append(args, anys(ids)...), from)
	n, err := t.update(ctx, set+" WHERE id IN ("+placeholders(len(ids))+") AND "+r.column+" = ?", args...)
	if err == nil && n != int64(len(ids)) {
		err = sojourn.Errorf(sojourn.CodeConflict, "%d of the %d %s rows to move no longer name person %d", int64(len(ids))-n, len(ids), r.key(), from)
	}
	return err
}

// moveDocuments moves a person's documents to another, each as a new
// version, and returns their ids.
func (t *Tx) moveDocuments(ctx context.Context, from, to int64, reason string, now time.Time) ([]int64, error) {
	docs, err := t.DocumentsOf(ctx, from)
	ids := make([]int64, 0, len(docs))
	for _, d := range docs {
		if err != nil {
			break
		}
		err = t.moveDocument(ctx, d, to, reason, now)
		ids = append(ids, d.ID)
	}
	return ids, err
}

// moveDocument records a document as another person's from now: the
// version it replaces, the first person's, moves to the history, so the
// document stays among theirs as known before now.
func (t *Tx) moveDocument(ctx context.Context, d sojourn.Document, to int64, reason string, now time.Time) error {
	if err := t.keepDocumentVersion(ctx, d, now); err != nil {
		return err
	}
	_, err := t.update(ctx, "UPDATE documents SET person_id = ?, reason = ?, recorded_at = ? WHERE id = ?", to, reason, micros(now), d.ID)
	return err
}
