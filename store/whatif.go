package store

import (
	"context"
	"encoding/json"

	"sojourn"
)

// AddWhatIfResult stores one changed case of a what-if run.
func (t *Tx) AddWhatIfResult(ctx context.Context, r sojourn.WhatIfResult) error {
	_, err := t.exec(ctx, `INSERT INTO whatif_results (job_id, case_id, person_id, person_name, before_outcome,
		before_explanation, after_outcome, after_explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		r.JobID, r.CaseID, r.PersonID, r.PersonName, r.BeforeOutcome, string(r.BeforeExplanation),
		r.AfterOutcome, string(r.AfterExplanation))
	return err
}

// WhatIfResults returns one page of the changed cases of a what-if run that
// v may see (by the case's authority and classification now), by case id:
// at most limit after the case id after.
func (t *Tx) WhatIfResults(ctx context.Context, jobID int64, v Visibility, after int64, limit int) ([]sojourn.WhatIfResult, error) {
	where, args := whatIfWhere(jobID, v)
	return getAll(ctx, t, func(s scanner) (sojourn.WhatIfResult, error) {
		var r sojourn.WhatIfResult
		var before, after string
		err := s.Scan(&r.JobID, &r.CaseID, &r.PersonID, &r.PersonName, &r.BeforeOutcome, &before, &r.AfterOutcome, &after, &r.Classification)
		r.BeforeExplanation, r.AfterExplanation = json.RawMessage(before), json.RawMessage(after)
		return r, err
	}, `SELECT r.job_id, r.case_id, r.person_id, r.person_name, r.before_outcome, r.before_explanation, r.after_outcome,
		r.after_explanation, c.classification FROM whatif_results r`+where+" AND r.case_id > ? ORDER BY r.case_id LIMIT ?", append(args, after, limit)...)
}

// whatIfWhere selects the results of a run that v may see.
func whatIfWhere(jobID int64, v Visibility) (string, []any) {
	cond, args := v.where("c.authority", "c.classification")
	return " JOIN cases c ON c.id = r.case_id WHERE r.job_id = ?" + cond, append([]any{jobID}, args...)
}

// CaseScope selects the cases a what-if run covers: of one type, of one
// authority ("" for all), open ones only or all, filed within a period
// (zero dates: no bound); one page after a case id.
type CaseScope struct {
	Type      string
	Authority string
	OpenOnly  bool
	FiledFrom sojourn.Date
	FiledTo   sojourn.Date
	After     int64
	Limit     int
}

const scopeWhere = ` WHERE type = ? AND (? = '' OR authority = ?) AND (? = 0 OR state IN ('filed', 'in_review'))
	AND (? = '' OR filed_on >= ?) AND (? = '' OR filed_on <= ?)`

func (f CaseScope) args() []any {
	open := 0
	if f.OpenOnly {
		open = 1
	}
	return []any{f.Type, f.Authority, f.Authority, open, f.FiledFrom.String(), f.FiledFrom, f.FiledTo.String(), f.FiledTo}
}

// ScopeCases returns one page of the cases in scope, by id.
func (t *Tx) ScopeCases(ctx context.Context, f CaseScope) ([]sojourn.Case, error) {
	return getAll(ctx, t, scanCase, caseColumns+scopeWhere+" AND id > ? ORDER BY id LIMIT ?",
		append(f.args(), f.After, f.Limit)...)
}

// CountScopeCases counts the cases in scope.
func (t *Tx) CountScopeCases(ctx context.Context, f CaseScope) (int, error) {
	var n int
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM cases"+scopeWhere, f.args()...).Scan(&n)
	return n, t.d.translate(err)
}

// CountWhatIfResults counts the changed cases of a what-if run that v may
// see.
func (t *Tx) CountWhatIfResults(ctx context.Context, jobID int64, v Visibility) (int, error) {
	var n int
	where, args := whatIfWhere(jobID, v)
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM whatif_results r"+where, args...).Scan(&n)
	return n, t.d.translate(err)
}

// ClearWhatIfResults deletes what a what-if run stored, so that a run taken
// over after its worker died starts afresh.
func (t *Tx) ClearWhatIfResults(ctx context.Context, jobID int64) error {
	_, err := t.exec(ctx, "DELETE FROM whatif_results WHERE job_id = ?", jobID)
	return err
}
