package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"sojourn/audit"
)

// sealChunk is how many rows of one table one sealing statement versions or
// reads. Full chunks use one fixed statement text per table (prepared
// once); the rest of a table's rows are sealed one by one, so the
// statement cache never fills with one text per list length.
const sealChunk = 100

// tablesOf returns the tables of refs in order of first appearance.
func tablesOf(refs []rowRef) []string {
	var out []string
	for _, r := range refs {
		if !slices.Contains(out, r.table) {
			out = append(out, r.table)
		}
	}
	return out
}

// idsOf returns the ids of refs in table, in order.
func idsOf(refs []rowRef, table string) []int64 {
	var out []int64
	for _, r := range refs {
		if r.table == table {
			out = append(out, r.id)
		}
	}
	return out
}

// sealTable versions and digests the rows ids of table into sealed.
func (t *Tx) sealTable(ctx context.Context, dg *audit.RowDigester, table string, ids []int64, sealed map[rowRef]audit.RowDigest) error {
	for len(ids) > 0 {
		n := sealChunk
		if len(ids) < sealChunk {
			n = 1
		}
		if err := t.sealRows(ctx, dg, table, ids[:n], sealed); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// sealRows bumps the audit version of each row of ids (distinct) and
// digests each as it stands: one statement for the versions, one for the
// rows.
func (t *Tx) sealRows(ctx context.Context, dg *audit.RowDigester, table string, ids []int64, sealed map[rowRef]audit.RowDigest) error {
	versions, err := t.bumpVersions(ctx, table, ids)
	if err != nil {
		return err
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	found := 0
	err = t.eachRow(ctx, func(cols []string, id int64, vals []any) error {
		sealed[rowRef{table, id}] = audit.RowDigest{Table: table, ID: id, Version: versions[id], Columns: len(cols),
			Digest: dg.Digest(table, cols, vals)}
		found++
		return nil
	}, "SELECT * FROM "+table+" WHERE id IN ("+placeholders(len(ids))+")", args...)
	if err != nil {
		return err
	}
	if found < len(ids) {
		return fmt.Errorf("store: %d of %d %s rows to seal are missing: %w", len(ids)-found, len(ids), table, sql.ErrNoRows)
	}
	return nil
}

// bumpVersions adds one to the audit version of each row of ids (1 for a
// row never sealed) and returns the new versions by id.
func (t *Tx) bumpVersions(ctx context.Context, table string, ids []int64) (map[int64]int64, error) {
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, table, id)
	}
	values := strings.TrimSuffix(strings.Repeat("(?, ?, 1), ", len(ids)), ", ")
	rows, err := t.query(ctx, `INSERT INTO audit_rows (tbl, row_id, version) VALUES `+values+`
		ON CONFLICT (tbl, row_id) DO UPDATE SET version = audit_rows.version + 1 RETURNING row_id, version`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]int64, len(ids))
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, t.d.translate(err)
		}
		out[id] = v
	}
	return out, t.d.translate(rows.Err())
}
