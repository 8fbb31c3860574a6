package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"sojourn"
)

// PermitRow is a permit with what its documents and checks need: the
// classification of its case, the day it was issued, the token of its
// verification page ("" for one issued before verification) and its
// revocation, if any.
type PermitRow struct {
	Permit         sojourn.Permit
	Classification sojourn.Level
	IssuedOn       sojourn.Date
	Token          string
	Revocation     *sojourn.PermitRevocation
}

const permitRowColumns = `SELECT p.id, p.number, p.person_id, p.case_id, p.authority, p.valid_from, p.valid_to,
	c.classification, d.decided_on, COALESCE(k.token, ''),
	r.id, r.revoked_on, r.grounds, r.legal_refs, r.revoked_by, r.recorded_at
	FROM permits p JOIN cases c ON c.id = p.case_id
	LEFT JOIN decisions d ON d.permit_id = p.id
	LEFT JOIN permit_tokens k ON k.permit_id = p.id
	LEFT JOIN permit_revocations r ON r.permit_id = p.id`

func scanPermitRow(s scanner) (PermitRow, error) {
	var row PermitRow
	p := &row.Permit
	var rid, rat sql.NullInt64
	var grounds, refs, by sql.NullString
	var on sojourn.Date
	err := s.Scan(&p.ID, &p.Number, &p.PersonID, &p.CaseID, &p.Authority, &p.ValidFrom, &p.ValidTo,
		&row.Classification, &row.IssuedOn, &row.Token, &rid, &on, &grounds, &refs, &by, &rat)
	if err != nil || !rid.Valid {
		return row, err
	}
	row.Revocation = &sojourn.PermitRevocation{RevokedOn: on, Grounds: grounds.String, RevokedBy: by.String,
		RecordedAt: fromMicros(rat.Int64)}
	return row, json.Unmarshal([]byte(refs.String), &row.Revocation.LegalRefs)
}

// PermitsNumbered returns the permits numbered number (of authority, if
// given) that v may see: numbers run per authority, so several
// authorities may each have one.
func (t *Tx) PermitsNumbered(ctx context.Context, number, authority string, v Visibility) ([]PermitRow, error) {
	q, args := permitRowColumns+" WHERE p.number = ?", []any{number}
	if authority != "" {
		q, args = q+" AND p.authority = ?", append(args, authority)
	}
	cond, more := v.where("p.authority", "c.classification")
	return getAll(ctx, t, scanPermitRow, q+cond+" ORDER BY p.id LIMIT 10", append(args, more...)...)
}

// PermitByTokenHash returns the permit whose verification token hashes
// to hash.
func (t *Tx) PermitByTokenHash(ctx context.Context, hash string) (PermitRow, error) {
	return getOne(ctx, t, "permit", scanPermitRow, permitRowColumns+" WHERE k.token_hash = ?", hash)
}

// AddPermitToken stores the verification token of a permit with its hash.
func (t *Tx) AddPermitToken(ctx context.Context, p sojourn.Permit, token, hash string) error {
	_, err := t.insert(ctx, `INSERT INTO permit_tokens (permit_id, authority, token_hash, token, recorded_at)
		VALUES (?, ?, ?, ?, ?)`, p.ID, p.Authority, hash, token, micros(t.Now()))
	return err
}

// RevokePermit records the revocation of a permit; a permit is revoked
// once (a second revocation is a conflict).
func (t *Tx) RevokePermit(ctx context.Context, p sojourn.Permit, r sojourn.PermitRevocation) error {
	_, err := t.insert(ctx, `INSERT INTO permit_revocations (permit_id, authority, revoked_on, grounds, legal_refs,
		revoked_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Authority, r.RevokedOn, r.Grounds,
		jsonText(r.LegalRefs), r.RevokedBy, micros(r.RecordedAt))
	return err
}
