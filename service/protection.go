package service

import (
	"context"
	"fmt"
	"strings"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Protections (S6). A protection against return (risk to life from
// illness, a death sentence or persecution at home) is a status fact. While
// one holds for a person, no departure case of theirs moves: the block is
// departureBlock, the one check every route that changes a departure case
// makes (filing, and the shared change path of cases.go that review,
// evidence, concurrence, decision, appeal, closing, referral, approval and
// enforcement all go through). Recording a protection suspends the
// person's open departures; only a separate, reasoned decision lifting it
// (LiftProtection) clears the block and resumes them. A protection is never
// corrected through CorrectFact.

// departureBlock refuses an act dated on upon a departure case while a
// protection of its person holds on that date (as known now), or while the
// case is suspended by one. Other case types pass.
func departureBlock(ctx context.Context, tx *store.Tx, c sojourn.Case, on sojourn.Date) error {
	if c.Type != sojourn.CaseDeparture {
		return nil
	}
	facts, err := tx.FactsOf(ctx, c.PersonID)
	if err != nil {
		return err
	}
	f, held := sojourn.ProtectedOn(facts, on, tx.Now())
	if !held && c.State != sojourn.StateSuspended {
		return nil
	}
	why := fmt.Sprintf("is blocked: protection %d (%s) holds on %s", f.ID, f.Ref, on)
	if !held {
		f, _ = latestProtection(facts, tx)
		why = fmt.Sprintf("is suspended by protection %d (%s)", f.ID, f.Ref)
	}
	return sojourn.Errorf(sojourn.CodeConflict,
		"departure case %d %s; only a reasoned decision lifting it clears it (POST /api/v1/persons/%d/protections/%d/lifting)",
		c.ID, why, c.PersonID, f.ID)
}

// latestProtection returns the protection recorded last among the facts
// known now, whatever its dates.
func latestProtection(facts []sojourn.StatusFact, tx *store.Tx) (sojourn.StatusFact, bool) {
	var last sojourn.StatusFact
	found := false
	for _, f := range sojourn.KnownFacts(facts, tx.Now()) {
		if f.Kind == sojourn.FactProtection {
			last, found = f, true
		}
	}
	return last, found
}

// RecordProtection records a protection of a person against return and
// suspends their open departure cases, each suspension audited.
func (s *Service) RecordProtection(ctx context.Context, personID int64, in sojourn.ProtectionInput) (sojourn.StatusFact, error) {
	if err := precheck(ctx, access.RecordProtection, in); err != nil {
		return sojourn.StatusFact{}, err
	}
	var out sojourn.StatusFact
	err := s.write(ctx, func(tx *store.Tx) error {
		a, p, err := visiblePerson(ctx, tx, personID, access.RecordProtection)
		if err != nil {
			return err
		}
		if err := inOffice(ctx, tx, p.Authority, sojourn.DateOf(tx.Now()), access.RecordProtection); err != nil {
			return err
		}
		f := in.Fact(personID, p.Authority)
		f.RecordedAt, f.RecordedBy = tx.Now(), a.Name
		if out, err = tx.RecordFact(ctx, f); err != nil {
			return err
		}
		if err := s.record(ctx, tx, a, access.RecordProtection, objectID("person", personID), out); err != nil {
			return err
		}
		return s.suspendDepartures(ctx, tx, a, out)
	})
	return out, err
}

// LiftProtection records the reasoned decision that a protection no longer
// holds from in.LiftedOn: the fact is superseded by one ending the day
// before, carrying the grounds. The person's suspended departures resume
// unless another protection holds on that day.
func (s *Service) LiftProtection(ctx context.Context, personID, factID int64, in sojourn.LiftingInput) (sojourn.StatusFact, error) {
	if err := precheck(ctx, access.LiftProtection, in); err != nil {
		return sojourn.StatusFact{}, err
	}
	var out sojourn.StatusFact
	err := s.write(ctx, func(tx *store.Tx) error {
		a, p, err := visiblePerson(ctx, tx, personID, access.LiftProtection)
		if err != nil {
			return err
		}
		if err := inOffice(ctx, tx, p.Authority, in.LiftedOn, access.LiftProtection); err != nil {
			return err
		}
		old, err := tx.FactByID(ctx, factID)
		if err != nil || old.PersonID != personID || old.Kind != sojourn.FactProtection {
			return sojourn.Errorf(sojourn.CodeNotFound, "protection not found")
		}
		if err := liftable(old, in.LiftedOn); err != nil {
			return err
		}
		lifted := old
		lifted.ID, lifted.SupersededAt, lifted.Supersedes = 0, nil, old.ID
		lifted.ValidTo = in.LiftedOn.AddDays(-1)
		lifted.Reason = liftingReason(in)
		lifted.RecordedAt, lifted.RecordedBy = tx.Now(), a.Name
		if out, err = supersede(ctx, tx, old, lifted); err != nil {
			return err
		}
		if err := s.record(ctx, tx, a, access.LiftProtection, objectID("person", personID), map[string]any{
			"protection": old.ID, "lifting": in, "fact": out}); err != nil {
			return err
		}
		return s.resumeDepartures(ctx, tx, a, personID, in.LiftedOn)
	})
	return out, err
}

// liftable checks a protection can be lifted from on: it is the current
// record, it had begun, and it had not ended already.
func liftable(f sojourn.StatusFact, on sojourn.Date) error {
	if f.SupersededAt != nil || f.Retracted {
		return sojourn.Errorf(sojourn.CodeConflict, "status fact %d has been superseded: lift the protection as it now stands", f.ID)
	}
	field := func(msg string) error {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid lifting",
			Fields: []sojourn.FieldError{{Field: "lifted_on", Message: msg}}}
	}
	if !on.After(f.ValidFrom) {
		return field("must be after the protection began (" + f.ValidFrom.String() + ")")
	}
	if !f.ValidTo.IsZero() && on.After(f.ValidTo) {
		return field("the protection already ended on " + f.ValidTo.String())
	}
	return nil
}

// liftingReason is what the ledger keeps of a lifting decision.
func liftingReason(in sojourn.LiftingInput) string {
	r := "Protection lifted from " + in.LiftedOn.String() + ": " + in.Grounds
	if len(in.LegalRefs) > 0 {
		r += " (" + strings.Join(in.LegalRefs, "; ") + ")"
	}
	return r
}

// openDepartures returns the person's departure cases that a protection
// suspends: filed, in review, or decided with a departure ordered and not
// yet carried out; or, with suspended, those it has suspended.
func openDepartures(ctx context.Context, tx *store.Tx, personID int64, suspended bool) ([]sojourn.Case, error) {
	list, err := tx.ListCases(ctx, store.CaseFilter{Visibility: store.Visibility{Levels: sojourn.Levels}, PersonID: personID,
		Limit: maxOpenDepartures})
	var out []sojourn.Case
	for _, c := range list {
		if c.Type != sojourn.CaseDeparture {
			continue
		}
		switch c.State {
		case sojourn.StateFiled, sojourn.StateInReview:
			if !suspended {
				out = append(out, c)
			}
		case sojourn.StateDecided:
			decisions, derr := tx.DecisionsOf(ctx, c.ID)
			if derr != nil {
				return nil, derr
			}
			if !suspended && len(decisions) > 0 && decisions[len(decisions)-1].Outcome == sojourn.OutcomeGrant {
				out = append(out, c)
			}
		case sojourn.StateSuspended:
			if suspended {
				out = append(out, c)
			}
		}
	}
	return out, err
}

// maxOpenDepartures bounds the cases of one person read at once.
const maxOpenDepartures = 10000

// suspendDepartures suspends the person's open departures under the
// protection f, each with its own audit entry.
func (s *Service) suspendDepartures(ctx context.Context, tx *store.Tx, a sojourn.Actor, f sojourn.StatusFact) error {
	cases, err := openDepartures(ctx, tx, f.PersonID, false)
	if err != nil {
		return err
	}
	for _, c := range cases {
		from := c.State
		if err := s.moveDeparture(ctx, tx, a, c, sojourn.StateSuspended, from, access.SuspendCase,
			map[string]any{"protection": f.ID, "suspended_from": from}); err != nil {
			return err
		}
	}
	return nil
}

// resumeDepartures returns the person's suspended departures to the state
// they were suspended from, unless a protection still holds on on.
func (s *Service) resumeDepartures(ctx context.Context, tx *store.Tx, a sojourn.Actor, personID int64, on sojourn.Date) error {
	facts, err := tx.FactsOf(ctx, personID)
	if err != nil {
		return err
	}
	if _, held := sojourn.ProtectedOn(facts, on, tx.Now()); held {
		return nil
	}
	cases, err := openDepartures(ctx, tx, personID, true)
	if err != nil {
		return err
	}
	for _, c := range cases {
		p, err := tx.ParticularsOf(ctx, c.ID)
		if err != nil || p == nil {
			return err
		}
		if err := s.moveDeparture(ctx, tx, a, c, p.SuspendedFrom, "", access.ResumeCase,
			map[string]any{"resumed_to": p.SuspendedFrom, "on": on}); err != nil {
			return err
		}
	}
	return nil
}

// moveDeparture puts a departure case in state to, remembering from as
// the state it resumes to ("" when resuming), with an audit entry.
func (s *Service) moveDeparture(ctx context.Context, tx *store.Tx, a sojourn.Actor, c sojourn.Case, to, from sojourn.CaseState,
	act access.Action, change any) error {
	c, err := tx.CaseByID(ctx, c.ID, true)
	if err != nil {
		return err
	}
	p, err := tx.ParticularsOf(ctx, c.ID)
	if err != nil || p == nil {
		return err
	}
	p.SuspendedFrom, c.State = from, to
	if err := tx.UpdateParticulars(ctx, c.ID, *p); err != nil {
		return err
	}
	if _, err := tx.UpdateCase(ctx, c, tx.Now()); err != nil {
		return err
	}
	return s.record(ctx, tx, a, act, objectID("case", c.ID), change)
}
