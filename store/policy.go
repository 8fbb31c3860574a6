package store

import (
	"context"

	"sojourn"
)

const packColumns = "SELECT id, name, revision, source, hash, uploaded_by, uploaded_at FROM policy_packs"

func scanPack(s scanner) (sojourn.PolicyPack, error) {
	var p sojourn.PolicyPack
	var at int64
	err := s.Scan(&p.ID, &p.Name, &p.Revision, &p.Source, &p.Hash, &p.UploadedBy, &at)
	p.UploadedAt = fromMicros(at)
	return p, err
}

// AddPolicyPack stores a new revision of the pack named p.Name, numbered one
// past the newest; two uploads racing for a number conflict.
func (t *Tx) AddPolicyPack(ctx context.Context, p sojourn.PolicyPack) (sojourn.PolicyPack, error) {
	err := t.queryRow(ctx, "SELECT COALESCE(MAX(revision), 0) + 1 FROM policy_packs WHERE name = ?", p.Name).Scan(&p.Revision)
	if err != nil {
		return p, t.d.translate(err)
	}
	p.UploadedAt = fromMicros(micros(p.UploadedAt))
	p.ID, err = t.insert(ctx, `INSERT INTO policy_packs (name, revision, source, hash, uploaded_by, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?)`, p.Name, p.Revision, p.Source, p.Hash, p.UploadedBy, micros(p.UploadedAt))
	return p, err
}

// PolicyPackRevision returns revision rev of the pack named name; rev 0 is
// the newest.
func (t *Tx) PolicyPackRevision(ctx context.Context, name string, rev int64) (sojourn.PolicyPack, error) {
	return getOne(ctx, t, "policy pack "+name, scanPack, packColumns+` WHERE name = ? AND (revision = ? OR (? = 0 AND
		revision = (SELECT MAX(revision) FROM policy_packs WHERE name = ?)))`, name, rev, rev, name)
}

// LatestPolicyPacks returns the newest revision of every pack, by name.
func (t *Tx) LatestPolicyPacks(ctx context.Context) ([]sojourn.PolicyPack, error) {
	return getAll(ctx, t, scanPack, packColumns+` p WHERE revision =
		(SELECT MAX(revision) FROM policy_packs q WHERE q.name = p.name) ORDER BY name`)
}
