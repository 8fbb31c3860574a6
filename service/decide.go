package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// DecideCase records a decision with its grounds. A grant issues a permit
// from the authority's series and writes the permit into the status ledger
// (a residence permit case), or records the stay it gives (stays.go);
// an adverse decision always carries a route of appeal.
func (s *Service) DecideCase(ctx context.Context, id, version int64, in sojourn.DecisionInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.DecideCase, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.DecideCase, sojourn.ActionDecide, in.DecidedOn, in,
		func(tx *store.Tx, a sojourn.Actor, c *sojourn.Case) error {
			if err := checkDecisionDate(ctx, tx, *c, in.DecidedOn); err != nil {
				return err
			}
			if err := decisionNotAhead(ctx, tx, *c, in.DecidedOn); err != nil {
				return err
			}
			del, err := competence(ctx, tx, *c, in)
			if err != nil {
				return err
			}
			d := sojourn.Decision{CaseID: c.ID, Outcome: in.Outcome, Grounds: in.Grounds, LegalRefs: in.LegalRefs,
				AppealRoute: in.AppealRoute, DecidedBy: a.Name, DecidedOn: in.DecidedOn, RecordedAt: tx.Now()}
			d.DelegationID = del.ID
			explanation, err := decisionExplanation(ctx, tx, *c, in)
			if err != nil {
				return err
			}
			d.Explanation = explanation
			if d.Outcome != sojourn.OutcomeGrant && d.AppealRoute == "" {
				d.AppealRoute = sojourn.DefaultAppealRoute(c.Authority)
			}
			if d.Outcome == sojourn.OutcomeGrant && c.IssuesPermit() {
				permit, err := s.issuePermit(ctx, tx, a, *c, in)
				if err != nil {
					return err
				}
				d.Permit = &permit
			}
			dec, err := tx.AddDecision(ctx, d)
			if err != nil {
				return err
			}
			if dec.Outcome == sojourn.OutcomeGrant {
				if err := s.grantStay(ctx, tx, a, *c, dec); err != nil {
					return err
				}
			}
			return s.oweReports(ctx, tx, *c, dec, del)
		})
}

// checkDecisionDate refuses a decision dated on a day the deciding
// authority does not exist (the order of steps and abolition are checked
// for every act; see authoritytime.go).
func checkDecisionDate(ctx context.Context, tx *store.Tx, c sojourn.Case, on sojourn.Date) error {
	auth, err := tx.AuthorityByCode(ctx, c.Authority)
	if err != nil {
		return err
	}
	if !auth.ActiveOn(on) {
		return notInOffice(auth, on)
	}
	return nil
}

// issuePermit issues the permit of a grant with the token of its
// verification page, and records it in the ledger.
func (s *Service) issuePermit(ctx context.Context, tx *store.Tx, a sojourn.Actor, c sojourn.Case, in sojourn.DecisionInput) (sojourn.Permit, error) {
	period := in.PermitPeriod()
	p, err := tx.IssuePermit(ctx, sojourn.Permit{PersonID: c.PersonID, CaseID: c.ID, Authority: c.Authority,
		Period: period})
	if err != nil {
		return p, err
	}
	if err := addPermitToken(ctx, tx, p); err != nil {
		return p, err
	}
	_, err = tx.RecordFact(ctx, sojourn.StatusFact{PersonID: c.PersonID, Kind: sojourn.FactPermit, Ref: p.Number,
		Label: "residence permit " + p.Number, Authority: c.Authority, Period: period,
		RecordedAt: tx.Now(), RecordedBy: a.Name})
	return p, err
}
