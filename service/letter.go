package service

import (
	"context"
	"encoding/json"

	"sojourn"
	"sojourn/access"
	"sojourn/paper"
	"sojourn/store"
)

// DecisionLetter returns what the letter notifying a decision on a case
// says: the decision with its grounds, the policy evaluation it rests on,
// and how to appeal and by when. Reading it is reading the case (audited
// when the case is classified).
func (s *Service) DecisionLetter(ctx context.Context, caseID, decisionID int64) (paper.Letter, error) {
	var out paper.Letter
	err := s.readLogged(ctx, access.ReadCase, objectID("case", caseID), func(tx *store.Tx) (sojourn.Level, any, error) {
		c, err := readCase(ctx, tx, caseID)
		if err != nil {
			return "", nil, err
		}
		out, err = letterOf(ctx, tx, c, decisionID)
		return c.Classification, out.Decision, err
	})
	return out, err
}

// letterOf assembles the letter of one decision on a case.
func letterOf(ctx context.Context, tx *store.Tx, c sojourn.Case, decisionID int64) (paper.Letter, error) {
	var d *sojourn.Decision
	for i := range c.Decisions {
		if c.Decisions[i].ID == decisionID {
			d = &c.Decisions[i]
		}
	}
	if d == nil {
		return paper.Letter{}, sojourn.Errorf(sojourn.CodeNotFound, "case %d has no decision %d", c.ID, decisionID)
	}
	person, err := tx.PersonByID(ctx, c.PersonID)
	if err != nil {
		return paper.Letter{}, err
	}
	auth, err := tx.AuthorityByCode(ctx, c.Authority)
	if err != nil {
		return paper.Letter{}, err
	}
	l := paper.Letter{AuthorityCode: auth.Code, AuthorityName: auth.Name, CaseID: c.ID, CaseType: c.Type,
		Person: person.Names, Decision: *d, AppealBy: d.DecidedOn.AddDays(sojourn.AppealDays), Made: d.RecordedAt}
	if l.Decision.AppealRoute == "" {
		l.Decision.AppealRoute = sojourn.DefaultAppealRoute(c.Authority)
	}
	if len(d.Explanation) > 0 {
		var e Explanation
		if err := json.Unmarshal(d.Explanation, &e); err != nil {
			return l, sojourn.Internal(err)
		}
		l.Evaluation, l.EvaluationError, l.OverrideGrounds = &e.Result, e.Error, e.OverrideGrounds
	}
	return l, nil
}
