package service

import (
	"encoding/json"

	"sojourn"
)

// byHand is the one rule for deciding a case with no policy pack in force
// for its type (none uploaded, or no version of it in force on the
// evaluation date), whatever route decides it: it is refused unless the
// officer gives override grounds, and then the decision is made by hand,
// its explanation naming the missing pack, why it is missing and the
// grounds. e is the evaluation as far as it got.
func byHand(c sojourn.Case, e Explanation, in sojourn.DecisionInput) (json.RawMessage, error) {
	if e.Pack == "" {
		e.Pack = packFor(c.Type)
	}
	if e.Error == "" {
		e.Error = "no policy pack " + e.Pack + " is in use"
	}
	if in.OverrideGrounds == "" {
		return nil, &sojourn.Error{Code: sojourn.CodeInvalid,
			Message: "no policy pack in force for " + c.Type + " cases (" + e.Error + ")",
			Fields: []sojourn.FieldError{{Field: "override_grounds",
				Message: "is required to decide by hand: upload policy pack " + e.Pack + " or give the grounds"}}}
	}
	return explain(e, in)
}
