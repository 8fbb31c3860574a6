package store

import (
	"context"
	"slices"
	"time"

	"sojourn"
)

const concurrenceColumns = "SELECT id, case_id, party, given_on, reference, recorded_by, recorded_at FROM concurrences"

func scanConcurrence(s scanner) (sojourn.Concurrence, error) {
	var c sojourn.Concurrence
	var at int64
	err := s.Scan(&c.ID, &c.CaseID, &c.Party, &c.GivenOn, &c.Reference, &c.RecordedBy, &at)
	c.RecordedAt = fromMicros(at)
	return c, err
}

// AddConcurrence records an outside party's concurrence to a case.
func (t *Tx) AddConcurrence(ctx context.Context, caseID int64, in sojourn.ConcurrenceInput, by string, now time.Time) (sojourn.Concurrence, error) {
	id, err := t.insert(ctx, `INSERT INTO concurrences (case_id, party, given_on, reference, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?)`, caseID, in.Party, in.GivenOn, in.Reference, by, micros(now))
	return sojourn.Concurrence{ID: id, CaseID: caseID, Party: in.Party, GivenOn: in.GivenOn, Reference: in.Reference,
		RecordedBy: by, RecordedAt: fromMicros(micros(now))}, err
}

// ConcurrencesOf returns the concurrences recorded on a case, oldest first.
func (t *Tx) ConcurrencesOf(ctx context.Context, caseID int64) ([]sojourn.Concurrence, error) {
	return getAll(ctx, t, scanConcurrence, concurrenceColumns+" WHERE case_id = ? ORDER BY id", caseID)
}

const transferColumns = `SELECT id, case_id, kind, from_authority, to_authority, on_date, reason, recorded_by, recorded_at
	FROM case_transfers`

func scanTransfer(s scanner) (sojourn.Transfer, error) {
	var tr sojourn.Transfer
	var at int64
	err := s.Scan(&tr.ID, &tr.CaseID, &tr.Kind, &tr.From, &tr.To, &tr.On, &tr.Reason, &tr.RecordedBy, &at)
	tr.RecordedAt = fromMicros(at)
	return tr, err
}

// MoveCase records a transfer and moves the case to tr.To. It leaves the
// case's version alone: the caller's UpdateCase moves it on.
func (t *Tx) MoveCase(ctx context.Context, tr sojourn.Transfer) (sojourn.Transfer, error) {
	if _, err := t.update(ctx, "UPDATE cases SET authority = ? WHERE id = ?", tr.To, tr.CaseID); err != nil {
		return tr, err
	}
	var err error
	tr.ID, err = t.insert(ctx, `INSERT INTO case_transfers (case_id, kind, from_authority, to_authority, on_date, reason,
		recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		tr.CaseID, tr.Kind, tr.From, tr.To, tr.On, tr.Reason, tr.RecordedBy, micros(tr.RecordedAt))
	return tr, err
}

// TransfersOf returns a case's routing history, oldest first.
func (t *Tx) TransfersOf(ctx context.Context, caseID int64) ([]sojourn.Transfer, error) {
	return getAll(ctx, t, scanTransfer, transferColumns+" WHERE case_id = ? ORDER BY id", caseID)
}

// PendingCases returns an authority's filed, in-review and suspended
// cases, locked for a change that follows.
func (t *Tx) PendingCases(ctx context.Context, authority string) ([]sojourn.Case, error) {
	return getAll(ctx, t, scanCase, caseColumns+" WHERE authority = ? AND state IN (?, ?, ?) ORDER BY id"+t.d.forUpdate,
		authority, sojourn.StateFiled, sojourn.StateInReview, sojourn.StateSuspended)
}

// AbolishAuthority ends an authority the day before on and names its
// successor, to which its case types are added and its person files pass;
// it returns how many person files passed.
func (t *Tx) AbolishAuthority(ctx context.Context, old, successor sojourn.Authority, on sojourn.Date, reason string) (int64, error) {
	if _, err := t.update(ctx, `UPDATE authorities SET valid_to = ?, successor = ?, abolished_on = ?, abolition_reason = ?
		WHERE code = ?`, on.AddDays(-1), successor.Code, on, reason, old.Code); err != nil {
		return 0, err
	}
	persons, err := t.update(ctx, "UPDATE persons SET authority = ? WHERE authority = ?", successor.Code, old.Code)
	if err != nil {
		return 0, err
	}
	types := successor.CaseTypes
	for _, ct := range old.CaseTypes {
		if !slices.Contains(types, ct) {
			types = append(types, ct)
		}
	}
	_, err = t.update(ctx, "UPDATE authorities SET case_types = ? WHERE code = ?", jsonText(nonNil(types)), successor.Code)
	return persons, err
}
