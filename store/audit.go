package store

import (
	"context"

	"sojourn/audit"
)

const auditColumns = "SELECT chain, seq, at, actor, action, object, digest, prev_hash, hash FROM audit_log"

func scanAudit(s scanner) (audit.Entry, error) {
	var e audit.Entry
	var at int64
	err := s.Scan(&e.Chain, &e.Seq, &at, &e.Actor, &e.Action, &e.Object, &e.Digest, &e.PrevHash, &e.Hash)
	e.At = fromMicros(at)
	return e, err
}

// AppendAudit seals e as the next entry of its object's chain and stores it.
// The chain head row is locked for the rest of the transaction (PostgreSQL),
// so entries of one chain are appended one at a time.
func (t *Tx) AppendAudit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
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
	if _, err := t.exec(ctx, `INSERT INTO audit_log (chain, seq, at, actor, action, object, digest, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Chain, e.Seq, micros(e.At), e.Actor, e.Action, e.Object, e.Digest,
		e.PrevHash, e.Hash); err != nil {
		return e, err
	}
	_, err = t.exec(ctx, "UPDATE audit_heads SET seq = ?, hash = ?, at = ? WHERE chain = ?", e.Seq, e.Hash, micros(e.At), chain)
	return e, err
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Object string
	Limit  int
}

// AuditEntries returns entries in chain order, optionally of one object.
func (t *Tx) AuditEntries(ctx context.Context, f AuditFilter) ([]audit.Entry, error) {
	if f.Limit <= 0 {
		f.Limit = 1 << 30
	}
	return getAll(ctx, t, scanAudit, auditColumns+" WHERE (? = '' OR object = ?) ORDER BY chain, seq LIMIT ?",
		f.Object, f.Object, f.Limit)
}

// CountAudit returns the number of audit entries.
func (t *Tx) CountAudit(ctx context.Context) (int64, error) {
	var n int64
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM audit_log").Scan(&n)
	return n, t.d.translate(err)
}
