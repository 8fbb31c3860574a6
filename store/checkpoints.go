package store

import (
	"context"
	"encoding/json"

	"sojourn/audit"
)

// AuditHeads returns the head of every audit chain, in chain order; an
// empty chain's head is entry 0 with the genesis hash.
func (t *Tx) AuditHeads(ctx context.Context) ([]audit.Head, error) {
	return getAll(ctx, t, func(s scanner) (audit.Head, error) {
		var h audit.Head
		err := s.Scan(&h.Chain, &h.Seq, &h.Hash)
		return h, err
	}, "SELECT chain, seq, hash FROM audit_heads ORDER BY chain")
}

// NextCheckpointSeq returns the number the next checkpoint takes. Two
// checkpoints taken at once get the same number; the second to commit
// fails with a conflict.
func (t *Tx) NextCheckpointSeq(ctx context.Context) (int64, error) {
	var n int64
	err := t.queryRow(ctx, "SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_checkpoints").Scan(&n)
	return n, t.d.translate(err)
}

// AddCheckpoint stores a signed checkpoint.
func (t *Tx) AddCheckpoint(ctx context.Context, c audit.Checkpoint) error {
	_, err := t.exec(ctx, `INSERT INTO audit_checkpoints (seq, at, heads, root, key_id, public_key, signature)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Seq, micros(c.At), jsonText(c.Heads), c.Root, c.KeyID, c.PublicKey, c.Signature)
	return err
}

// Checkpoints returns every checkpoint, oldest first.
func (t *Tx) Checkpoints(ctx context.Context) ([]audit.Checkpoint, error) {
	return getAll(ctx, t, func(s scanner) (audit.Checkpoint, error) {
		var c audit.Checkpoint
		var at int64
		var heads string
		err := s.Scan(&c.Seq, &at, &heads, &c.Root, &c.KeyID, &c.PublicKey, &c.Signature)
		if err == nil {
			err = json.Unmarshal([]byte(heads), &c.Heads)
		}
		c.At = fromMicros(at)
		return c, err
	}, "SELECT seq, at, heads, root, key_id, public_key, signature FROM audit_checkpoints ORDER BY seq")
}
