package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"sojourn"
	"sojourn/audit"
)

const auditColumns = "SELECT chain, seq, at, actor, action, object, digest, row_digests, prev_hash, hash FROM audit_log"

func scanAudit(s scanner) (audit.Entry, error) {
	var e audit.Entry
	var at int64
	err := s.Scan(&e.Chain, &e.Seq, &at, &e.Actor, &e.Action, &e.Object, &e.Digest, &e.Rows, &e.PrevHash, &e.Hash)
	e.At = fromMicros(at)
	return e, err
}

// Audit adds e to the change: the digests of the audited rows the
// transaction wrote since its last entry (rowdigest.go) and the object's
// classification are taken now, and the entry is appended to its chain when
// the call's work is done, just before it commits (flushAudit). Appending
// locks the head of the entry's chain (PostgreSQL); taking those locks last
// in every transaction, in ascending chain order, means no two transactions
// ever wait for each other's chain heads in opposite orders (a deadlock).
func (t *Tx) Audit(ctx context.Context, e audit.Entry) error {
	q, err := t.sealEntry(ctx, e)
	if err != nil {
		return err
	}
	t.audit.entries = append(t.audit.entries, q)
	return nil
}

// auditQueue holds the audit entries of one call until it is done.
type auditQueue struct {
	entries []sealedEntry
}

// sealedEntry is an audit entry with its row digests, and the
// classification it is stored with, not yet linked into its chain.
type sealedEntry struct {
	e     audit.Entry
	level sojourn.Level
}

// flushAudit appends the queued entries, ordered by chain (in the order
// they were queued within a chain).
func (t *Tx) flushAudit(ctx context.Context) error {
	pending := t.audit.entries
	t.audit.entries = nil
	slices.SortStableFunc(pending, func(a, b sealedEntry) int {
		return cmp.Compare(audit.ChainOf(a.e.Object), audit.ChainOf(b.e.Object))
	})
	for _, q := range pending {
		if _, err := t.link(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// sealEntry digests the rows written since the last entry into e and
// finds the classification of its object, as they stand now.
func (t *Tx) sealEntry(ctx context.Context, e audit.Entry) (sealedEntry, error) {
	rows, err := t.sealWrites(ctx)
	if err != nil {
		return sealedEntry{}, err
	}
	e.Rows = rows
	level, err := t.auditLevel(ctx, e.Object)
	return sealedEntry{e, level}, err
}

// AppendAudit seals e as the next entry of its object's chain and stores it
// at once, with the digests of the audited rows the transaction wrote since
// its last entry (rowdigest.go). The chain head row is locked for the rest
// of the transaction (PostgreSQL), so entries of one chain are appended one
// at a time. Changes use Audit, which takes the chain locks in order.
func (t *Tx) AppendAudit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	q, err := t.sealEntry(ctx, e)
	if err != nil {
		return e, err
	}
	return t.link(ctx, q)
}

// link makes a sealed entry the next of its chain and stores it.
func (t *Tx) link(ctx context.Context, q sealedEntry) (audit.Entry, error) {
	e := q.e
	chain := audit.ChainOf(e.Object)
	var head audit.Entry
	var at int64
	err := t.queryRow(ctx, "SELECT chain, seq, hash, at FROM audit_heads WHERE chain = ?"+t.d.forUpdate, chain).
		Scan(&head.Chain, &head.Seq, &head.Hash, &at)
	if err != nil {
		return e, t.d.translate(err)
	}
	var prev *audit.Entry
	if head.Seq > 0 {
		prev = &head
	}
	e = audit.Next(prev, e)
	if _, err := t.exec(ctx, `INSERT INTO audit_log (chain, seq, at, actor, action, object, digest, row_digests, prev_hash, hash, classification)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Chain, e.Seq, micros(e.At), e.Actor, e.Action, e.Object, e.Digest,
		e.Rows, e.PrevHash, e.Hash, q.level); err != nil {
		return e, err
	}
	_, err = t.exec(ctx, "UPDATE audit_heads SET seq = ?, hash = ?, at = ? WHERE chain = ?", e.Seq, e.Hash, micros(e.At), chain)
	return e, err
}

// auditLevels are the queries that find the classification of an audited
// object, by its kind: a case's own, and an obligation's case's.
var auditLevels = map[string]string{
	"case":          "SELECT classification FROM cases WHERE id = ?",
	"obligation":    "SELECT c.classification FROM obligations o JOIN cases c ON c.id = o.case_id WHERE o.id = ?",
	"departure_due": "SELECT c.classification FROM departure_dues o JOIN cases c ON c.id = o.case_id WHERE o.id = ?",
}

// auditLevel returns the classification of the object an audit entry
// describes, as it stands when the entry is written: every entry about a
// case or an obligation carries its case's, whoever writes it; anything
// else is unclassified.
func (t *Tx) auditLevel(ctx context.Context, object string) (sojourn.Level, error) {
	kind, num, _ := strings.Cut(object, "/")
	q, ok := auditLevels[kind]
	id, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil {
		return sojourn.Unclassified, nil
	}
	var level sojourn.Level
	err = t.queryRow(ctx, q, id).Scan(&level)
	if errors.Is(err, sql.ErrNoRows) {
		return sojourn.Unclassified, nil
	}
	return level, t.d.translate(err)
}

// AuditFilter selects audit entries: every set field must match. From and
// To bound the time (From inclusive, To exclusive); After pages on from an
// entry (chain and sequence), after which entries come in chain order.
type AuditFilter struct {
	Object string
	Actor  string
	Action string
	From   time.Time
	To     time.Time
	After  *audit.Head
	// Levels are the classifications of the entries selected (the reader's
	// clearance); nil selects entries of every level.
	Levels []sojourn.Level
	Limit  int
}

// where returns the filter's WHERE clause and its arguments; only the
// conditions set appear, so the database can use its indexes.
func (f AuditFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	for _, eq := range [...]struct{ col, v string }{{"object", f.Object}, {"actor", f.Actor}, {"action", f.Action}} {
		if eq.v != "" {
			add(eq.col+" = ?", eq.v)
		}
	}
	if !f.From.IsZero() {
		add("at >= ?", micros(f.From))
	}
	if !f.To.IsZero() {
		add("at < ?", micros(f.To))
	}
	if f.After != nil {
		add("(chain > ? OR (chain = ? AND seq > ?))", f.After.Chain, f.After.Chain, f.After.Seq)
	}
	if f.Levels != nil {
		vis, args := Visibility{Levels: f.Levels}.where("", "classification")
		add(strings.TrimPrefix(vis, " AND "), args...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// AuditEntries returns the entries the filter selects, in chain order.
func (t *Tx) AuditEntries(ctx context.Context, f AuditFilter) ([]audit.Entry, error) {
	if f.Limit <= 0 {
		f.Limit = 1 << 30
	}
	where, args := f.where()
	return getAll(ctx, t, scanAudit, auditColumns+where+" ORDER BY chain, seq LIMIT ?", append(args, f.Limit)...)
}

// EachAudit calls fn with every entry of the log in chain and sequence
// order, one row at a time, so that a log of any size streams through; it
// stops at fn's first error.
func (t *Tx) EachAudit(ctx context.Context, fn func(audit.Entry) error) error {
	rows, err := t.query(ctx, auditColumns+" ORDER BY chain, seq")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return t.d.translate(err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return t.d.translate(rows.Err())
}

// CountAudit returns the number of audit entries.
func (t *Tx) CountAudit(ctx context.Context) (int64, error) {
	var n int64
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM audit_log").Scan(&n)
	return n, t.d.translate(err)
}
