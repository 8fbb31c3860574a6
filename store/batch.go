package store

import (
	"context"
	"strings"
)

// batchRows is how many rows one multi-row INSERT carries: few enough
// parameters for either engine, and a fixed statement text per table so
// that it is prepared once.
const batchRows = 100

// insertRows inserts rows into table (each row holding the values of cols)
// with one multi-row INSERT per batchRows rows, and returns, for each row
// inserted, its new id and the value of its column key (RETURNING order is
// not guaranteed, so rows are told apart by key). Rows of an audited table
// are remembered for the change's audit entry, as insert does.
func (t *Tx) insertRows(ctx context.Context, table string, cols []string, key string, rows [][]any) (map[int64]int64, error) {
	out := make(map[int64]int64, len(rows))
	row := "(" + placeholders(len(cols)) + ")"
	for start := 0; start < len(rows); start += batchRows {
		chunk := rows[start:min(start+batchRows, len(rows))]
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", ") + " RETURNING id, " + key
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		if err := t.collectIDs(ctx, table, q, args, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// collectIDs runs an INSERT … RETURNING id, key and records each row.
func (t *Tx) collectIDs(ctx context.Context, table, q string, args []any, out map[int64]int64) error {
	rs, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var id, k int64
		if err := rs.Scan(&id, &k); err != nil {
			return t.d.translate(err)
		}
		out[k] = id
		t.wrote(table, id)
	}
	return t.d.translate(rs.Err())
}
