package store

import (
	"context"
	"time"

	"sojourn"
)

const documentColumns = "SELECT id, person_id, kind, number, issuing_state, recorded_at, reason FROM documents"

// scanDocument reads a document's identity; its validity is in the ledger.
func scanDocument(s scanner) (sojourn.Document, error) {
	var d sojourn.Document
	var recorded int64
	err := s.Scan(&d.ID, &d.PersonID, &d.Kind, &d.Number, &d.IssuingState, &recorded, &d.Reason)
	d.RecordedAt = fromMicros(recorded)
	return d, err
}

// CreateDocument inserts a document of a person (its validity goes into the
// ledger as the document's fact).
func (t *Tx) CreateDocument(ctx context.Context, personID int64, in sojourn.DocumentInput, now time.Time) (sojourn.Document, error) {
	id, err := t.insert(ctx, `INSERT INTO documents (person_id, kind, number, issuing_state, created_at, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		personID, in.Kind, in.Number, in.IssuingState, micros(now), micros(now))
	return sojourn.Document{ID: id, PersonID: personID, Kind: in.Kind, Number: in.Number,
		IssuingState: in.IssuingState, Period: in.Period, RecordedAt: fromMicros(micros(now))}, err
}

// DocumentByID returns a document as known now, without its validity.
func (t *Tx) DocumentByID(ctx context.Context, id int64) (sojourn.Document, error) {
	return getOne(ctx, t, "document", scanDocument, documentColumns+" WHERE id = ?", id)
}

// DocumentsOf returns a person's documents as known now, without validity.
func (t *Tx) DocumentsOf(ctx context.Context, personID int64) ([]sojourn.Document, error) {
	return getAll(ctx, t, scanDocument, documentColumns+" WHERE person_id = ? ORDER BY id", personID)
}

// DocumentsAsKnownAt returns the versions of a person's documents the
// system held at record time at, without validity.
func (t *Tx) DocumentsAsKnownAt(ctx context.Context, personID int64, at time.Time) ([]sojourn.Document, error) {
	return getAll(ctx, t, scanDocument, `SELECT id, person_id, kind, number, issuing_state, recorded_at, reason FROM documents
		WHERE person_id = ? AND recorded_at <= ?
		UNION ALL
		SELECT document_id, person_id, kind, number, issuing_state, recorded_at, reason FROM document_history
		WHERE person_id = ? AND recorded_at <= ? AND superseded_at > ?
		ORDER BY 1`, personID, micros(at), personID, micros(at), micros(at))
}

// CorrectDocument records d as the document's new version at now, moving
// the version it replaces (old) to the history, superseded at now.
func (t *Tx) CorrectDocument(ctx context.Context, old, d sojourn.Document, now time.Time) (sojourn.Document, error) {
	if err := t.keepDocumentVersion(ctx, old, now); err != nil {
		return d, err
	}
	if _, err := t.update(ctx, `UPDATE documents SET kind = ?, number = ?, issuing_state = ?, reason = ?, recorded_at = ? WHERE id = ?`,
		d.Kind, d.Number, d.IssuingState, d.Reason, micros(now), d.ID); err != nil {
		return d, err
	}
	d.RecordedAt = fromMicros(micros(now))
	return d, nil
}

// keepDocumentVersion moves a document's version to the history,
// superseded at now.
func (t *Tx) keepDocumentVersion(ctx context.Context, old sojourn.Document, now time.Time) error {
	_, err := t.insert(ctx, `INSERT INTO document_history (document_id, person_id, kind, number, issuing_state, reason, recorded_at, superseded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, old.ID, old.PersonID, old.Kind, old.Number, old.IssuingState, old.Reason,
		micros(old.RecordedAt), micros(now))
	return err
}

// DocumentsOfPersons returns the documents of several persons at once as
// known now, by person id (a what-if run reads a page of cases' documents in
// one query).
func (t *Tx) DocumentsOfPersons(ctx context.Context, ids []int64) (map[int64][]sojourn.Document, error) {
	out := make(map[int64][]sojourn.Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	docs, err := getAll(ctx, t, scanDocument, documentColumns+" WHERE person_id IN ("+placeholders(len(ids))+") ORDER BY id", anys(ids)...)
	for _, d := range docs {
		out[d.PersonID] = append(out[d.PersonID], d)
	}
	return out, err
}

// DocumentFactsOfPersons returns every record of the document facts of
// several persons, superseded ones too, by person id.
func (t *Tx) DocumentFactsOfPersons(ctx context.Context, ids []int64) (map[int64][]sojourn.StatusFact, error) {
	return t.factsOfPersons(ctx, " AND kind = 'document'", ids)
}

// anys returns values as the arguments of a query.
func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}
