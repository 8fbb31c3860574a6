package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Authority over time. An act is valid only if, on its date, the authority
// that does it, or at which it is done, had not been abolished; a step of
// the proceedings (decision, appeal, referral, closing) is never dated
// before the step it follows; and no case is left pending with an
// authority that can no longer decide it. Every write route goes through
// these checks; back-dating is allowed only within them.

// verbs names what each action does, for the refusal "LC cannot <verb> on
// <date>: functions of LC passed to SC on <date>".
var verbs = map[access.Action]string{
	access.FileCase:          "accept a filing",
	access.ReviewCase:        "review a case",
	access.AddEvidence:       "receive evidence",
	access.RecordConcurrence: "record a concurrence",
	access.DecideCase:        "decide",
	access.CloseCase:         "close a case",
	access.ReferCase:         "refer a case",
	access.RegisterPerson:    "keep a person's file",
	access.RecordDocument:    "record a document",
	access.ManageDelegations: "grant, receive or end a delegation",
	access.ManageSponsors:    "grant or end an accreditation",
	access.FulfilObligation:  "report to its delegator",
	access.RegisterResident:  "register a resident",
	access.RecordCitizenship: "record a citizenship",
	access.RecordElection:    "record an election",
	access.ApproveCase:       "approve a case",
	access.EnforceDeparture:  "enforce a departure",
	access.RecordProtection:  "record a protection",
	access.LiftProtection:    "lift a protection",
	access.RecordDeparture:   "record a departure",
}

// inOffice refuses an act of kind act dated on that is done by or at the
// authority when the authority had been abolished by that date.
func inOffice(ctx context.Context, tx *store.Tx, code string, on sojourn.Date, act access.Action) error {
	auth, err := tx.AuthorityByCode(ctx, code)
	if err != nil {
		return err
	}
	if auth.AbolishedBy(on) {
		return sojourn.Errorf(sojourn.CodeForbidden, "%s cannot %s on %s: %s", auth.Code, verbs[act], on, auth.TransferNote())
	}
	return nil
}

// steps are the case actions that are steps of the proceedings: each
// answers what came before it on the case, so it may not be dated earlier.
var steps = map[access.Action]string{
	access.DecideCase:       "decided_on",
	access.AppealCase:       "lodged_on",
	access.CloseCase:        "closed_on",
	access.ReferCase:        "referred_on",
	access.ApproveCase:      "approved_on",
	access.EnforceDeparture: "enforced_on",
}

// followsSteps refuses a step of the proceedings dated before the step it
// follows: the filing, the latest decision, the latest appeal, or the
// latest transfer that brought the case to its authority.
func followsSteps(ctx context.Context, tx *store.Tx, c sojourn.Case, act access.Action, on sojourn.Date) error {
	field, ok := steps[act]
	if !ok {
		return nil
	}
	last, what := c.FiledOn, "the case was filed"
	// on a tie the step read last counts: decisions follow appeals,
	// which follow transfers
	later := func(d sojourn.Date, about string) {
		if !d.Before(last) {
			last, what = d, about
		}
	}
	transfers, err := tx.TransfersOf(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, tr := range transfers {
		later(tr.On, "the case came to "+tr.To)
	}
	evidence, err := tx.EvidenceOf(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, e := range evidence {
		if e.IsAppeal() {
			later(e.ReceivedOn, "the appeal it answers was lodged")
		}
	}
	decisions, err := tx.DecisionsOf(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, d := range decisions {
		later(d.DecidedOn, "the decision it follows was taken")
	}
	if on.Before(last) {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "a step of the proceedings cannot be dated before the step it follows",
			Fields: []sojourn.FieldError{{Field: field, Message: "is before " + what + " (" + last.String() + ")"}}}
	}
	return nil
}

// toHolder moves a pending case held by an abolished authority on to the
// authority that holds its functions now (passOn). A case that is not pending
// (filed, in review, or suspended by a protection) or whose authority
// stands is left alone.
func toHolder(ctx context.Context, tx *store.Tx, a sojourn.Actor, c *sojourn.Case, on sojourn.Date) ([]sojourn.Transfer, error) {
	if c.State != sojourn.StateFiled && c.State != sojourn.StateInReview && c.State != sojourn.StateSuspended {
		return nil, nil
	}
	chain, err := successions(ctx, tx, c.Authority)
	if err != nil {
		return nil, err
	}
	return passOn(ctx, tx, a, c, chain, on)
}

// passOn moves a case along chain (successions from its authority), with a
// succession transfer for each abolished authority on the way, dated when
// the case moved: the act date on, or the abolition if that came later.
func passOn(ctx context.Context, tx *store.Tx, a sojourn.Actor, c *sojourn.Case, chain []sojourn.Authority, on sojourn.Date) ([]sojourn.Transfer, error) {
	var moves []sojourn.Transfer
	for _, auth := range chain {
		moved := on
		if moved.Before(auth.AbolishedOn) {
			moved = auth.AbolishedOn
		}
		tr, err := tx.MoveCase(ctx, sojourn.Transfer{CaseID: c.ID, Kind: sojourn.TransferSuccession, From: auth.Code,
			To: auth.Successor, On: moved, Reason: auth.TransferNote() + ": " + auth.AbolitionReason,
			RecordedBy: a.Name, RecordedAt: tx.Now()})
		if err != nil {
			return moves, err
		}
		moves = append(moves, tr)
		c.Authority = auth.Successor
	}
	return moves, nil
}

// authorizeOnCase checks the actor may do act on the case on the date on.
// The decision of an authority abolished by then is enforced by the
// authority holding its functions, as an appeal against it goes there: so
// when the actor may not enforce a decided departure at its authority, and
// that authority had been abolished by on, the actor may enforce it as the
// staff of the holder, and chain (the abolished authorities on the way)
// says the case must pass on there first (passOn). Otherwise chain is
// empty: the staff of the abolished authority are told by actOnCase that
// its functions passed.
func authorizeOnCase(ctx context.Context, tx *store.Tx, act access.Action, c sojourn.Case, on sojourn.Date) (sojourn.Actor, []sojourn.Authority, error) {
	a, err := authorizeAct(ctx, tx, act, c)
	if sojourn.ErrorCode(err) != sojourn.CodeNotFound || act != access.EnforceDeparture || c.State != sojourn.StateDecided {
		return a, nil, err
	}
	auth, aerr := tx.AuthorityByCode(ctx, c.Authority)
	if aerr != nil || !auth.AbolishedBy(on) {
		return a, nil, err
	}
	chain, cerr := successions(ctx, tx, c.Authority)
	if cerr != nil || len(chain) == 0 {
		return a, nil, err
	}
	holder := c
	holder.Authority = chain[len(chain)-1].Successor
	a, err = authorizeAct(ctx, tx, act, holder)
	return a, chain, err
}

// successions returns the abolished authorities from code on, each
// followed by its successor, up to the one that stands (not included):
// empty when code stands.
func successions(ctx context.Context, tx *store.Tx, code string) ([]sojourn.Authority, error) {
	var chain []sojourn.Authority
	for range maxSuccession {
		auth, err := tx.AuthorityByCode(ctx, code)
		if err != nil || auth.AbolishedOn.IsZero() {
			return chain, err
		}
		chain = append(chain, auth)
		code = auth.Successor
	}
	return chain, sojourn.Errorf(sojourn.CodeConflict, "the successors of %s run more than %d deep", chain[0].Code, maxSuccession)
}

// maxSuccession bounds a chain of successors.
const maxSuccession = 32
