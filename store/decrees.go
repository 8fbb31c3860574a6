package store

import (
	"context"
	"database/sql"
	"time"

	"sojourn"
)

// DecreeRecord is a decree as stored, with its run's job and the last
// person examined.
type DecreeRecord struct {
	sojourn.Decree
	JobID  int64
	Cursor int64
}

const decreeColumns = `SELECT id, legal_reference, decreed_on, class, citizenship, grants, deadline, authority, job_id, cursor,
	created_by, created_at FROM decrees`

func scanDecree(s scanner) (DecreeRecord, error) {
	var d DecreeRecord
	var created int64
	err := s.Scan(&d.ID, &d.LegalReference, &d.DecreedOn, &d.Class, &d.Citizenship, &d.Grants, &d.Deadline, &d.Authority,
		&d.JobID, &d.Cursor, &d.CreatedBy, &created)
	d.CreatedAt = fromMicros(created)
	return d, err
}

// CreateDecree stores a decree whose elections the job d.JobID opens.
func (t *Tx) CreateDecree(ctx context.Context, d DecreeRecord, now time.Time) (DecreeRecord, error) {
	id, err := t.insert(ctx, `INSERT INTO decrees (legal_reference, decreed_on, class, citizenship, grants, deadline, authority,
		job_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.LegalReference, d.DecreedOn, d.Class,
		d.Citizenship, d.Grants, d.Deadline, d.Authority, d.JobID, d.CreatedBy, micros(now))
	if err != nil {
		return d, err
	}
	return t.DecreeByID(ctx, id)
}

// DecreeByID returns a decree.
func (t *Tx) DecreeByID(ctx context.Context, id int64) (DecreeRecord, error) {
	return getOne(ctx, t, "decree", scanDecree, decreeColumns+" WHERE id = ?", id)
}

// ListDecrees returns a page of decrees by id after after.
func (t *Tx) ListDecrees(ctx context.Context, after int64, limit int) ([]DecreeRecord, error) {
	return getAll(ctx, t, scanDecree, decreeColumns+" WHERE id > ? ORDER BY id LIMIT ?", after, limit)
}

// DecreeByJob returns the decree a job runs.
func (t *Tx) DecreeByJob(ctx context.Context, jobID int64) (DecreeRecord, error) {
	return getOne(ctx, t, "decree", scanDecree, decreeColumns+" WHERE job_id = ?", jobID)
}

// AddElections opens one batch of a decree's elections, one per person
// (the schema refuses a second one), and records the last person examined.
func (t *Tx) AddElections(ctx context.Context, d DecreeRecord, persons []int64, cursor int64) error {
	rows := make([][]any, len(persons))
	for i, p := range persons {
		rows[i] = []any{d.ID, p, d.Deadline}
	}
	if _, err := t.insertRows(ctx, "elections", []string{"decree_id", "person_id", "deadline"}, "person_id", rows); err != nil {
		return err
	}
	_, err := t.update(ctx, "UPDATE decrees SET cursor = ? WHERE id = ?", cursor, d.ID)
	return err
}

const electionColumns = `SELECT e.id, e.decree_id, e.person_id, e.deadline, e.choice, e.elected_on, e.recorded_at, e.recorded_by
	FROM elections e`

func scanElection(s scanner) (sojourn.Election, error) {
	var e sojourn.Election
	var at sql.NullInt64
	err := s.Scan(&e.ID, &e.DecreeID, &e.PersonID, &e.Deadline, &e.Choice, &e.ElectedOn, &at, &e.RecordedBy)
	e.RecordedAt = nullMicros(at)
	return e, err
}

// ElectionByID returns an election, locked for the recording that follows.
func (t *Tx) ElectionByID(ctx context.Context, id int64) (sojourn.Election, error) {
	return getOne(ctx, t, "election", scanElection, electionColumns+" WHERE e.id = ?"+t.d.forUpdate, id)
}

// RecordElection stores the choice of an open election; a conflict if it
// was made already.
func (t *Tx) RecordElection(ctx context.Context, e sojourn.Election, now time.Time) (sojourn.Election, error) {
	n, err := t.update(ctx, `UPDATE elections SET choice = ?, elected_on = ?, recorded_at = ?, recorded_by = ?
		WHERE id = ? AND choice = ''`, e.Choice, e.ElectedOn, micros(now), e.RecordedBy, e.ID)
	if err != nil {
		return e, err
	}
	if n != 1 {
		return e, sojourn.Errorf(sojourn.CodeConflict, "election %d has already been made", e.ID)
	}
	at := fromMicros(micros(now))
	e.RecordedAt = &at
	return e, nil
}

// personVisibility selects rows whose person (alias p) v may see: persons
// carry no classification, so only the authority keeping the file counts.
func personVisibility(v Visibility) (string, []any) {
	return v.where("p.authority", "'"+string(sojourn.Unclassified)+"'")
}

// DecreeElections returns one page of a decree's elections of persons v
// may see, by person id after after.
func (t *Tx) DecreeElections(ctx context.Context, decreeID int64, v Visibility, after int64, limit int) ([]sojourn.Election, error) {
	vis, args := personVisibility(v)
	return getAll(ctx, t, scanElection, electionColumns+` JOIN persons p ON p.id = e.person_id WHERE e.decree_id = ?`+vis+
		` AND e.person_id > ? ORDER BY e.person_id LIMIT ?`, append(append([]any{decreeID}, args...), after, limit)...)
}

// CountElections counts a decree's elections of persons v may see, and
// those made.
func (t *Tx) CountElections(ctx context.Context, decreeID int64, v Visibility) (opened, made int, err error) {
	vis, args := personVisibility(v)
	err = t.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.choice <> '' THEN 1 ELSE 0 END), 0)
		FROM elections e JOIN persons p ON p.id = e.person_id WHERE e.decree_id = ?`+vis, append([]any{decreeID}, args...)...).
		Scan(&opened, &made)
	return opened, made, t.d.translate(err)
}
