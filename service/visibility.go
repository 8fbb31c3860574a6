package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// visibility is what the actor may see, in the form a listing query selects
// by (before its limit): the authority they are scoped to and the levels
// their clearance covers.
func visibility(a sojourn.Actor) store.Visibility {
	return store.Visibility{Authority: access.Scope(a), Levels: access.Levels(a)}
}

// cleared reports whether the actor's clearance covers a classification.
// An answer naming objects the actor reaches other than by reading them
// (cases an abolition or the end of a delegation moves, obligations flagged
// overdue) names only those it covers; the work itself spares none.
func cleared(a sojourn.Actor, level sojourn.Level) bool {
	return access.Sees(a, access.Target{Classification: level})
}

// authorizeObligation checks the actor may take act on an obligation: as
// staff of the authority that owes it or of the one it is owed to, with the
// clearance for the case it arises from.
func authorizeObligation(ctx context.Context, act access.Action, o sojourn.Obligation) error {
	_, err := authorize(ctx, act, access.Target{Authority: o.Obligor, Classification: o.Classification})
	if sojourn.ErrorCode(err) != sojourn.CodeNotFound {
		return err
	}
	_, err = authorize(ctx, act, access.Target{Authority: o.OwedTo, Classification: o.Classification})
	return err
}
