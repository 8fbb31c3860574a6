package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// caseTarget is what access rules need to know of a case.
func caseTarget(c sojourn.Case) access.Target {
	return access.Target{Authority: c.Authority, Classification: c.Classification}
}

// FileCase opens a case about a person at an authority.
func (s *Service) FileCase(ctx context.Context, in sojourn.CaseInput) (sojourn.Case, error) {
	if in.Classification == "" {
		in.Classification = sojourn.Unclassified
	}
	if err := precheck(ctx, access.FileCase, in); err != nil {
		return sojourn.Case{}, err
	}
	var out sojourn.Case
	err := s.write(ctx, func(tx *store.Tx) error {
		a, err := authorizeFiling(ctx, tx, in)
		if err != nil {
			return err
		}
		if err := checkFiling(ctx, tx, in); err != nil {
			return err
		}
		if out, err = tx.CreateCase(ctx, in, tx.Now()); err != nil {
			return err
		}
		if err := fileParticulars(ctx, tx, in, &out); err != nil {
			return err
		}
		if _, err := toHolder(ctx, tx, a, &out, in.FiledOn); err != nil {
			return err
		}
		if err := markPetition(ctx, tx, &out); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.FileCase, objectID("case", out.ID), in)
	})
	return withParts(out), err
}

// authorizeFiling checks the actor may file a case at the authority: as its
// staff, or, once it has been abolished, as the staff of the authority that
// holds its functions now (who keep its person files and record its late
// filings).
func authorizeFiling(ctx context.Context, tx *store.Tx, in sojourn.CaseInput) (sojourn.Actor, error) {
	a, err := authorize(ctx, access.FileCase, access.Target{Authority: in.Authority, Classification: in.Classification})
	if sojourn.ErrorCode(err) != sojourn.CodeNotFound {
		return a, err
	}
	chain, cerr := successions(ctx, tx, in.Authority)
	if cerr != nil || len(chain) == 0 {
		return a, err
	}
	return authorize(ctx, access.FileCase, access.Target{Authority: chain[len(chain)-1].Successor, Classification: in.Classification})
}

// checkFiling checks the references of a new case: the authority exists on
// the filing date, the person is on file with the actor's own authority (a
// person kept by another authority answers exactly as one that does not
// exist), the petitioning sponsor exists.
func checkFiling(ctx context.Context, tx *store.Tx, in sojourn.CaseInput) error {
	auth, err := tx.AuthorityByCode(ctx, in.Authority)
	if err != nil {
		return fieldNotFound("authority", err)
	}
	if !auth.ActiveOn(in.FiledOn) {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid case",
			Fields: []sojourn.FieldError{{Field: "filed_on", Message: auth.AbsentOn(in.FiledOn)}}}
	}
	if _, _, err := visiblePerson(ctx, tx, in.PersonID, access.FileCase); err != nil {
		return fieldNotFound("person_id", err)
	}
	if in.Petition != nil {
		if _, err := tx.SponsorByCode(ctx, in.Petition.Sponsor); err != nil {
			return fieldNotFound("petition.sponsor", err)
		}
	}
	return nil
}

// withParts makes the evidence and decision lists of a case non-nil.
func withParts(c sojourn.Case) sojourn.Case {
	if c.Evidence == nil {
		c.Evidence = []sojourn.Evidence{}
	}
	if c.Decisions == nil {
		c.Decisions = []sojourn.Decision{}
	}
	emptyRouting(&c)
	return c
}

// Case returns a case with its evidence and decisions. Reading a classified
// case is audited (case.read; see readLogged).
func (s *Service) Case(ctx context.Context, id int64) (sojourn.Case, error) {
	var out sojourn.Case
	err := s.readLogged(ctx, access.ReadCase, objectID("case", id), func(tx *store.Tx) (sojourn.Level, any, error) {
		var err error
		out, err = readCase(ctx, tx, id)
		return out.Classification, out, err
	})
	return out, err
}

// readCase loads a case the actor may read, with its evidence and decisions.
func readCase(ctx context.Context, tx *store.Tx, id int64) (sojourn.Case, error) {
	c, err := tx.CaseByID(ctx, id, false)
	if err != nil {
		return c, err
	}
	if _, err := authorize(ctx, access.ReadCase, caseTarget(c)); err != nil {
		return c, err
	}
	return c, loadParts(ctx, tx, &c)
}

func loadParts(ctx context.Context, tx *store.Tx, c *sojourn.Case) (err error) {
	if c.Evidence, err = tx.EvidenceOf(ctx, c.ID); err != nil {
		return err
	}
	if c.Decisions, err = tx.DecisionsOf(ctx, c.ID); err != nil {
		return err
	}
	if c.Particulars, err = tx.ParticularsOf(ctx, c.ID); err != nil {
		return err
	}
	return loadRouting(ctx, tx, c)
}

// CaseQuery selects cases for a listing: by person, type, state,
// authority, petition sponsor, filing date and age in days since filing
// (zero values: any), in an order ("id" when empty; see store.CaseSort), a page after
// the case After in that order.
type CaseQuery struct {
	PersonID               int64
	Type                   string
	State                  sojourn.CaseState
	Authority, Sponsor     string
	FiledFrom, FiledTo     sojourn.Date
	MinAgeDays, MaxAgeDays int
	Sort                   string
	After                  int64
	Limit                  int
}

// filter turns q into a store filter for a reader who sees v, the ages
// counted back from today.
func (s *Service) filter(q CaseQuery, v store.Visibility) store.CaseFilter {
	f := store.CaseFilter{Visibility: v, PersonID: q.PersonID, Type: q.Type, State: q.State, Authority: q.Authority,
		Sponsor: q.Sponsor, FiledFrom: q.FiledFrom, FiledTo: q.FiledTo, Sort: store.CaseSort(q.Sort), After: q.After, Limit: s.limit(q.Limit)}
	today := sojourn.DateOf(s.now())
	if q.MinAgeDays > 0 {
		if to := today.AddDays(-q.MinAgeDays); f.FiledTo.IsZero() || to.Before(f.FiledTo) {
			f.FiledTo = to
		}
	}
	if q.MaxAgeDays > 0 {
		if from := today.AddDays(-q.MaxAgeDays); f.FiledFrom.IsZero() || f.FiledFrom.Before(from) {
			f.FiledFrom = from
		}
	}
	return f
}

// Cases lists the cases the actor may see, each as Case answers it (with
// evidence, decisions, particulars and routing): the query selects them by
// jurisdiction and clearance before it applies the limit. Each classified
// case listed is audited as read (case.read; see readLoggedAll).
func (s *Service) Cases(ctx context.Context, q CaseQuery) ([]sojourn.Case, error) {
	a, err := authorize(ctx, access.ReadCase, access.Target{})
	if err != nil {
		return nil, err
	}
	var out []sojourn.Case
	err = s.readLoggedAll(ctx, access.ReadCase, func(tx *store.Tx) ([]sighting, error) {
		list, err := tx.ListCases(ctx, s.filter(q, visibility(a)))
		if err != nil {
			return nil, err
		}
		out = make([]sojourn.Case, len(list))
		seen := make([]sighting, len(list))
		for i, c := range list {
			if err := loadParts(ctx, tx, &c); err != nil {
				return nil, err
			}
			out[i] = withParts(c)
			seen[i] = sighting{objectID("case", c.ID), c.Classification, out[i]}
		}
		return seen, nil
	})
	return out, err
}

// CaseCount counts the cases a listing with q selects, on every page.
func (s *Service) CaseCount(ctx context.Context, q CaseQuery) (int64, error) {
	a, err := authorize(ctx, access.ReadCase, access.Target{})
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.store.Read(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.CountCases(ctx, s.filter(q, visibility(a)))
		return err
	})
	return n, err
}

// change runs one change to a case, an act dated on (the zero date: today):
// it locks the case, checks the actor may take act on it, checks the
// expected version (0 = any), the protection block on departures
// (protection.go), the state machine and authority over time
// (authoritytime.go), lets apply do its part, then stores the new state,
// version and audit entry. A case the change leaves pending at an abolished
// authority goes on to the successor. The result carries evidence and
// decisions.
func (s *Service) change(ctx context.Context, id, version int64, act access.Action, move sojourn.CaseAction, on sojourn.Date,
	payload any, apply func(*store.Tx, sojourn.Actor, *sojourn.Case) error) (sojourn.Case, error) {
	var out sojourn.Case
	err := s.write(ctx, func(tx *store.Tx) error {
		c, err := tx.CaseByID(ctx, id, true)
		if err != nil {
			return err
		}
		if on.IsZero() {
			on = sojourn.DateOf(tx.Now())
		}
		a, chain, err := authorizeOnCase(ctx, tx, act, c, on)
		if err != nil {
			return err
		}
		if version != 0 && version != c.Version {
			return sojourn.Errorf(sojourn.CodePreconditionFailed,
				"case %d is at version %d, not %d: reload it and try again", id, c.Version, version)
		}
		if err := departureBlock(ctx, tx, c, on); err != nil {
			return err
		}
		if _, err := passOn(ctx, tx, a, &c, chain, on); err != nil {
			return err
		}
		next, err := c.State.Next(move)
		if err != nil {
			return err
		}
		if err := actOnCase(ctx, tx, c, act, on); err != nil {
			return err
		}
		if err := apply(tx, a, &c); err != nil {
			return err
		}
		c.State = next
		if _, err := toHolder(ctx, tx, a, &c, on); err != nil {
			return err
		}
		if c, err = tx.UpdateCase(ctx, c, tx.Now()); err != nil {
			return err
		}
		if err := s.record(ctx, tx, a, act, objectID("case", id), payload); err != nil {
			return err
		}
		out = c
		return loadParts(ctx, tx, &out)
	})
	return out, err
}

// actOnCase checks an act on a case against authority over time: the
// case's authority must not have been abolished by the act's date (an
// appeal is not its act: it goes to the successor), and a step of the
// proceedings may not be dated before the step it follows.
func actOnCase(ctx context.Context, tx *store.Tx, c sojourn.Case, act access.Action, on sojourn.Date) error {
	if act != access.AppealCase {
		if err := inOffice(ctx, tx, c.Authority, on, act); err != nil {
			return err
		}
	}
	return followsSteps(ctx, tx, c, act, on)
}

// ReviewCase takes a filed case into review.
func (s *Service) ReviewCase(ctx context.Context, id, version int64) (sojourn.Case, error) {
	return s.change(ctx, id, version, access.ReviewCase, sojourn.ActionReview, sojourn.Date{}, map[string]string{"review": "started"},
		func(*store.Tx, sojourn.Actor, *sojourn.Case) error { return nil })
}

// AddEvidence adds a claim with its source to an open case.
func (s *Service) AddEvidence(ctx context.Context, id, version int64, in sojourn.EvidenceInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.AddEvidence, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.AddEvidence, sojourn.ActionEvidence, in.ReceivedOn, in,
		func(tx *store.Tx, a sojourn.Actor, c *sojourn.Case) error {
			_, err := tx.AddEvidence(ctx, c.ID, in, a.Name, tx.Now())
			return err
		})
}

// AppealCase re-opens a decided case for review on appeal.
func (s *Service) AppealCase(ctx context.Context, id, version int64, in sojourn.AppealInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.AppealCase, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.AppealCase, sojourn.ActionAppeal, in.LodgedOn, in,
		func(tx *store.Tx, a sojourn.Actor, c *sojourn.Case) error {
			c.Appeals++
			_, err := tx.AddEvidence(ctx, c.ID, in.Evidence(), a.Name, tx.Now())
			return err
		})
}

// CloseCase closes a case.
func (s *Service) CloseCase(ctx context.Context, id, version int64, in sojourn.CloseInput) (sojourn.Case, error) {
	if err := precheck(ctx, access.CloseCase, in); err != nil {
		return sojourn.Case{}, err
	}
	return s.change(ctx, id, version, access.CloseCase, sojourn.ActionClose, in.ClosedOn, in,
		func(*store.Tx, sojourn.Actor, *sojourn.Case) error { return nil })
}
