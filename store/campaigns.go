package store

import (
	"context"
	"time"

	"sojourn"
)

// CampaignRecord is a campaign as stored: what people see, and what its
// run needs (batch size, job, the last person examined).
type CampaignRecord struct {
	sojourn.Campaign
	BatchSize int
	JobID     int64
	Cursor    int64
}

const campaignColumns = `SELECT id, name, legal_reference, rule, on_date, authority, batch_size, job_id, cursor,
	created_by, created_at FROM campaigns`

func scanCampaign(s scanner) (CampaignRecord, error) {
	var c CampaignRecord
	var created int64
	err := s.Scan(&c.ID, &c.Name, &c.LegalReference, &c.Rule, &c.On, &c.Authority, &c.BatchSize, &c.JobID, &c.Cursor,
		&c.CreatedBy, &created)
	c.CreatedAt = fromMicros(created)
	return c, err
}

// CreateCampaign stores a campaign whose run is the job c.JobID.
func (t *Tx) CreateCampaign(ctx context.Context, c CampaignRecord, now time.Time) (CampaignRecord, error) {
	id, err := t.insert(ctx, `INSERT INTO campaigns (name, legal_reference, rule, on_date, authority, batch_size, job_id,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Name, c.LegalReference, c.Rule, c.On, c.Authority,
		c.BatchSize, c.JobID, c.CreatedBy, micros(now))
	if err != nil {
		return c, err
	}
	return t.CampaignByID(ctx, id)
}

// CampaignByID returns a campaign.
func (t *Tx) CampaignByID(ctx context.Context, id int64) (CampaignRecord, error) {
	return getOne(ctx, t, "campaign", scanCampaign, campaignColumns+" WHERE id = ?", id)
}

// ListCampaigns returns a page of campaigns by id after after.
func (t *Tx) ListCampaigns(ctx context.Context, after int64, limit int) ([]CampaignRecord, error) {
	return getAll(ctx, t, scanCampaign, campaignColumns+" WHERE id > ? ORDER BY id LIMIT ?", after, limit)
}

// CampaignByJob returns the campaign a job runs.
func (t *Tx) CampaignByJob(ctx context.Context, jobID int64) (CampaignRecord, error) {
	return getOne(ctx, t, "campaign", scanCampaign, campaignColumns+" WHERE job_id = ?", jobID)
}

// NewReview is a person of a campaign's cohort: their city and the
// commission their review case goes to ("" when none covers the city).
type NewReview struct {
	PersonID  int64
	City      string
	Authority string
}

// AddReviews records one batch of a campaign: a review case (filed on the
// campaign's date) for each person routed to a commission, a review row
// for every person (the schema refuses a second one for a person), and
// the last person examined, all in multi-row statements. It returns how
// many cases it created.
func (t *Tx) AddReviews(ctx context.Context, c CampaignRecord, batch []NewReview, cursor int64, now time.Time) (int, error) {
	var cases [][]any
	for _, r := range batch {
		if r.Authority != "" {
			cases = append(cases, []any{sojourn.CaseReview, r.PersonID, r.Authority, sojourn.StateFiled, c.On,
				sojourn.Unclassified, 0, 1, micros(now), micros(now)})
		}
	}
	ids, err := t.insertRows(ctx, "cases", []string{"type", "person_id", "authority", "state", "filed_on", "classification",
		"appeals", "version", "created_at", "updated_at"}, "person_id", cases)
	if err != nil {
		return 0, err
	}
	rows := make([][]any, len(batch))
	for i, r := range batch {
		var caseID any
		if id, ok := ids[r.PersonID]; ok && r.Authority != "" {
			caseID = id
		}
		rows[i] = []any{c.ID, r.PersonID, r.City, caseID}
	}
	if _, err := t.insertRows(ctx, "campaign_reviews", []string{"campaign_id", "person_id", "city", "case_id"}, "person_id", rows); err != nil {
		return 0, err
	}
	_, err = t.update(ctx, "UPDATE campaigns SET cursor = ? WHERE id = ?", cursor, c.ID)
	return len(cases), err
}

// reviewVisibility selects the reviews v may see: of cases v sees, and,
// for a reader of every authority, persons routed to no commission.
func reviewVisibility(v Visibility) (string, []any) {
	vis, args := v.where("c.authority", "c.classification")
	return " AND ((r.case_id IS NULL AND ? = '') OR (r.case_id IS NOT NULL" + vis + "))", append([]any{v.Authority}, args...)
}

// CampaignCities returns a campaign's progress per city, over the reviews
// v may see: open cases, decided cases by the outcome of their latest
// decision, closed undecided ones and persons routed to no commission.
func (t *Tx) CampaignCities(ctx context.Context, campaignID int64, v Visibility) ([]sojourn.CityReview, error) {
	vis, args := reviewVisibility(v)
	type row struct {
		city, state, outcome string
		n                    int
	}
	rows, err := getAll(ctx, t, func(s scanner) (row, error) {
		var r row
		err := s.Scan(&r.city, &r.state, &r.outcome, &r.n)
		return r, err
	}, `SELECT r.city, COALESCE(c.state, ''),
		COALESCE((SELECT d.outcome FROM decisions d WHERE d.case_id = c.id ORDER BY d.id DESC LIMIT 1), ''), COUNT(*)
		FROM campaign_reviews r LEFT JOIN cases c ON c.id = r.case_id WHERE r.campaign_id = ?`+vis+`
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, append([]any{campaignID}, args...)...)
	out := []sojourn.CityReview{}
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].City != r.city {
			out = append(out, sojourn.CityReview{City: r.city, Decided: map[string]int{}})
		}
		cr := &out[len(out)-1]
		switch {
		case r.state == "":
			cr.Unrouted += r.n
		case r.state == string(sojourn.StateFiled) || r.state == string(sojourn.StateInReview):
			cr.Open += r.n
		case r.outcome != "":
			cr.Decided[r.outcome] += r.n
		default:
			cr.Closed += r.n
		}
	}
	return out, err
}

// CampaignReviews returns one page of a campaign's reviews that v may see,
// by person id after after.
func (t *Tx) CampaignReviews(ctx context.Context, campaignID int64, v Visibility, after int64, limit int) ([]sojourn.Review, error) {
	vis, args := reviewVisibility(v)
	return getAll(ctx, t, func(s scanner) (sojourn.Review, error) {
		var r sojourn.Review
		err := s.Scan(&r.CampaignID, &r.PersonID, &r.City, &r.CaseID, &r.Authority)
		return r, err
	}, `SELECT r.campaign_id, r.person_id, r.city, COALESCE(r.case_id, 0), COALESCE(c.authority, '')
		FROM campaign_reviews r LEFT JOIN cases c ON c.id = r.case_id WHERE r.campaign_id = ?`+vis+`
		AND r.person_id > ? ORDER BY r.person_id LIMIT ?`, append(append([]any{campaignID}, args...), after, limit)...)
}

// CountPersons counts the persons kept by an authority ("" for all) up to
// the id upTo (0: all of them).
func (t *Tx) CountPersons(ctx context.Context, authority string, upTo int64) (int, error) {
	var n int
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM persons WHERE (? = '' OR authority = ?) AND (? = 0 OR id <= ?)",
		authority, authority, upTo, upTo).Scan(&n)
	return n, t.d.translate(err)
}
