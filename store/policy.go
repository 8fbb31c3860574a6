package store

import (
	"context"
	"time"
)

// PolicyPack is one uploaded revision of a policy pack: the YAML source as
// uploaded and its content hash. Rows are never changed; the newest revision
// of a name is the one in use.
type PolicyPack struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Revision   int64     `json:"revision"`
	Source     string    `json:"source"`
	Hash       string    `json:"hash"`
	UploadedBy string    `json:"uploaded_by"`
	UploadedAt time.Time `json:"uploaded_at"`
}

const packColumns = "SELECT id, name, revision, source, hash, uploaded_by, uploaded_at FROM policy_packs"

func scanPack(s scanner) (PolicyPack, error) {
	var p PolicyPack
	var at int64
	err := s.Scan(&p.ID, &p.Name, &p.Revision, &p.Source, &p.Hash, &p.UploadedBy, &at)
	p.UploadedAt = fromMicros(at)
	return p, err
}

// AddPolicyPack stores a new revision of the pack named p.Name, numbered one
// past the newest; two uploads racing for a number conflict.
func (t *Tx) AddPolicyPack(ctx context.Context, p PolicyPack) (PolicyPack, error) {
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
func (t *Tx) PolicyPackRevision(ctx context.Context, name string, rev int64) (PolicyPack, error) {
	return getOne(ctx, t, "policy pack "+name, scanPack, packColumns+` WHERE name = ? AND (revision = ? OR (? = 0 AND
		revision = (SELECT MAX(revision) FROM policy_packs WHERE name = ?)))`, name, rev, rev, name)
}

// LatestPolicyPacks returns the newest revision of every pack, by name.
func (t *Tx) LatestPolicyPacks(ctx context.Context) ([]PolicyPack, error) {
	return getAll(ctx, t, scanPack, packColumns+` p WHERE revision =
		(SELECT MAX(revision) FROM policy_packs q WHERE q.name = p.name) ORDER BY name`)
}
