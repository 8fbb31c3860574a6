package store

import (
	"context"
	"database/sql"
	"errors"

	"sojourn"
)

// AddItemSource records the record an outgoing item was produced from; a
// record that produced an item already is a conflict.
func (t *Tx) AddItemSource(ctx context.Context, itemID int64, src sojourn.ItemSource) error {
	_, err := t.insert(ctx, "INSERT INTO corr_sources (item_id, kind, source_id, case_id) VALUES (?, ?, ?, ?)",
		itemID, src.Kind, src.ID, src.CaseID)
	return err
}

// SourceOf returns the record an item was produced from, or nil.
func (t *Tx) SourceOf(ctx context.Context, itemID int64) (*sojourn.ItemSource, error) {
	var src sojourn.ItemSource
	err := t.queryRow(ctx, "SELECT kind, source_id, case_id FROM corr_sources WHERE item_id = ?", itemID).
		Scan(&src.Kind, &src.ID, &src.CaseID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &src, t.d.translate(err)
}

// ItemOfSource returns the id of the item a record produced, or 0.
func (t *Tx) ItemOfSource(ctx context.Context, kind string, id int64) (int64, error) {
	var item int64
	err := t.queryRow(ctx, "SELECT item_id FROM corr_sources WHERE kind = ? AND source_id = ?", kind, id).Scan(&item)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return item, t.d.translate(err)
}
