package sojourn

import "time"

// CaseReview is the case type of a review campaign's cases: one per person
// of the cohort, filed with the commission of the person's city on the
// campaign's date and decided like any case (grant: status confirmed;
// deny: not confirmed), with grounds and the policy explanation.
const CaseReview = "review"

// CampaignInput starts a review campaign: the cohort is every person (whose
// file the requester sees) for whom Rule, a CEL condition over the person
// and their status on On (see CohortInputs), holds.
type CampaignInput struct {
	Name           string `json:"name" minLength:"1" maxLength:"200" example:"Review of registered workers 1956"`
	LegalReference string `json:"legal_reference" minLength:"1" maxLength:"500" example:"Order 112 of 1956-01-05"`
	Rule           string `json:"rule" minLength:"1" maxLength:"4000" example:"category == \"worker\" && legal_state == \"resident\""`
	On             Date   `json:"on" doc:"the date the cohort's status is read on, and the review cases' filing date"`
	BatchSize      int    `json:"batch_size,omitempty" minimum:"0" maximum:"5000" doc:"persons per batch (one transaction each); default 1000"`
}

// Validate checks the input field by field (the rule compiles in service).
func (in CampaignInput) Validate() error {
	var p Problems
	p.Require("name", in.Name)
	p.MaxLen("name", in.Name, 200)
	p.Require("legal_reference", in.LegalReference)
	p.MaxLen("legal_reference", in.LegalReference, 500)
	p.Require("rule", in.Rule)
	p.MaxLen("rule", in.Rule, 4000)
	p.RequireDate("on", in.On)
	if in.BatchSize < 0 || in.BatchSize > 5000 {
		p.Add("batch_size", "must be between 0 (default) and 5000")
	}
	return p.Err("campaign")
}

// CohortInputs are the CEL inputs a cohort rule (of a campaign or a decree)
// reads of each person, on the rule's date as the ledger knows it when the
// batch runs; `on` is that date.
var CohortInputs = map[string]string{
	"country_of_origin": "string",
	"birth_date":        "date",
	"authority":         "string",
	"legal_state":       "string",
	"city":              "string",
	"category":          "string",
	"registered":        "bool",
	"citizenships":      "list(string)",
}

// Campaign is a review campaign with its progress.
type Campaign struct {
	ID             int64        `json:"id"`
	Name           string       `json:"name"`
	LegalReference string       `json:"legal_reference"`
	Rule           string       `json:"rule"`
	On             Date         `json:"on"`
	Authority      string       `json:"authority,omitempty" doc:"the persons covered are those kept by this authority; absent: every authority"`
	CreatedBy      string       `json:"created_by"`
	CreatedAt      time.Time    `json:"created_at"`
	Progress       JobProgress  `json:"progress"`
	Reviews        int          `json:"reviews" doc:"review cases created so far (of those you may see)"`
	Unrouted       int          `json:"unrouted" doc:"persons of the cohort with no commission for their city on the date (no case made)"`
	Cities         []CityReview `json:"cities" doc:"per city: review cases open, and decided by outcome"`
}

// JobProgress is how far a background run has got: its state (queued,
// running, retrying, done, failed), persons examined of the total, the
// attempts made and the last error (kept while a failed batch is retried).
type JobProgress struct {
	State    string `json:"state"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Attempts int    `json:"attempts"`
	Error    string `json:"error,omitempty"`
}

// CityReview is the progress of a campaign in one city.
type CityReview struct {
	City     string         `json:"city"`
	Open     int            `json:"open"`
	Decided  map[string]int `json:"decided" doc:"decided (or closed after a decision) cases by the outcome of their latest decision"`
	Closed   int            `json:"closed_undecided,omitempty" doc:"closed without a decision"`
	Unrouted int            `json:"unrouted,omitempty"`
}

// Review is one person of a campaign's cohort and their review case (0
// when no commission covers the person's city).
type Review struct {
	CampaignID int64  `json:"campaign_id"`
	PersonID   int64  `json:"person_id"`
	City       string `json:"city"`
	CaseID     int64  `json:"case_id,omitempty"`
	Authority  string `json:"authority,omitempty"`
}
