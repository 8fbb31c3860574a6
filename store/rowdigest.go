package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"sojourn"
	"sojourn/audit"
)

// Row digests. Every change's audit entry carries a keyed digest of each
// business row the change wrote, as the row stands when the entry is
// appended, so that a row edited, deleted or inserted behind Sojourn's back
// no longer matches the log (sojourn audit verify --db). The store does it
// for every write, not each call site: insert and update remember the rows
// of audited tables they write, AppendAudit digests them, and a
// transaction that wrote such rows without an audit entry after them is
// refused at commit.

// auditedTables are the business tables whose rows the audit log carries
// digests of. Not audited: counters, indexes and caches derived from them
// (series, jobs, whatif_results, person_match_keys), sessions and login
// throttling, and the audit tables themselves, which their chains protect;
// and correspondence content (corr_bodies, corr_blobs, the full-text
// index), which the hashes in corr_items and corr_attachments vouch for on
// every read and which destruction deletes.
var auditedTables = []string{
	"authorities", "persons", "person_history", "documents", "document_history", "sponsors", "accreditations", "cases", "evidence", "permits",
	"decisions", "status_facts", "delegations", "obligations", "concurrences", "case_transfers",
	"users", "api_tokens", "policy_packs", "match_configs",
	"registrations", "campaigns", "campaign_reviews", "decrees", "elections", "case_particulars", "departure_dues",
	"permit_tokens", "permit_revocations", "person_merges",
	"corr_series", "corr_items", "corr_attachments", "corr_routes", "corr_resolutions", "corr_links", "corr_destructions", "corr_sources",
}

// rowRef names a row of an audited table.
type rowRef struct {
	table string
	id    int64
}

// writeSet is what a change has written and not yet sealed in an audit
// entry.
type writeSet struct {
	pending []rowRef
	seen    map[rowRef]bool
}

func (w *writeSet) add(table string, id int64) {
	r := rowRef{table, id}
	if w.seen[r] {
		return
	}
	if w.seen == nil {
		w.seen = map[rowRef]bool{}
	}
	w.seen[r] = true
	w.pending = append(w.pending, r)
}

// sealed refuses a change that wrote audited rows after its last audit
// entry: a programming error, which would leave rows verification cannot
// tell from forged ones.
func (w *writeSet) sealed() error {
	if len(w.pending) == 0 {
		return nil
	}
	r := w.pending[0]
	return sojourn.Internal(fmt.Errorf("store: %s row %d written without an audit entry after it", r.table, r.id))
}

// writeTarget returns the table an INSERT, UPDATE or DELETE statement
// writes, or "" for other statements.
func writeTarget(query string) string {
	q := strings.TrimSpace(query)
	for _, verb := range [...]string{"INSERT INTO ", "UPDATE ", "DELETE FROM "} {
		if len(q) > len(verb) && strings.EqualFold(q[:len(verb)], verb) {
			rest := strings.TrimSpace(q[len(verb):])
			if i := strings.IndexAny(rest, " (\n\t"); i >= 0 {
				rest = rest[:i]
			}
			return rest
		}
	}
	return ""
}

// audited reports whether rows of table carry digests.
func audited(table string) bool { return slices.Contains(auditedTables, table) }

// wrote remembers a written row of an audited table for the next audit
// entry.
func (t *Tx) wrote(table string, id int64) {
	if audited(table) {
		t.w.add(table, id)
	}
}

// guardWrite refuses a statement that would write an audited table
// without remembering the rows: such writes go through insert or update,
// and rows of audited tables are never deleted.
func guardWrite(query string) error {
	if table := writeTarget(query); audited(table) {
		return sojourn.Internal(fmt.Errorf("store: %s is written through insert or update only, never deleted", table))
	}
	return nil
}

// update runs an UPDATE of an audited table and returns how many rows it
// changed, remembering each for the change's audit entry.
func (t *Tx) update(ctx context.Context, query string, args ...any) (int64, error) {
	table := writeTarget(query)
	rows, err := t.query(ctx, query+" RETURNING id", args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return n, t.d.translate(err)
		}
		t.wrote(table, id)
		n++
	}
	return n, t.d.translate(rows.Err())
}

// sealWrites digests the rows written since the last audit entry, as they
// now stand, each with its next version, for the entry about to be
// appended (audit.FormatRows). Rows are read and versioned a table at a
// time, sealChunk rows per statement (sealchunk.go), so a batch of
// thousands of rows costs tens of statements, not thousands.
func (t *Tx) sealWrites(ctx context.Context) (string, error) {
	if len(t.w.pending) == 0 {
		return "", nil
	}
	key, err := t.secret(ctx)
	if err != nil {
		return "", err
	}
	sealed := make(map[rowRef]audit.RowDigest, len(t.w.pending))
	dg := audit.NewRowDigester(key)
	for _, table := range tablesOf(t.w.pending) {
		if err := t.sealTable(ctx, dg, table, idsOf(t.w.pending, table), sealed); err != nil {
			return "", err
		}
	}
	out := make([]audit.RowDigest, 0, len(t.w.pending))
	for _, r := range t.w.pending {
		out = append(out, sealed[r])
	}
	t.w.pending, t.w.seen = t.w.pending[:0], nil
	return audit.FormatRows(out), nil
}

// CheckRows compares every row of every audited table, as it stands, with
// its latest digest in the log (collected in ix from every entry), and
// returns how many rows it checked and the first that differs, is missing
// or has no audit entry.
func (t *Tx) CheckRows(ctx context.Context, ix *audit.RowIndex) (int, error) {
	key, err := t.secret(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, table := range auditedTables {
		if err := t.checkTable(ctx, ix, key, table, &n); err != nil {
			return n, err
		}
	}
	return n, ix.Missing()
}

func (t *Tx) checkTable(ctx context.Context, ix *audit.RowIndex, key []byte, table string, n *int) error {
	return t.eachRow(ctx, func(cols []string, id int64, vals []any) error {
		*n++
		return ix.Check(key, table, id, cols, vals)
	}, "SELECT * FROM "+table+" ORDER BY id")
}

// eachRow runs a SELECT * of an audited table and calls fn with every row
// as the driver gives it, and its id. vals is reused from row to row: fn
// keeps none of it.
func (t *Tx) eachRow(ctx context.Context, fn func(cols []string, id int64, vals []any) error, query string, args ...any) error {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return t.d.translate(err)
	}
	idCol := slices.Index(cols, "id")
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return t.d.translate(err)
		}
		id, _ := vals[idCol].(int64)
		if err := fn(cols, id, vals); err != nil {
			return err
		}
	}
	return t.d.translate(rows.Err())
}

// ContentDigest returns the keyed digest of a change's payload for its
// audit entry (see audit.Keyed).
func (t *Tx) ContentDigest(ctx context.Context, payload []byte) (string, error) {
	key, err := t.secret(ctx)
	if err != nil {
		return "", err
	}
	return audit.Keyed(key, payload), nil
}

// secretCache holds the installation's digest key once read.
type secretCache struct {
	mu  sync.Mutex
	key []byte
}

// secret returns the installation's secret digest key, reading it from
// the database the first time.
func (t *Tx) secret(ctx context.Context) ([]byte, error) {
	t.sec.mu.Lock()
	defer t.sec.mu.Unlock()
	if t.sec.key != nil {
		return t.sec.key, nil
	}
	var s string
	if err := t.queryRow(ctx, "SELECT secret FROM audit_secret WHERE id = 1").Scan(&s); err != nil {
		return nil, sojourn.Internal(fmt.Errorf("read the audit digest key (run `sojourn migrate`): %w", err))
	}
	key, err := hex.DecodeString(s)
	if err != nil || len(key) < 32 {
		return nil, sojourn.Internal(errors.New("the audit digest key is not 32 bytes of hex"))
	}
	t.sec.key = key
	return key, nil
}

// ensureSecret makes the installation's secret digest key if it has none:
// 256 random bits, kept in the database, where the API never reads it.
func (t *Tx) ensureSecret(ctx context.Context) error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	_, err := t.exec(ctx, "INSERT INTO audit_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", hex.EncodeToString(key))
	return err
}

// AuditedTables returns the business tables whose rows the audit log
// carries digests of.
func AuditedTables() []string { return slices.Clone(auditedTables) }

// UnsealedRows returns up to limit ids, lowest first, of rows of an audited
// table that no audit entry has digested: rows written before schema 7, or
// behind Sojourn's back.
func (t *Tx) UnsealedRows(ctx context.Context, table string, limit int) ([]int64, error) {
	if !audited(table) {
		return nil, sojourn.Errorf(sojourn.CodeInvalid, "%s is not an audited table", table)
	}
	return getAll(ctx, t, func(s scanner) (int64, error) {
		var id int64
		return id, s.Scan(&id)
	}, "SELECT id FROM "+table+" WHERE NOT EXISTS (SELECT 1 FROM audit_rows WHERE tbl = ? AND row_id = "+table+".id) ORDER BY id LIMIT ?",
		table, limit)
}

// Seal remembers rows of an audited table for the next audit entry, which
// digests them as they stand: the log vouches for them from then on.
func (t *Tx) Seal(table string, ids []int64) {
	for _, id := range ids {
		t.wrote(table, id)
	}
}
