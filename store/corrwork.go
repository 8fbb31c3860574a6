package store

import (
	"context"
	"database/sql"

	"sojourn"
)

// Routing, resolutions and tasks, links, legal holds and destruction of
// registered correspondence.

// AddRoute records an item routed to a unit.
func (t *Tx) AddRoute(ctx context.Context, itemID int64, r sojourn.Route) (sojourn.Route, error) {
	var err error
	r.At = fromMicros(micros(t.Now()))
	r.ID, err = t.insert(ctx, `INSERT INTO corr_routes (item_id, unit, routed_on, note, routed_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?)`, itemID, r.Unit, r.RoutedOn, r.Note, r.RoutedBy, micros(t.Now()))
	return r, err
}

// RoutesOf returns an item's routing, oldest first.
func (t *Tx) RoutesOf(ctx context.Context, itemID int64) ([]sojourn.Route, error) {
	return getAll(ctx, t, func(s scanner) (sojourn.Route, error) {
		var r sojourn.Route
		var at int64
		err := s.Scan(&r.ID, &r.Unit, &r.RoutedOn, &r.Note, &r.RoutedBy, &at)
		r.At = fromMicros(at)
		return r, err
	}, "SELECT id, unit, routed_on, note, routed_by, recorded_at FROM corr_routes WHERE item_id = ? ORDER BY id", itemID)
}

// AddResolution records a resolution on an item, with its task if any.
func (t *Tx) AddResolution(ctx context.Context, itemID int64, r sojourn.Resolution) (sojourn.Resolution, error) {
	var unit any
	var due sojourn.Date
	if r.Task != nil {
		unit, due = r.Task.Unit, r.Task.DueOn
	}
	var err error
	r.At = fromMicros(micros(t.Now()))
	r.ID, err = t.insert(ctx, `INSERT INTO corr_resolutions (item_id, text, resolved_on, resolved_by, task_unit, due_on, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, itemID, r.Text, r.ResolvedOn, r.ResolvedBy, unit, due, micros(t.Now()))
	if r.Task != nil {
		r.Task.ID, r.Task.ItemID = r.ID, itemID
	}
	return r, err
}

// taskColumns reads a resolution's task with its item's number and
// classification.
const taskColumns = `SELECT r.id, r.item_id, COALESCE(i.number, ''), r.task_unit, r.due_on, r.done_on, r.text, i.classification
	FROM corr_resolutions r JOIN corr_items i ON i.id = r.item_id`

func scanTask(s scanner) (sojourn.Task, error) {
	var k sojourn.Task
	err := s.Scan(&k.ID, &k.ItemID, &k.Number, &k.Unit, &k.DueOn, &k.DoneOn, &k.Text, &k.Classification)
	return k, err
}

// ResolutionsOf returns an item's resolutions, oldest first.
func (t *Tx) ResolutionsOf(ctx context.Context, itemID int64) ([]sojourn.Resolution, error) {
	return getAll(ctx, t, func(s scanner) (sojourn.Resolution, error) {
		var r sojourn.Resolution
		var at int64
		var unit sql.NullString
		var k sojourn.Task
		err := s.Scan(&r.ID, &r.Text, &r.ResolvedOn, &r.ResolvedBy, &unit, &k.DueOn, &k.DoneOn, &at)
		r.At = fromMicros(at)
		if unit.Valid {
			k.ID, k.ItemID, k.Unit, k.Text = r.ID, itemID, unit.String, r.Text
			r.Task = &k
		}
		return r, err
	}, "SELECT id, text, resolved_on, resolved_by, task_unit, due_on, done_on, recorded_at FROM corr_resolutions WHERE item_id = ? ORDER BY id", itemID)
}

// TaskByID returns a task (a resolution with a unit).
func (t *Tx) TaskByID(ctx context.Context, id int64) (sojourn.Task, error) {
	return getOne(ctx, t, "task", scanTask, taskColumns+" WHERE r.id = ? AND r.task_unit IS NOT NULL", id)
}

// CompleteTask records the day a task was done.
func (t *Tx) CompleteTask(ctx context.Context, id int64, on sojourn.Date) error {
	_, err := t.update(ctx, "UPDATE corr_resolutions SET done_on = ? WHERE id = ?", on, id)
	return err
}

// OverdueTasks returns the tasks of a unit overdue on a date (past due and
// not done by then) that v may see by their item's classification, oldest
// due first.
func (t *Tx) OverdueTasks(ctx context.Context, unit string, v Visibility, on sojourn.Date) ([]sojourn.Task, error) {
	vis, args := Visibility{Levels: v.Levels}.where("", "i.classification")
	return getAll(ctx, t, scanTask, taskColumns+" WHERE r.task_unit = ? AND r.due_on < ? AND (r.done_on IS NULL OR r.done_on > ?)"+
		vis+" ORDER BY r.due_on, r.id", append([]any{unit, on, on}, args...)...)
}

// AddLink ties an item to a case or a person; a link already there is a
// conflict.
func (t *Tx) AddLink(ctx context.Context, itemID int64, l sojourn.ItemLink) error {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM corr_links WHERE item_id = ? AND COALESCE(case_id, 0) = ? AND COALESCE(person_id, 0) = ?`,
		itemID, l.CaseID, l.PersonID).Scan(&n); err != nil {
		return t.d.translate(err)
	}
	if n > 0 {
		return sojourn.Errorf(sojourn.CodeConflict, "the item is linked to it already")
	}
	_, err := t.insert(ctx, "INSERT INTO corr_links (item_id, case_id, person_id) VALUES (?, ?, ?)", itemID, nullID(l.CaseID), nullID(l.PersonID))
	return err
}

// LinksOf returns what an item is linked to.
func (t *Tx) LinksOf(ctx context.Context, itemID int64) ([]sojourn.ItemLink, error) {
	return getAll(ctx, t, func(s scanner) (sojourn.ItemLink, error) {
		var l sojourn.ItemLink
		err := s.Scan(&l.CaseID, &l.PersonID)
		return l, err
	}, "SELECT COALESCE(case_id, 0), COALESCE(person_id, 0) FROM corr_links WHERE item_id = ? ORDER BY id", itemID)
}

// ItemsLinkedTo returns the items linked to a case (column "case_id") or a
// person ("person_id") that v may see, newest first.
func (t *Tx) ItemsLinkedTo(ctx context.Context, column string, id int64, v Visibility, limit int) ([]sojourn.ItemSummary, error) {
	if column != "case_id" && column != "person_id" {
		return nil, sojourn.Internal(sql.ErrNoRows)
	}
	vis, args := v.where("i.authority", "i.classification")
	return getAll(ctx, t, scanSummary, summaryColumns+" WHERE i.id IN (SELECT item_id FROM corr_links WHERE "+column+" = ?)"+
		vis+" ORDER BY i.item_date DESC, i.id DESC LIMIT ?", append(append([]any{id}, args...), limit)...)
}

// SetLegalHold sets or lifts an item's legal hold.
func (t *Tx) SetLegalHold(ctx context.Context, id int64, hold bool) error {
	_, err := t.update(ctx, "UPDATE corr_items SET legal_hold = ? WHERE id = ?", hold, id)
	return err
}

// DestroyItem removes an item's body and attachments' content from the
// tables and its body from the full-text index, marks the item and its
// attachments destroyed and records the destruction. The registry row
// keeps its number, subject and content hash.
func (t *Tx) DestroyItem(ctx context.Context, it StoredItem, d sojourn.Destruction) (sojourn.Destruction, error) {
	for _, q := range []string{
		"DELETE FROM corr_bodies WHERE item_id = ?",
		"DELETE FROM corr_blobs WHERE attachment_id IN (SELECT id FROM corr_attachments WHERE item_id = ?)",
	} {
		if _, err := t.exec(ctx, q, it.ID); err != nil {
			return d, t.d.translate(err)
		}
	}
	if _, err := t.update(ctx, "UPDATE corr_attachments SET destroyed = ? WHERE item_id = ?", true, it.ID); err != nil {
		return d, err
	}
	if _, err := t.update(ctx, "UPDATE corr_items SET destroyed = ? WHERE id = ?", true, it.ID); err != nil {
		return d, err
	}
	if err := t.unindex(ctx, it.ID, it.Subject); err != nil {
		return d, err
	}
	var err error
	d.ItemID, d.At = it.ID, fromMicros(micros(t.Now()))
	d.ID, err = t.insert(ctx, `INSERT INTO corr_destructions (item_id, rule, reason, content_hash, destroyed_by, destroyed_at)
		VALUES (?, ?, ?, ?, ?, ?)`, it.ID, d.Rule, d.Reason, d.ContentHash, d.By, micros(t.Now()))
	return d, err
}

// DestructionOf returns the record of an item's destruction.
func (t *Tx) DestructionOf(ctx context.Context, itemID int64) (sojourn.Destruction, error) {
	return getOne(ctx, t, "destruction", func(s scanner) (sojourn.Destruction, error) {
		var d sojourn.Destruction
		var at int64
		err := s.Scan(&d.ID, &d.ItemID, &d.Rule, &d.Reason, &d.ContentHash, &d.By, &at)
		d.At = fromMicros(at)
		return d, err
	}, "SELECT id, item_id, rule, reason, content_hash, destroyed_by, destroyed_at FROM corr_destructions WHERE item_id = ?", itemID)
}

// DueForDestruction returns the items v may see whose retention ended
// before a date, not destroyed and not held, oldest first.
func (t *Tx) DueForDestruction(ctx context.Context, on sojourn.Date, v Visibility, limit int) ([]sojourn.ItemSummary, error) {
	vis, args := v.where("i.authority", "i.classification")
	return getAll(ctx, t, scanSummary, summaryColumns+" WHERE i.retain_until < ? AND i.destroyed = ? AND i.legal_hold = ?"+vis+
		" ORDER BY i.retain_until, i.id LIMIT ?", append(append([]any{on, false, false}, args...), limit)...)
}

// CountDueForDestruction counts the items whose retention ended before a
// date, not destroyed and not held.
func (t *Tx) CountDueForDestruction(ctx context.Context, on sojourn.Date) (int64, error) {
	var n int64
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM corr_items WHERE retain_until < ? AND destroyed = ? AND legal_hold = ?", on, false, false).Scan(&n)
	return n, t.d.translate(err)
}
