package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Admission (S3). The rules are the admission policy pack's
// (policies/admission.yaml); this file derives its inputs from a case and
// records the top authority's per-case approval an exceptional route needs.

// admissionInputs are the inputs Sojourn derives for admission cases.
var admissionInputs = map[string]inputSource{
	"recommendation_filed": func(_ context.Context, _ *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
		return c.Petition != nil, nil
	},
	"recommendation_accredited": sponsorAccredited,
	"sponsor_country":           sponsorCountry,
	"applicant_country": func(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
		p, err := f.tx.PersonAsKnownAt(ctx, c.PersonID, f.knownAt)
		return p.CountryOfOrigin, err
	},
	"risk_of_persecution": groundIs(sojourn.GroundPersecution),
	"medical_petition":    groundIs(sojourn.GroundMedical),
	"hq_consent":          hqConsent,
	"exceptional_route": func(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
		p, err := particularsOf(ctx, f.tx, c)
		return p.ExceptionalRoute, err
	},
	"top_authority_approval": func(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
		p, err := particularsOf(ctx, f.tx, c)
		return p.Approval != nil, err
	},
}

// particularsOf returns a case's particulars, empty when it has none.
func particularsOf(ctx context.Context, tx *store.Tx, c sojourn.Case) (sojourn.Particulars, error) {
	if c.Particulars != nil {
		return *c.Particulars, nil
	}
	p, err := tx.ParticularsOf(ctx, c.ID)
	if p == nil {
		return sojourn.Particulars{}, err
	}
	return *p, err
}

// groundIs: the admission was filed on the ground.
func groundIs(ground string) inputSource {
	return func(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
		p, err := particularsOf(ctx, f.tx, c)
		return p.Ground == ground, err
	}
}

// sponsorCountry: the country whose nationals the recommending sponsor
// represents ("" without a recommendation).
func sponsorCountry(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
	if c.Petition == nil {
		return "", nil
	}
	sp, err := f.tx.SponsorByCode(ctx, c.Petition.Sponsor)
	return sp.Country, err
}

// hqConsent: the consent of the top authority (HQ) of the case's authority
// is recorded on the case as a concurrence with that authority as party.
func hqConsent(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
	top, err := topAuthority(ctx, f.tx, c.Authority)
	if err != nil {
		return false, err
	}
	concurrences, err := f.tx.ConcurrencesOf(ctx, c.ID)
	for _, k := range concurrences {
		if k.Party == top {
			return true, err
		}
	}
	return false, err
}

// topAuthority returns the authority at the top of code's line of parents.
func topAuthority(ctx context.Context, tx *store.Tx, code string) (string, error) {
	for range maxSuccession {
		auth, err := tx.AuthorityByCode(ctx, code)
		if err != nil || auth.Parent == "" {
			return code, err
		}
		code = auth.Parent
	}
	return code, sojourn.Errorf(sojourn.CodeConflict, "the parents of authority %s run more than %d deep", code, maxSuccession)
}

// authorizeAct checks the actor may take act on a case: as staff of its
// authority, except the approval, which is the top authority's.
func authorizeAct(ctx context.Context, tx *store.Tx, act access.Action, c sojourn.Case) (sojourn.Actor, error) {
	if act != access.ApproveCase {
		return authorize(ctx, act, caseTarget(c))
	}
	top, err := topAuthority(ctx, tx, c.Authority)
	if err != nil {
		return sojourn.Actor{}, err
	}
	return authorize(ctx, act, access.Target{Authority: top, Classification: c.Classification})
}

// ApproveCase records the top authority's approval of an admission by an
// exceptional route; only the head of the top authority may give it, once.
func (s *Service) ApproveCase(ctx context.Context, id, version int64, in sojourn.ApprovalInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.ApproveCase, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.ApproveCase, sojourn.ActionApprove, in.ApprovedOn, in,
		func(tx *store.Tx, a sojourn.Actor, c *sojourn.Case) error {
			p, err := particularsOf(ctx, tx, *c)
			if err != nil {
				return err
			}
			switch {
			case c.Type != sojourn.CaseAdmission || !p.ExceptionalRoute:
				return sojourn.Errorf(sojourn.CodeConflict, "case %d is not an admission by an exceptional route: it needs no approval", c.ID)
			case p.Approval != nil:
				return sojourn.Errorf(sojourn.CodeConflict, "case %d was approved on %s by %s", c.ID, p.Approval.ApprovedOn, p.Approval.By)
			}
			p.Approval = &sojourn.Approval{By: a.Name, Authority: a.Authority, ApprovedOn: in.ApprovedOn, Grounds: in.Grounds}
			return tx.UpdateParticulars(ctx, c.ID, p)
		})
}

// fileParticulars stores the particulars of a new case of a type that has
// them (a departure's are the server's), checks a stay extension has a
// stay to extend, and applies the protection block to a departure.
func fileParticulars(ctx context.Context, tx *store.Tx, in sojourn.CaseInput, c *sojourn.Case) error {
	switch in.Type {
	case sojourn.CaseAdmission, sojourn.CaseStay, sojourn.CaseStayExtension, sojourn.CaseDeparture:
	default:
		return nil
	}
	var p sojourn.ParticularsInput
	if in.Particulars != nil {
		p = *in.Particulars
	}
	if in.Type == sojourn.CaseStayExtension {
		if _, err := stayToExtend(ctx, tx, c.PersonID, in.FiledOn, p.StayUntil); err != nil {
			return err
		}
	}
	var err error
	if c.Particulars, err = tx.AddParticulars(ctx, c.ID, p); err != nil {
		return err
	}
	return departureBlock(ctx, tx, *c, in.FiledOn)
}

// Approvals lists a page of the top authority's approvals, by case: those
// on cases of the actor's authority and those it gave (a top authority
// sees what it approved, not the case), at the levels the actor's
// clearance covers. An approval of a classified case is audited as a read
// of the case.
func (s *Service) Approvals(ctx context.Context, after int64, limit int) ([]sojourn.CaseApproval, error) {
	a, err := authorize(ctx, access.ReadCase, access.Target{})
	if err != nil {
		return nil, err
	}
	out := []sojourn.CaseApproval{}
	err = s.readLoggedAll(ctx, access.ReadCase, func(tx *store.Tx) ([]sighting, error) {
		list, err := tx.ListApprovals(ctx, visibility(a), after, s.limit(limit))
		seen := make([]sighting, len(list))
		for i, ap := range list {
			seen[i] = sighting{objectID("case", ap.CaseID), ap.Classification, ap}
		}
		out = append(out[:0], list...)
		return seen, err
	})
	return out, err
}
