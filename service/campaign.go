package service

import (
	"context"
	"slices"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// JobCampaign is the job kind of a review campaign's run.
const JobCampaign = "campaign"

// defaultBatch is how many persons a cohort run examines per transaction.
const defaultBatch = 1000

// StartCampaign checks a review campaign (its rule compiles over the
// cohort inputs) and queues its run: every person whose file the
// requester sees and whom the rule selects on the date gets one review
// case, filed with the commission of the city they are registered in.
func (s *Service) StartCampaign(ctx context.Context, in sojourn.CampaignInput) (sojourn.Campaign, error) {
	if err := precheck(ctx, access.RunCampaign, in); err != nil {
		return sojourn.Campaign{}, err
	}
	if _, err := compileCohort("campaign", "rule", in.Rule); err != nil {
		return sojourn.Campaign{}, err
	}
	if in.BatchSize == 0 {
		in.BatchSize = defaultBatch
	}
	a := ActorFrom(ctx)
	var out sojourn.Campaign
	err := s.write(ctx, func(tx *store.Tx) error {
		job, err := tx.EnqueueJob(ctx, sojourn.Job{Kind: JobCampaign, Args: "{}", RequestedBy: a.Name, Authority: access.Scope(a)}, tx.Now())
		if err != nil {
			return err
		}
		c, err := tx.CreateCampaign(ctx, store.CampaignRecord{Campaign: sojourn.Campaign{Name: in.Name, LegalReference: in.LegalReference,
			Rule: in.Rule, On: in.On, Authority: access.Scope(a), CreatedBy: a.Name}, BatchSize: in.BatchSize, JobID: job.ID}, tx.Now())
		if err != nil {
			return err
		}
		if err := s.enqueue(ctx, tx, job); err != nil {
			return err
		}
		out = c.Campaign
		out.Progress, out.Cities = jobProgress(job), []sojourn.CityReview{}
		return s.record(ctx, tx, a, access.RunCampaign, objectID("campaign", c.ID), in)
	})
	return out, err
}

// jobProgress is what people see of a job's progress.
func jobProgress(j sojourn.Job) sojourn.JobProgress {
	return sojourn.JobProgress{State: j.State, Done: j.Done, Total: j.Total, Attempts: j.Attempts, Error: j.Error}
}

// Campaign returns a campaign with its progress: the run's, and per city
// the review cases open and decided by outcome, of the reviews the reader
// may see (campaignVisibility, selected in the query).
func (s *Service) Campaign(ctx context.Context, id int64) (sojourn.Campaign, error) {
	a, err := authorize(ctx, access.ReadCampaign, access.Target{})
	if err != nil {
		return sojourn.Campaign{}, err
	}
	var out sojourn.Campaign
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		c, err := tx.CampaignByID(ctx, id)
		if err != nil {
			return err
		}
		job, err := tx.JobByID(ctx, c.JobID)
		if err != nil {
			return err
		}
		out = c.Campaign
		out.Progress = jobProgress(job)
		if out.Cities, err = tx.CampaignCities(ctx, id, campaignVisibility(a, c.Campaign)); err != nil {
			return err
		}
		for _, city := range out.Cities {
			out.Unrouted += city.Unrouted
			out.Reviews += city.Open + city.Closed
			for _, n := range city.Decided {
				out.Reviews += n
			}
		}
		return nil
	})
	return out, err
}

// Campaigns lists a page of campaigns by id after after, each with its
// run's progress (the counts per city are Campaign's).
func (s *Service) Campaigns(ctx context.Context, after int64, limit int) ([]sojourn.Campaign, error) {
	if _, err := authorize(ctx, access.ReadCampaign, access.Target{}); err != nil {
		return nil, err
	}
	out := []sojourn.Campaign{}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		list, err := tx.ListCampaigns(ctx, after, s.limit(limit))
		for _, c := range list {
			job, jerr := tx.JobByID(ctx, c.JobID)
			if jerr != nil {
				return jerr
			}
			c.Progress, c.Cities = jobProgress(job), []sojourn.CityReview{}
			out = append(out, c.Campaign)
		}
		return err
	})
	return out, err
}

// CampaignReviews lists one page of a campaign's reviews the reader may
// see (their cases' authority and classification), by person.
func (s *Service) CampaignReviews(ctx context.Context, id, after int64, limit int) ([]sojourn.Review, error) {
	a, err := authorize(ctx, access.ReadCampaign, access.Target{})
	if err != nil {
		return nil, err
	}
	var out []sojourn.Review
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		c, err := tx.CampaignByID(ctx, id)
		if err != nil {
			return err
		}
		out, err = tx.CampaignReviews(ctx, id, campaignVisibility(a, c.Campaign), after, s.limit(limit))
		return err
	})
	return out, err
}

// campaignVisibility is which of a campaign's reviews a reader sees: the
// staff of the authority that ran it (whose files the cohort came from)
// see all of them, within their clearance; anyone else those of the review
// cases they may see.
func campaignVisibility(a sojourn.Actor, c sojourn.Campaign) store.Visibility {
	v := visibility(a)
	if v.Authority == c.Authority {
		v.Authority = ""
	}
	return v
}

// RunCampaign is the handler of a campaign job: it walks the cohort from
// where the last attempt stopped, and in each batch's transaction files the
// review cases, records a review row per person, moves the cursor on and
// appends one audit entry carrying the digests of every row it wrote.
func (s *Service) RunCampaign(ctx context.Context, job sojourn.Job, progress Progress) error {
	var c store.CampaignRecord
	var auths []sojourn.Authority
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if c, err = tx.CampaignByJob(ctx, job.ID); err != nil {
			return err
		}
		auths, err = tx.ListAuthorities(ctx)
		return err
	})
	if err != nil {
		return err
	}
	rule, err := compileCohort("campaign", "rule", c.Rule)
	if err != nil {
		return err
	}
	r := &cohortRun{s: s, job: job, progress: progress, rule: rule, on: c.On, scope: c.Authority, batch: c.BatchSize}
	commissions := map[string]string{}
	return r.run(ctx, c.Cursor, func(tx *store.Tx, members []member, last int64) error {
		batch := make([]store.NewReview, len(members))
		for i, m := range members {
			code, ok := commissions[m.City]
			if !ok {
				if code, err = commissionOf(ctx, tx, auths, m.City, c.On); err != nil {
					return err
				}
				commissions[m.City] = code
			}
			batch[i] = store.NewReview{PersonID: m.PersonID, City: m.City, Authority: code}
		}
		n, err := tx.AddReviews(ctx, c, batch, last, tx.Now())
		if err != nil {
			return err
		}
		return s.record(ctx, tx, sojourn.System, access.RunCampaign, objectID("campaign", c.ID),
			map[string]int64{"after": last, "selected": int64(len(members)), "cases": int64(n)})
	})
}

// commissionOf returns the commission that reviews the residents of city
// on the date on: the one covering the city then, or, when the one that
// covered it had been abolished by then, the authority holding its
// functions (the last of its successors; see successions); "" when none.
func commissionOf(ctx context.Context, tx *store.Tx, auths []sojourn.Authority, city string, on sojourn.Date) (string, error) {
	if code, ok := placeAuthority(auths, sojourn.KindCommission, city, on); ok {
		return code, nil
	}
	for _, a := range auths {
		if a.Kind != sojourn.KindCommission || !a.AbolishedBy(on) || !slices.Contains(a.Places, city) {
			continue
		}
		chain, err := successions(ctx, tx, a.Code)
		if err != nil || len(chain) == 0 {
			return "", err
		}
		return chain[len(chain)-1].Successor, nil
	}
	return "", nil
}
