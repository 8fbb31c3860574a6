package service

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/audit"
	"sojourn/store"
)

// AuditQuery selects audit entries for an auditor: every set field must
// match; From is inclusive, To exclusive; After pages on from an entry.
type AuditQuery struct {
	Object string
	Actor  string
	Action string
	From   time.Time
	To     time.Time
	After  *audit.Head
	Limit  int
}

// Validate checks the query field by field.
func (q AuditQuery) Validate() error {
	var p sojourn.Problems
	p.MaxLen("object", q.Object, 200)
	p.MaxLen("actor", q.Actor, 200)
	p.MaxLen("action", q.Action, 200)
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		p.Add("to", "must be after from")
	}
	if q.After != nil && (q.After.Chain < 0 || q.After.Chain >= audit.Chains || q.After.Seq < 0) {
		p.Add("after", "must name an entry as CHAIN/SEQ, chain 0 to %d", audit.Chains-1)
	}
	return p.Err("audit query")
}

// AuditLog returns the audit entries a query selects, in chain order, for
// auditors: only entries whose classification (that of the case they
// describe, recorded when written) the auditor's clearance covers, selected
// in the query before the limit.
func (s *Service) AuditLog(ctx context.Context, q AuditQuery) ([]audit.Entry, error) {
	if err := precheck(ctx, access.ReadAudit, q); err != nil {
		return nil, err
	}
	a := ActorFrom(ctx)
	var out []audit.Entry
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.AuditEntries(ctx, store.AuditFilter{Object: q.Object, Actor: q.Actor, Action: q.Action,
			From: q.From, To: q.To, After: q.After, Levels: access.Levels(a), Limit: s.limit(q.Limit)})
		return err
	})
	return out, err
}

// ExportAudit writes the whole audit log with its checkpoints to w, for
// auditors cleared top secret (the whole log holds entries of every level),
// in the format `sojourn audit verify` checks offline. Nothing is written
// unless the actor may read all of it. Checkpoints are read before the
// entries, so every entry a checkpoint covers is in the export.
func (s *Service) ExportAudit(ctx context.Context, w io.Writer) error {
	a, err := authorize(ctx, access.ReadAudit, access.Target{})
	if err != nil {
		return err
	}
	if top := sojourn.Levels[len(sojourn.Levels)-1]; !a.Clearance.Covers(top) {
		return sojourn.Errorf(sojourn.CodeForbidden, "exporting the whole audit log needs clearance %s; search it with GET /api/v1/audit", top)
	}
	return s.store.Read(ctx, func(tx *store.Tx) error {
		cps, err := tx.Checkpoints(ctx)
		if err != nil {
			return err
		}
		h := audit.Header{ExportedAt: s.now()}
		if len(cps) > 0 {
			h.PublicKey = cps[len(cps)-1].PublicKey
		}
		x, err := audit.NewWriter(w, h)
		if err != nil {
			return err
		}
		if err := tx.EachAudit(ctx, x.Entry); err != nil {
			return err
		}
		for _, c := range cps {
			if err := x.Checkpoint(c); err != nil {
				return err
			}
		}
		return x.Close()
	})
}

// ErrNoAuditKey is returned by Checkpoint when no signing key is configured.
var ErrNoAuditKey = errors.New("no audit signing key configured (--audit-key or SOJOURN_AUDIT_KEY)")

// Checkpoint signs the current heads of every audit chain with the
// configured key, stores the checkpoint and, once it is committed, appends
// it to the configured witness. It is a system task, for the CLI and a
// scheduler: whoever holds the signing key may take it, and it is not
// offered over HTTP. A checkpoint stored but refused by the witness is an
// error: the witness is how a log cut back shows.
func (s *Service) Checkpoint(ctx context.Context) (audit.Checkpoint, error) {
	if s.cfg.AuditKey == nil {
		return audit.Checkpoint{}, ErrNoAuditKey
	}
	var out audit.Checkpoint
	err := s.write(ctx, func(tx *store.Tx) error {
		seq, err := tx.NextCheckpointSeq(ctx)
		if err != nil {
			return err
		}
		heads, err := tx.AuditHeads(ctx)
		if err != nil {
			return err
		}
		if out, err = audit.Sign(seq, heads, tx.Now(), s.cfg.AuditKey); err != nil {
			return sojourn.Internal(err)
		}
		return tx.AddCheckpoint(ctx, out)
	})
	if err != nil || s.cfg.Witness == nil {
		return out, err
	}
	if err := s.cfg.Witness.Append(ctx, out); err != nil {
		return out, fmt.Errorf("checkpoint %d stored but not witnessed: %w", out.Seq, err)
	}
	return out, nil
}

// VerifyOptions says what a verification of the stored log trusts: the
// public keys of the checkpoints' signers (none: the keys the log names)
// and the checkpoints a witness holds.
type VerifyOptions struct {
	Keys      []ed25519.PublicKey
	Witnessed []audit.Checkpoint
}

// VerifyAudit verifies the stored audit log, for auditors, in one snapshot
// of the database: every chain, every checkpoint against the trusted keys,
// the log against the checkpoints a witness holds (it must still extend
// each), and then every business row against the latest keyed digest the
// log holds of it. It returns the first failure: a broken entry
// (*audit.Break), a checkpoint (*audit.CheckpointError), the witness
// (*audit.WitnessError) or a row changed, deleted or inserted behind
// Sojourn's back (*audit.RowError).
func (s *Service) VerifyAudit(ctx context.Context, opts VerifyOptions) (audit.Report, error) {
	if _, err := authorize(ctx, access.ReadAudit, access.Target{}); err != nil {
		return audit.Report{}, err
	}
	var rep audit.Report
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		cps, err := tx.Checkpoints(ctx)
		if err != nil {
			return err
		}
		v := audit.NewVerifier()
		rows := audit.NewRowIndex()
		var rowsErr error
		if err := tx.EachAudit(ctx, func(e audit.Entry) error {
			v.Add(e, e.ComputeHash())
			if rowsErr == nil {
				rowsErr = rows.Add(e)
			}
			return nil
		}); err != nil {
			return err
		}
		x := audit.NewCheckpoints(v, opts.Keys)
		for _, c := range cps {
			x.Add(c)
		}
		x.Witnessed(opts.Witnessed)
		if rep, err = x.Result(); err != nil {
			return err
		}
		if rowsErr != nil {
			return rowsErr
		}
		rep.Rows, err = tx.CheckRows(ctx, rows)
		return err
	})
	return rep, err
}

// sealBatch is how many rows one audit.seal entry vouches for.
const sealBatch = 1000

// SealRows appends audit entries (action audit.seal, object table/NAME)
// carrying the digests of every business row no entry has digested yet, a
// batch per transaction, and returns how many rows it sealed. Run once
// after upgrading a database to row digests; any later row it finds was
// written behind Sojourn's back, and sealing it vouches for it, under the
// name of whoever ran it. A system task for administrators, from the CLI.
func (s *Service) SealRows(ctx context.Context) (int, error) {
	a := ActorFrom(ctx)
	if a.Role != sojourn.RoleAdmin {
		return 0, sojourn.Errorf(sojourn.CodeForbidden, "only an administrator may seal rows")
	}
	total := 0
	for _, table := range store.AuditedTables() {
		for n := sealBatch; n == sealBatch; {
			err := s.write(ctx, func(tx *store.Tx) error {
				ids, err := tx.UnsealedRows(ctx, table, sealBatch)
				if n = len(ids); err != nil || n == 0 {
					return err
				}
				tx.Seal(table, ids)
				return s.record(ctx, tx, a, access.Action("audit.seal"), "table/"+table, map[string]any{"rows": ids})
			})
			if err != nil {
				return total, err
			}
			total += n
		}
	}
	return total, nil
}
