package service

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// RegisterOutgoing registers the outgoing item a record of a case
// produces, linked to the case and its person, in a series of the authority
// that sends it: a decision as a letter to the person (outcome, grounds,
// legal references, route of appeal), a referral as a memorandum to the
// authority referred to, an owed report as a memorandum to the authority it
// is owed to. The item carries the case's classification. A record
// produces one item: asking again is a conflict naming it.
func (s *Service) RegisterOutgoing(ctx context.Context, caseID int64, in sojourn.OutgoingInput) (sojourn.Item, error) {
	if err := precheck(ctx, access.RegisterItem, in); err != nil {
		return sojourn.Item{}, err
	}
	var item sojourn.ItemInput
	var src sojourn.ItemSource
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		item, src, err = outgoingFrom(ctx, tx, caseID, in)
		return err
	})
	if err != nil {
		return sojourn.Item{}, err
	}
	if err := item.Validate(); err != nil {
		return sojourn.Item{}, sojourn.Internal(fmt.Errorf("the %s's item: %w", src.Kind, err))
	}
	return s.registerItem(ctx, item, nil, func(tx *store.Tx, series sojourn.Series, id int64) error {
		if series.Authority != item.Sender.Authority {
			return invalidField("outgoing item", "series_id",
				fmt.Sprintf("is a series of %s; the %s is sent by %s", series.Authority, src.Kind, item.Sender.Authority))
		}
		prior, err := tx.ItemOfSource(ctx, src.Kind, src.ID)
		if err != nil {
			return err
		}
		if prior != 0 {
			return sojourn.Errorf(sojourn.CodeConflict, "%s %d produced its outgoing item already (item %d)", src.Kind, src.ID, prior)
		}
		// the case is linked as its own record's sender sees it: a referring
		// authority no longer reads the case it referred
		if err := tx.AddLink(ctx, id, sojourn.ItemLink{CaseID: src.CaseID}); err != nil {
			return err
		}
		return tx.AddItemSource(ctx, id, src)
	})
}

// outgoingFrom builds the item a record of a case produces. The actor
// must work for the authority that sends it (the case's for a decision,
// the referring one for a referral, the obligor for a report) and be
// cleared for the case; to anyone else the case does not exist.
func outgoingFrom(ctx context.Context, tx *store.Tx, caseID int64, in sojourn.OutgoingInput) (sojourn.ItemInput, sojourn.ItemSource, error) {
	c, err := tx.CaseByID(ctx, caseID, false)
	if err != nil {
		return sojourn.ItemInput{}, sojourn.ItemSource{}, err
	}
	if c.Decisions, err = tx.DecisionsOf(ctx, c.ID); err != nil {
		return sojourn.ItemInput{}, sojourn.ItemSource{}, err
	}
	item := sojourn.ItemInput{SeriesID: in.SeriesID, Kind: sojourn.ItemMemorandum, Direction: sojourn.DirectionOutgoing,
		Classification: c.Classification, Retention: in.Retention, PersonIDs: []int64{c.PersonID}}
	src := sojourn.ItemSource{Kind: in.Source, ID: in.SourceID, CaseID: c.ID}
	var date sojourn.Date
	switch in.Source {
	case sojourn.SourceDecision:
		date, err = decisionItem(c, in.SourceID, &item)
	case sojourn.SourceReferral:
		date, err = referralItem(ctx, tx, c, in.SourceID, &item)
	default:
		date, err = reportItem(ctx, tx, c, in.SourceID, &item)
	}
	if !sendsFor(ctx, c, item.Sender.Authority) {
		return item, src, sojourn.NotFound()
	}
	item.Date = in.Date
	if item.Date.IsZero() {
		item.Date = date
	}
	item.Subject = clip(item.Subject, 500)
	return item, src, err
}

// sendsFor reports whether the actor works for the sending authority (or
// the case's, when the record names none) and is cleared for the case.
func sendsFor(ctx context.Context, c sojourn.Case, sender string) bool {
	if sender == "" {
		sender = c.Authority
	}
	_, err := authorize(ctx, access.RegisterItem, access.Target{Authority: sender, Classification: c.Classification})
	return err == nil
}

// noSource refuses a source the case does not hold.
func noSource(c sojourn.Case, what string, id int64) error {
	return invalidField("outgoing item", "source_id", fmt.Sprintf("case %d holds no %s %d", c.ID, what, id))
}

// decisionItem makes a decision's letter to the person it concerns.
func decisionItem(c sojourn.Case, id int64, item *sojourn.ItemInput) (sojourn.Date, error) {
	for _, d := range c.Decisions {
		if d.ID != id {
			continue
		}
		item.Kind, item.Sender, item.Addressee = sojourn.ItemLetter, sojourn.Party{Authority: c.Authority}, sojourn.Party{PersonID: c.PersonID}
		item.Subject = fmt.Sprintf("Decision on case %d (%s): %s", c.ID, c.Type, d.Outcome)
		var b strings.Builder
		fmt.Fprintf(&b, "Decision of %s on case %d, %s.\nOutcome: %s.\nGrounds: %s\n", c.Authority, c.ID, d.DecidedOn, d.Outcome, d.Grounds)
		if len(d.LegalRefs) > 0 {
			fmt.Fprintf(&b, "Legal references: %s.\n", strings.Join(d.LegalRefs, "; "))
		}
		if d.Permit != nil {
			fmt.Fprintf(&b, "Permit %s, valid %s to %s.\n", d.Permit.Number, d.Permit.ValidFrom, d.Permit.ValidTo)
		}
		if d.AppealRoute != "" {
			fmt.Fprintf(&b, "Route of appeal: %s\n", d.AppealRoute)
		}
		item.Body = b.String()
		return d.DecidedOn, nil
	}
	return sojourn.Date{}, noSource(c, "decision", id)
}

// referralItem makes a referral's memorandum to the authority referred to.
func referralItem(ctx context.Context, tx *store.Tx, c sojourn.Case, id int64, item *sojourn.ItemInput) (sojourn.Date, error) {
	transfers, err := tx.TransfersOf(ctx, c.ID)
	if err != nil {
		return sojourn.Date{}, err
	}
	for _, t := range transfers {
		if t.ID != id || t.Kind != sojourn.TransferReferral {
			continue
		}
		item.Sender, item.Addressee = sojourn.Party{Authority: t.From}, sojourn.Party{Authority: t.To}
		item.Subject = fmt.Sprintf("Referral of case %d (%s) to %s", c.ID, c.Type, t.To)
		item.Body = fmt.Sprintf("%s refers case %d to %s on %s.\nReason: %s\n", t.From, c.ID, t.To, t.On, t.Reason)
		return t.On, nil
	}
	return sojourn.Date{}, noSource(c, "referral", id)
}

// reportItem makes an owed report's memorandum to the authority it is
// owed to.
func reportItem(ctx context.Context, tx *store.Tx, c sojourn.Case, id int64, item *sojourn.ItemInput) (sojourn.Date, error) {
	o, err := tx.ObligationByID(ctx, id, false)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound || (err == nil && o.CaseID != c.ID) {
		return sojourn.Date{}, noSource(c, "owed report", id)
	}
	if err != nil {
		return sojourn.Date{}, err
	}
	item.Sender, item.Addressee = sojourn.Party{Authority: o.Obligor}, sojourn.Party{Authority: o.OwedTo}
	item.Subject = fmt.Sprintf("Report on case %d: %s", c.ID, o.Description)
	item.Body = fmt.Sprintf("Report of %s to %s on case %d (%s), due %s.\n%s\nReason: %s\n",
		o.Obligor, o.OwedTo, c.ID, o.Person, o.DueOn, o.Description, o.Reason)
	return o.DueOn, nil
}

// clip cuts s to at most n bytes, at a character's end.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
