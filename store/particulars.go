package store

import (
	"context"

	"sojourn"
)

const particularsColumns = `SELECT ground, exceptional_route, stay_purpose, stay_until, approved_by, approval_authority,
	approved_on, approval_grounds, suspended_from, enforced_on FROM case_particulars`

func scanParticulars(s scanner) (*sojourn.Particulars, error) {
	var p sojourn.Particulars
	var a sojourn.Approval
	err := s.Scan(&p.Ground, &p.ExceptionalRoute, &p.ParticularsInput.StayPurpose, &p.StayUntil, &a.By, &a.Authority,
		&a.ApprovedOn, &a.Grounds, &p.SuspendedFrom, &p.EnforcedOn)
	if a.By != "" {
		p.Approval = &a
	}
	return &p, err
}

// AddParticulars stores the particulars of a new case.
func (t *Tx) AddParticulars(ctx context.Context, caseID int64, in sojourn.ParticularsInput) (*sojourn.Particulars, error) {
	_, err := t.insert(ctx, `INSERT INTO case_particulars (id, ground, exceptional_route, stay_purpose, stay_until)
		VALUES (?, ?, ?, ?, ?)`, caseID, in.Ground, in.ExceptionalRoute, in.StayPurpose, in.StayUntil)
	return &sojourn.Particulars{ParticularsInput: in}, err
}

// ParticularsOf returns a case's particulars, nil when it has none.
func (t *Tx) ParticularsOf(ctx context.Context, caseID int64) (*sojourn.Particulars, error) {
	p, err := getOne(ctx, t, "case particulars", scanParticulars, particularsColumns+" WHERE id = ?", caseID)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
		return nil, nil
	}
	return p, err
}

// UpdateParticulars stores what the server records on a case as it goes
// on: approval, suspension, enforcement.
func (t *Tx) UpdateParticulars(ctx context.Context, caseID int64, p sojourn.Particulars) error {
	var a sojourn.Approval
	if p.Approval != nil {
		a = *p.Approval
	}
	_, err := t.update(ctx, `UPDATE case_particulars SET approved_by = ?, approval_authority = ?, approved_on = ?,
		approval_grounds = ?, suspended_from = ?, enforced_on = ? WHERE id = ?`,
		a.By, a.Authority, a.ApprovedOn, a.Grounds, string(p.SuspendedFrom), p.EnforcedOn, caseID)
	return err
}

// ListApprovals returns the approvals on cases at the levels v sees, of
// v's authority or given by it (every authority's when v has none), by
// case, at most limit after the case id after.
func (t *Tx) ListApprovals(ctx context.Context, v Visibility, after int64, limit int) ([]sojourn.CaseApproval, error) {
	where, args := Visibility{Levels: v.Levels}.where("", "c.classification")
	if v.Authority != "" {
		where += " AND (c.authority = ? OR p.approval_authority = ?)"
		args = append(args, v.Authority, v.Authority)
	}
	return getAll(ctx, t, scanApproval, `SELECT p.id, c.authority, c.classification, p.approved_by, p.approval_authority,
		p.approved_on, p.approval_grounds FROM case_particulars p JOIN cases c ON c.id = p.id
		WHERE p.approved_by <> '' AND p.id > ?`+where+" ORDER BY p.id LIMIT ?", append(append([]any{after}, args...), limit)...)
}

func scanApproval(s scanner) (sojourn.CaseApproval, error) {
	var a sojourn.CaseApproval
	err := s.Scan(&a.CaseID, &a.CaseAuthority, &a.Classification, &a.By, &a.Authority, &a.ApprovedOn, &a.Grounds)
	return a, err
}
