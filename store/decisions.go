package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"sojourn"
)

const decisionColumns = `SELECT d.id, d.case_id, d.outcome, d.grounds, d.legal_refs, d.appeal_route, d.decided_by,
	d.decided_on, d.explanation, d.recorded_at, COALESCE(d.delegation_id, 0),
	p.id, p.number, p.person_id, p.case_id, p.authority, p.valid_from, p.valid_to
	FROM decisions d LEFT JOIN permits p ON p.id = d.permit_id`

func scanDecision(s scanner) (sojourn.Decision, error) {
	var d sojourn.Decision
	var refs string
	var explanation sql.NullString
	var at int64
	var pid, pperson, pcase sql.NullInt64
	var pnum, pauth sql.NullString
	var pfrom, pto sojourn.Date
	err := s.Scan(&d.ID, &d.CaseID, &d.Outcome, &d.Grounds, &refs, &d.AppealRoute, &d.DecidedBy,
		&d.DecidedOn, &explanation, &at, &d.DelegationID, &pid, &pnum, &pperson, &pcase, &pauth, &pfrom, &pto)
	if err != nil {
		return d, err
	}
	d.RecordedAt = fromMicros(at)
	if explanation.Valid {
		d.Explanation = json.RawMessage(explanation.String)
	}
	if pid.Valid {
		d.Permit = &sojourn.Permit{ID: pid.Int64, Number: pnum.String, PersonID: pperson.Int64, CaseID: pcase.Int64,
			Authority: pauth.String, Period: sojourn.Period{ValidFrom: pfrom, ValidTo: pto}}
	}
	return d, json.Unmarshal([]byte(refs), &d.LegalRefs)
}

// AddDecision inserts a decision (its permit, if any, already issued).
func (t *Tx) AddDecision(ctx context.Context, d sojourn.Decision) (sojourn.Decision, error) {
	var permitID any
	if d.Permit != nil {
		permitID = d.Permit.ID
	}
	var explanation any
	if len(d.Explanation) > 0 {
		explanation = string(d.Explanation)
	}
	if d.LegalRefs == nil {
		d.LegalRefs = []string{}
	}
	id, err := t.insert(ctx, `INSERT INTO decisions (case_id, outcome, grounds, legal_refs, appeal_route, decided_by,
		decided_on, permit_id, explanation, recorded_at, delegation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.CaseID, d.Outcome, d.Grounds, jsonText(d.LegalRefs), d.AppealRoute, d.DecidedBy, d.DecidedOn,
		permitID, explanation, micros(d.RecordedAt), nullID(d.DelegationID))
	d.ID = id
	return d, err
}

// DecisionsOf returns the decisions on a case, oldest first.
func (t *Tx) DecisionsOf(ctx context.Context, caseID int64) ([]sojourn.Decision, error) {
	return getAll(ctx, t, scanDecision, decisionColumns+" WHERE d.case_id = ? ORDER BY d.id", caseID)
}

// IssuePermit takes the next number of the authority's permit series and
// inserts the permit.
func (t *Tx) IssuePermit(ctx context.Context, p sojourn.Permit) (sojourn.Permit, error) {
	n, err := t.nextInSeries(ctx, p.Authority, "permit")
	if err != nil {
		return p, err
	}
	p.Number = sojourn.PermitNumber(n)
	p.ID, err = t.insert(ctx, `INSERT INTO permits (number, person_id, case_id, authority, valid_from, valid_to)
		VALUES (?, ?, ?, ?, ?, ?)`, p.Number, p.PersonID, p.CaseID, p.Authority, p.ValidFrom, p.ValidTo)
	return p, err
}

// nextInSeries returns the next number of a register series of an authority.
// The series row is the only lock taken, so series of different authorities
// never wait on each other.
func (t *Tx) nextInSeries(ctx context.Context, authority, name string) (int64, error) {
	var n int64
	err := t.queryRow(ctx, `INSERT INTO series (authority, name, last) VALUES (?, ?, 1)
		ON CONFLICT (authority, name) DO UPDATE SET last = series.last + 1 RETURNING last`, authority, name).Scan(&n)
	return n, t.d.translate(err)
}
