package store

import (
	"context"
	"encoding/json"
	"time"

	"sojourn"
)

const delegationColumns = `SELECT id, from_authority, to_authority, case_types, countries, valid_from, valid_to,
	conditions, obligations, legal_ref, revoked_on, revocation_reason, created_by, created_at FROM delegations`

func scanDelegation(s scanner) (sojourn.Delegation, error) {
	var d sojourn.Delegation
	var types, countries, conds, obls string
	var created int64
	err := s.Scan(&d.ID, &d.From, &d.To, &types, &countries, &d.ValidFrom, &d.ValidTo, &conds, &obls,
		&d.LegalRef, &d.RevokedOn, &d.RevocationReason, &d.CreatedBy, &created)
	if err != nil {
		return d, err
	}
	d.CreatedAt = fromMicros(created)
	for _, f := range []struct {
		text string
		into any
	}{{types, &d.Scope.CaseTypes}, {countries, &d.Scope.Countries}, {conds, &d.Conditions}, {obls, &d.Obligations}} {
		if err := json.Unmarshal([]byte(f.text), f.into); err != nil {
			return d, err
		}
	}
	return d, nil
}

// CreateDelegation inserts a delegation and returns it with its id.
func (t *Tx) CreateDelegation(ctx context.Context, in sojourn.DelegationInput, by string, now time.Time) (sojourn.Delegation, error) {
	d := sojourn.Delegation{From: in.From, To: in.To,
		Scope:  sojourn.Scope{CaseTypes: nonNil(in.Scope.CaseTypes), Countries: nonNil(in.Scope.Countries)},
		Period: sojourn.Period{ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}, Conditions: nonNil(in.Conditions),
		Obligations: nonNil(in.Obligations), LegalRef: in.LegalRef, CreatedBy: by, CreatedAt: fromMicros(micros(now))}
	var err error
	d.ID, err = t.insert(ctx, `INSERT INTO delegations (from_authority, to_authority, case_types, countries, valid_from,
		valid_to, conditions, obligations, legal_ref, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.From, d.To, jsonText(d.Scope.CaseTypes), jsonText(d.Scope.Countries), d.ValidFrom, d.ValidTo,
		jsonText(d.Conditions), jsonText(d.Obligations), d.LegalRef, by, micros(now))
	return d, err
}

// DelegationByID returns one delegation.
func (t *Tx) DelegationByID(ctx context.Context, id int64) (sojourn.Delegation, error) {
	return getOne(ctx, t, "delegation", scanDelegation, delegationColumns+" WHERE id = ?", id)
}

// DelegationsTo returns the delegations to an authority, newest first.
func (t *Tx) DelegationsTo(ctx context.Context, authority string) ([]sojourn.Delegation, error) {
	return getAll(ctx, t, scanDelegation, delegationColumns+" WHERE to_authority = ? ORDER BY valid_from DESC, id DESC", authority)
}

// DelegationsOf returns the delegations from or to an authority ("" for
// all), by id.
func (t *Tx) DelegationsOf(ctx context.Context, authority string) ([]sojourn.Delegation, error) {
	return getAll(ctx, t, scanDelegation, delegationColumns+` WHERE ? = '' OR from_authority = ? OR to_authority = ?
		ORDER BY id`, authority, authority, authority)
}

// RevokeDelegation records that a delegation no longer holds from on.
func (t *Tx) RevokeDelegation(ctx context.Context, id int64, on sojourn.Date, reason string) error {
	_, err := t.update(ctx, "UPDATE delegations SET revoked_on = ?, revocation_reason = ? WHERE id = ?", on, reason, id)
	return err
}

// DecisionsUnder returns the decisions taken under a delegation dated on or
// after a date, oldest first.
func (t *Tx) DecisionsUnder(ctx context.Context, delegationID int64, from sojourn.Date) ([]sojourn.Decision, error) {
	return getAll(ctx, t, scanDecision, decisionColumns+" WHERE d.delegation_id = ? AND d.decided_on >= ? ORDER BY d.decided_on, d.id",
		delegationID, from)
}

// EndedDelegations returns the delegations whose period ended before a
// date and that were not revoked (a revocation returns its cases itself).
func (t *Tx) EndedDelegations(ctx context.Context, before sojourn.Date) ([]sojourn.Delegation, error) {
	return getAll(ctx, t, scanDelegation, delegationColumns+" WHERE valid_to IS NOT NULL AND valid_to < ? AND revoked_on IS NULL ORDER BY id", before)
}

// nonNil returns list, or an empty list for nil, so that it encodes as [].
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// nullID maps the id 0 to NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
