package service

import (
	"context"

	"sojourn"
	"sojourn/policy"
	"sojourn/store"
)

// notInFuture refuses a date after today (the server's clock): a birth or a
// decision cannot have happened yet.
func notInFuture(what, field string, d, today sojourn.Date) error {
	if !d.After(today) {
		return nil
	}
	return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid " + what,
		Fields: []sojourn.FieldError{{Field: field, Message: "is in the future (today is " + today.String() + ")"}}}
}

// decisionNotAhead refuses a decision dated after today unless the pack in
// use for the case's type allows such decisions (future_decisions: allowed).
func decisionNotAhead(ctx context.Context, tx *store.Tx, c sojourn.Case, on sojourn.Date) error {
	today := sojourn.DateOf(tx.Now())
	if !on.After(today) {
		return nil
	}
	p, _, found, err := packInUse(ctx, tx, c.Type)
	if err != nil || (found && p.FutureDecisions == policy.FutureDecisionsAllowed) {
		return err
	}
	return notInFuture("decision", "decided_on", on, today)
}
