package store

import (
	"context"
	"time"

	"sojourn"
)

// dueColumns reads a departure due with the name of its person and the
// classification of the case that granted the stay.
const dueColumns = `SELECT d.id, d.person_id, p.names, d.authority, d.case_id, d.fact_id, d.purpose, d.due_on, d.departed_on,
	COALESCE(d.extended_by, 0), d.flagged_on, d.created_at, c.classification
	FROM departure_dues d JOIN cases c ON c.id = d.case_id JOIN persons p ON p.id = d.person_id`

func scanDue(s scanner) (sojourn.DepartureDue, error) {
	var d sojourn.DepartureDue
	var created int64
	var names string
	err := s.Scan(&d.ID, &d.PersonID, &names, &d.Authority, &d.CaseID, &d.FactID, &d.Purpose, &d.DueOn, &d.DepartedOn,
		&d.ExtendedBy, &d.FlaggedOn, &created, &d.Classification)
	if err != nil {
		return d, err
	}
	d.CreatedAt = fromMicros(created)
	d.Name, err = displayName(names)
	return d, err
}

// CreateDepartureDue records the departure a stay makes due.
func (t *Tx) CreateDepartureDue(ctx context.Context, d sojourn.DepartureDue, now time.Time) (sojourn.DepartureDue, error) {
	var err error
	d.CreatedAt = fromMicros(micros(now))
	d.ID, err = t.insert(ctx, `INSERT INTO departure_dues (person_id, authority, case_id, fact_id, purpose, due_on, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.PersonID, d.Authority, d.CaseID, d.FactID, d.Purpose, d.DueOn, micros(now))
	return d, err
}

// DepartureDueByID returns one departure due; lock holds it for a change.
func (t *Tx) DepartureDueByID(ctx context.Context, id int64, lock bool) (sojourn.DepartureDue, error) {
	q := dueColumns + " WHERE d.id = ?"
	if lock {
		q += t.d.forUpdate
	}
	return getOne(ctx, t, "departure due", scanDue, q, id)
}

// DepartureDueOfFact returns the open departure due of a stay fact.
func (t *Tx) DepartureDueOfFact(ctx context.Context, factID int64) (sojourn.DepartureDue, error) {
	return getOne(ctx, t, "departure due", scanDue, dueColumns+
		" WHERE d.fact_id = ? AND d.departed_on IS NULL AND d.extended_by IS NULL", factID)
}

// DepartureDuesOfPerson returns a person's departure dues, oldest first.
func (t *Tx) DepartureDuesOfPerson(ctx context.Context, personID int64) ([]sojourn.DepartureDue, error) {
	return getAll(ctx, t, scanDue, dueColumns+" WHERE d.person_id = ? ORDER BY d.id", personID)
}

// ExtendDepartureDue marks a due taken over by an extension case.
func (t *Tx) ExtendDepartureDue(ctx context.Context, id, caseID int64) error {
	_, err := t.update(ctx, "UPDATE departure_dues SET extended_by = ? WHERE id = ?", caseID, id)
	return err
}

// RecordDeparture records the day the person left.
func (t *Tx) RecordDeparture(ctx context.Context, id int64, on sojourn.Date) error {
	_, err := t.update(ctx, "UPDATE departure_dues SET departed_on = ? WHERE id = ?", on, id)
	return err
}

// DuesToFlag returns the open, unflagged departure dues whose last day
// passed before on: the overstays the check flags.
func (t *Tx) DuesToFlag(ctx context.Context, on sojourn.Date) ([]sojourn.DepartureDue, error) {
	return getAll(ctx, t, scanDue, dueColumns+` WHERE d.due_on < ? AND d.departed_on IS NULL AND d.extended_by IS NULL
		AND d.flagged_on IS NULL ORDER BY d.id`, on)
}

// FlagOverstay records the day an overstay was flagged; false when it had
// been flagged already (e.g. by another instance).
func (t *Tx) FlagOverstay(ctx context.Context, id int64, on sojourn.Date) (bool, error) {
	n, err := t.update(ctx, "UPDATE departure_dues SET flagged_on = ? WHERE id = ? AND flagged_on IS NULL", on, id)
	return n == 1, err
}

// Overstays returns a page of the flagged, still open departure dues of an
// authority that v may see, by id after after: selected before the limit.
func (t *Tx) Overstays(ctx context.Context, authority string, v Visibility, after int64, limit int) ([]sojourn.DepartureDue, error) {
	vis, args := Visibility{Levels: v.Levels}.where("", "c.classification")
	return getAll(ctx, t, scanDue, dueColumns+` WHERE d.authority = ? AND d.flagged_on IS NOT NULL AND d.departed_on IS NULL
		AND d.extended_by IS NULL AND d.id > ?`+vis+` ORDER BY d.id LIMIT ?`,
		append(append([]any{authority, after}, args...), limit)...)
}

// MoveDepartureDue makes a due follow a corrected stay: the new fact and
// last day; an overstay flag dated on or before the new last day no longer
// stands and is cleared.
func (t *Tx) MoveDepartureDue(ctx context.Context, id, factID int64, dueOn sojourn.Date) error {
	_, err := t.update(ctx, `UPDATE departure_dues SET fact_id = ?, due_on = ?,
		flagged_on = CASE WHEN flagged_on <= ? THEN NULL ELSE flagged_on END WHERE id = ?`, factID, dueOn, dueOn, id)
	return err
}
