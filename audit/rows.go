package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// RowError names a business row that does not match the audit log: it
// differs from its latest audited digest, is missing, or was never
// audited.
type RowError struct {
	Table  string
	ID     int64
	Reason string
}

func (e *RowError) Error() string {
	return fmt.Sprintf("%s row %d: %s", e.Table, e.ID, e.Reason)
}

// rowKey names a row.
type rowKey struct {
	table string
	id    int64
}

// audited is the latest audited digest of a row and the entry holding it.
type audited struct {
	RowDigest
	chain int
	seq   int64
	seen  bool
}

// RowIndex collects, from a verified log, the latest audited digest of
// every business row, and then checks the rows as they stand against it.
type RowIndex struct {
	latest map[rowKey]*audited
}

// NewRowIndex returns an index that has seen no entry.
func NewRowIndex() *RowIndex {
	return &RowIndex{latest: map[rowKey]*audited{}}
}

// Add takes the row digests of an entry. Two entries giving one row the
// same version with different digests are a forgery (or a bug); Add
// reports them.
func (x *RowIndex) Add(e Entry) error {
	rows, err := ParseRows(e.Rows)
	if err != nil {
		return &Break{e.Chain, e.Seq, err.Error()}
	}
	for _, r := range rows {
		k := rowKey{r.Table, r.ID}
		old := x.latest[k]
		switch {
		case old == nil || r.Version > old.Version:
			x.latest[k] = &audited{RowDigest: r, chain: e.Chain, seq: e.Seq}
		case r.Version == old.Version && r.Digest != old.Digest:
			return &Break{e.Chain, e.Seq, fmt.Sprintf("gives %s row %d version %d, which chain %d entry %d gives another digest",
				r.Table, r.ID, r.Version, old.chain, old.seq)}
		}
	}
	return nil
}

// Check compares one row as it stands (its table's column names and its
// values) with its latest audited digest.
func (x *RowIndex) Check(key []byte, table string, id int64, cols []string, vals []any) error {
	a := x.latest[rowKey{table, id}]
	if a == nil {
		return &RowError{table, id, "has no audit entry (inserted behind Sojourn's back)"}
	}
	a.seen = true
	if a.Columns > len(cols) {
		return &RowError{table, id, fmt.Sprintf("has %d columns, its audited digest covers %d (schema changed)", len(cols), a.Columns)}
	}
	if DigestRow(key, table, cols[:a.Columns], vals[:a.Columns]) != a.Digest {
		return &RowError{table, id, fmt.Sprintf("differs from its audited digest (version %d, chain %d entry %d): changed behind Sojourn's back",
			a.Version, a.chain, a.seq)}
	}
	return nil
}

// Missing returns an error naming the first row (by table and id) that
// has an audited digest but was not checked: it was deleted.
func (x *RowIndex) Missing() error {
	var gone []rowKey
	for k, a := range x.latest {
		if !a.seen {
			gone = append(gone, k)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	first := slices.MinFunc(gone, func(a, b rowKey) int {
		if c := strings.Compare(a.table, b.table); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	a := x.latest[first]
	return &RowError{first.table, first.id, fmt.Sprintf("is missing, though chain %d entry %d audited it (deleted behind Sojourn's back)", a.chain, a.seq)}
}
