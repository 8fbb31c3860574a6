package store

import (
	"context"
	"time"

	"sojourn"
)

// caseLevel is the classification of an obligation's case, which decides
// who may see the obligation.
const caseLevel = "(SELECT c.classification FROM cases c WHERE c.id = obligations.case_id)"

// obligationColumns reads an obligation with its case's classification.
const obligationColumns = `SELECT id, delegation_id, decision_id, case_id, template, obligor, owed_to, person_id, person,
	reason, description, due_on, fulfilled_on, report_ref, flagged_on, created_at, ` + caseLevel + ` FROM obligations`

func scanObligation(s scanner) (sojourn.Obligation, error) {
	var o sojourn.Obligation
	var created int64
	err := s.Scan(&o.ID, &o.DelegationID, &o.DecisionID, &o.CaseID, &o.Template, &o.Obligor, &o.OwedTo, &o.PersonID,
		&o.Person, &o.Reason, &o.Description, &o.DueOn, &o.FulfilledOn, &o.ReportRef, &o.FlaggedOn, &created, &o.Classification)
	o.CreatedAt = fromMicros(created)
	return o, err
}

// CreateObligation inserts an open obligation and returns it with its id.
func (t *Tx) CreateObligation(ctx context.Context, o sojourn.Obligation, now time.Time) (sojourn.Obligation, error) {
	var err error
	o.CreatedAt = fromMicros(micros(now))
	o.ID, err = t.insert(ctx, `INSERT INTO obligations (delegation_id, decision_id, case_id, template, obligor, owed_to,
		person_id, person, reason, description, due_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.DelegationID, o.DecisionID, o.CaseID, o.Template, o.Obligor, o.OwedTo, o.PersonID, o.Person, o.Reason,
		o.Description, o.DueOn, micros(now))
	return o, err
}

// ObligationByID returns one obligation; lock holds it for a change.
func (t *Tx) ObligationByID(ctx context.Context, id int64, lock bool) (sojourn.Obligation, error) {
	q := obligationColumns + " WHERE id = ?"
	if lock {
		q += t.d.forUpdate
	}
	return getOne(ctx, t, "obligation", scanObligation, q, id)
}

// ObligationsOfCase returns the obligations arising from a case's decisions.
func (t *Tx) ObligationsOfCase(ctx context.Context, caseID int64) ([]sojourn.Obligation, error) {
	return getAll(ctx, t, scanObligation, obligationColumns+" WHERE case_id = ? ORDER BY id", caseID)
}

// FulfilObligation links the report that fulfils an obligation.
func (t *Tx) FulfilObligation(ctx context.Context, id int64, on sojourn.Date, ref string) error {
	_, err := t.update(ctx, "UPDATE obligations SET fulfilled_on = ?, report_ref = ? WHERE id = ?", on, ref, id)
	return err
}

// overdueWhere selects obligations past due on a date and not fulfilled on
// or before it.
const overdueWhere = " due_on < ? AND (fulfilled_on IS NULL OR fulfilled_on > ?)"

// OverdueObligations returns the obligations owed to an authority ("" for
// every authority) that are overdue on the date and whose case is at one of
// the levels, oldest due first.
func (t *Tx) OverdueObligations(ctx context.Context, owedTo string, levels []sojourn.Level, on sojourn.Date) ([]sojourn.Obligation, error) {
	vis, args := Visibility{Levels: levels}.where("", caseLevel)
	return getAll(ctx, t, scanObligation, obligationColumns+" WHERE (? = '' OR owed_to = ?) AND"+overdueWhere+
		vis+" ORDER BY due_on, id",
		append([]any{owedTo, owedTo, on, on}, args...)...)
}

// FlagObligation records the day an obligation was first found overdue; it
// reports false when it had been flagged already (e.g. by another instance).
func (t *Tx) FlagObligation(ctx context.Context, id int64, on sojourn.Date) (bool, error) {
	n, err := t.update(ctx, "UPDATE obligations SET flagged_on = ? WHERE id = ? AND flagged_on IS NULL", on, id)
	return n == 1, err
}
