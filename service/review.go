package service

import (
	"context"

	"sojourn"
)

// Review cases are decided under the pack "review" (policies/review.yaml),
// from what the ledger says of the person on the case's filing date (the
// campaign's date), as known at the evaluation's record time. The pack and
// inputs are registered here, with the review case type's other code.
func init() {
	caseInputs[sojourn.CaseReview] = map[string]inputSource{
		"registered": func(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date) (any, error) {
			facts, err := f.tx.FactsOf(ctx, c.PersonID)
			for _, fact := range sojourn.KnownFacts(facts, f.knownAt) {
				if fact.Kind == sojourn.FactRegistration && fact.ValidOn(on) {
					return true, err
				}
			}
			return false, err
		},
		"legal_state": func(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date) (any, error) {
			facts, err := f.tx.FactsOf(ctx, c.PersonID)
			return sojourn.StatusOn(c.PersonID, facts, on, f.knownAt).State, err
		},
	}
}
