package store

import (
	"context"
	"database/sql"
	"time"

	"sojourn"
)

const factColumns = `SELECT id, person_id, kind, ref, label, COALESCE(authority, ''), COALESCE(document_id, 0), valid_from, valid_to, retracted,
	recorded_at, superseded_at, COALESCE(supersedes, 0), reason, recorded_by FROM status_facts`

func scanFact(s scanner) (sojourn.StatusFact, error) {
	var f sojourn.StatusFact
	var recorded int64
	var superseded sql.NullInt64
	err := s.Scan(&f.ID, &f.PersonID, &f.Kind, &f.Ref, &f.Label, &f.Authority, &f.DocumentID, &f.ValidFrom, &f.ValidTo,
		&f.Retracted, &recorded, &superseded, &f.Supersedes, &f.Reason, &f.RecordedBy)
	f.RecordedAt, f.SupersededAt = fromMicros(recorded), nullMicros(superseded)
	return f, err
}

// RecordFact appends a fact to the status ledger.
func (t *Tx) RecordFact(ctx context.Context, f sojourn.StatusFact) (sojourn.StatusFact, error) {
	var supersedes, document any
	if f.Supersedes != 0 {
		supersedes = f.Supersedes
	}
	if f.DocumentID != 0 {
		document = f.DocumentID
	}
	f.RecordedAt = fromMicros(micros(f.RecordedAt))
	var err error
	f.ID, err = t.insert(ctx, `INSERT INTO status_facts (person_id, kind, ref, label, authority, document_id, valid_from, valid_to,
		retracted, recorded_at, supersedes, reason, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.PersonID, f.Kind, f.Ref, f.Label, nullString(f.Authority), document, f.ValidFrom, f.ValidTo, f.Retracted,
		micros(f.RecordedAt), supersedes, f.Reason, f.RecordedBy)
	return f, err
}

// FactByID returns one fact, locked for a correction that follows.
func (t *Tx) FactByID(ctx context.Context, id int64) (sojourn.StatusFact, error) {
	return getOne(ctx, t, "status fact", scanFact, factColumns+" WHERE id = ?"+t.d.forUpdate, id)
}

// SupersedeFact marks a current fact as superseded at now. It fails with a
// conflict if the fact was already superseded.
func (t *Tx) SupersedeFact(ctx context.Context, id int64, now time.Time) error {
	n, err := t.update(ctx, "UPDATE status_facts SET superseded_at = ? WHERE id = ? AND superseded_at IS NULL", micros(now), id)
	if err != nil {
		return err
	}
	if n != 1 {
		return sojourn.Errorf(sojourn.CodeConflict, "status fact %d has already been superseded", id)
	}
	return nil
}

// FactsOf returns every record of a person's facts, superseded ones too.
func (t *Tx) FactsOf(ctx context.Context, personID int64) ([]sojourn.StatusFact, error) {
	return getAll(ctx, t, scanFact, factColumns+" WHERE person_id = ? ORDER BY id", personID)
}

// DocumentFact returns the current ledger fact about a document, locked for
// a correction that follows.
func (t *Tx) DocumentFact(ctx context.Context, documentID int64) (sojourn.StatusFact, error) {
	return getOne(ctx, t, "status fact", scanFact, factColumns+" WHERE document_id = ? AND superseded_at IS NULL"+t.d.forUpdate, documentID)
}
