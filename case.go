package sojourn

import "time"

// Case types.
const (
	CaseResidencePermit = "residence_permit"
	CaseReturnRequest   = "return_request"
	CaseLegalisation    = "legalisation"
	CaseAdmission       = "admission"      // S3: admission on a ground, with a recommendation
	CaseStay            = "stay"           // S3: a time-limited study, visitor or medical stay
	CaseStayExtension   = "stay_extension" // S3: a later end of the stay the person holds
	CaseDeparture       = "departure"      // S6: return to the country of origin
)

// CaseTypes lists the case types Sojourn knows.
var CaseTypes = []string{CaseResidencePermit, CaseReturnRequest, CaseLegalisation, CaseReview,
	CaseAdmission, CaseStay, CaseStayExtension, CaseDeparture}

// CaseState is a step of a case's life: filed → in_review → decided → closed;
// an appeal takes a decided case back to in_review. A departure is
// suspended while a protection recorded on its person stands (see
// Particulars.SuspendedFrom); a suspended case takes no action.
type CaseState string

// The case states.
const (
	StateFiled     CaseState = "filed"
	StateInReview  CaseState = "in_review"
	StateDecided   CaseState = "decided"
	StateClosed    CaseState = "closed"
	StateSuspended CaseState = "suspended"
)

// CaseAction is something done to a case that may move its state.
type CaseAction string

// The case actions.
const (
	ActionReview   CaseAction = "review"
	ActionEvidence CaseAction = "add_evidence"
	ActionDecide   CaseAction = "decide"
	ActionAppeal   CaseAction = "appeal"
	ActionClose    CaseAction = "close"
	ActionRefer    CaseAction = "refer"
	ActionApprove  CaseAction = "approve"
	ActionEnforce  CaseAction = "enforce"
)

// transitions maps each state and action to the state the action leads to.
var transitions = map[CaseState]map[CaseAction]CaseState{
	StateFiled: {
		ActionReview: StateInReview, ActionEvidence: StateFiled,
		ActionDecide: StateDecided, ActionClose: StateClosed, ActionRefer: StateFiled, ActionApprove: StateFiled,
	},
	StateInReview: {
		ActionEvidence: StateInReview, ActionDecide: StateDecided, ActionClose: StateClosed,
		ActionRefer: StateInReview, ActionApprove: StateInReview,
	},
	StateDecided: {
		ActionAppeal: StateInReview, ActionClose: StateClosed, ActionEnforce: StateClosed,
	},
}

// Next returns the state that action leads to from s, or a conflict error
// naming the state when the action is not allowed there.
func (s CaseState) Next(action CaseAction) (CaseState, error) {
	if next, ok := transitions[s][action]; ok {
		return next, nil
	}
	return "", Errorf(CodeConflict, "a case that is %s cannot take the action %q", s, action)
}

// Petition is a sponsor's petition filed on an applicant's behalf.
// Accredited is set when a case is read, by Case.PetitionAccredited (a
// petition of an unaccredited sponsor does not count).
type Petition struct {
	Sponsor    string `json:"sponsor" example:"IAS" doc:"code of the sponsor organisation"`
	FiledOn    Date   `json:"filed_on" example:"1937-11-02"`
	Accredited *bool  `json:"accredited,omitempty" readOnly:"true" doc:"whether the sponsor was accredited with the case's (deciding) authority on filed_on; set by the server, the same answer the evaluation's sponsor_accredited uses"`
}

// Case is an application or proceeding about one person before one authority.
// Version counts changes and is the case's ETag.
type Case struct {
	ID             int64         `json:"id"`
	Type           string        `json:"type"`
	PersonID       int64         `json:"person_id"`
	Authority      string        `json:"authority"`
	State          CaseState     `json:"state"`
	FiledOn        Date          `json:"filed_on"`
	Petition       *Petition     `json:"petition,omitempty"`
	Classification Level         `json:"classification"`
	Appeals        int           `json:"appeals"`
	Version        int64         `json:"version"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
	Evidence       []Evidence    `json:"evidence"`
	Decisions      []Decision    `json:"decisions"`
	Concurrences   []Concurrence `json:"concurrences"`
	Transfers      []Transfer    `json:"transfers"`
	Obligations    []Obligation  `json:"obligations"`
	// Particulars are what cases of admission, stays and departures carry
	// beyond the common fields.
	Particulars *Particulars `json:"particulars,omitempty"`
}

// PetitionAccredited is the one answer to "does the sponsor's petition
// count": the sponsor was accredited with the authority deciding the case
// on the day the petition was filed. accs are the sponsor's accreditations
// with any authority; false when there is no petition.
func (c Case) PetitionAccredited(accs []Accreditation) bool {
	if c.Petition == nil {
		return false
	}
	for _, a := range accs {
		if a.Authority == c.Authority && a.CoversOn(c.Petition.FiledOn) {
			return true
		}
	}
	return false
}

// IssuesPermit reports whether a grant of the case issues a residence permit.
func (c Case) IssuesPermit() bool { return c.Type == CaseResidencePermit }

// CaseInput is what a clerk submits to file a case.
type CaseInput struct {
	Type           string    `json:"type" enum:"residence_permit,return_request,legalisation,review,admission,stay,stay_extension,departure"`
	PersonID       int64     `json:"person_id" minimum:"1" example:"1"`
	Authority      string    `json:"authority" example:"VRD"`
	FiledOn        Date      `json:"filed_on" example:"1937-11-02"`
	Petition       *Petition `json:"petition,omitempty"`
	Classification Level     `json:"classification,omitempty" enum:"unclassified,restricted,secret,top_secret"`
	// Particulars of an admission, stay or stay extension (see
	// docs/case-types.md).
	Particulars *ParticularsInput `json:"particulars,omitempty"`
}

// Validate checks the input field by field.
func (in CaseInput) Validate() error {
	var p Problems
	p.OneOf("type", in.Type, CaseTypes...)
	if in.PersonID <= 0 {
		p.Add("person_id", "is required")
	}
	p.Require("authority", in.Authority)
	p.RequireDate("filed_on", in.FiledOn)
	if in.Petition != nil {
		p.Require("petition.sponsor", in.Petition.Sponsor)
		p.RequireDate("petition.filed_on", in.Petition.FiledOn)
	}
	if in.Classification != "" && !in.Classification.Valid() {
		p.Add("classification", "must be one of %v", Levels)
	}
	in.Particulars.validate(&p, in.Type)
	return p.Err("case")
}

// Evidence kinds: what the person states, what other sources say, and
// liability: proceedings (e.g. for misconduct) pending against the person.
const (
	EvidenceStated      = "stated"
	EvidenceOtherSource = "other_source"
	EvidenceDocument    = "document"
	EvidenceLiability   = "liability"
)

// Evidence is one claim on a case with its source, e.g. the reason the person
// gave, or what another office reported.
type Evidence struct {
	ID         int64     `json:"id"`
	CaseID     int64     `json:"case_id"`
	Kind       string    `json:"kind"`
	Claim      string    `json:"claim"`
	Source     string    `json:"source"`
	ReceivedOn Date      `json:"received_on"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// EvidenceInput is what a clerk submits to add evidence.
type EvidenceInput struct {
	Kind       string `json:"kind" enum:"stated,other_source,document,liability"`
	Claim      string `json:"claim" minLength:"1" maxLength:"10000" example:"employed as a clerk at the harbour office since 1936"`
	Source     string `json:"source" minLength:"1" maxLength:"500" example:"employment contract no. 112, seen by the clerk"`
	ReceivedOn Date   `json:"received_on"`
}

// Validate checks the input field by field.
func (in EvidenceInput) Validate() error {
	var p Problems
	p.OneOf("kind", in.Kind, EvidenceStated, EvidenceOtherSource, EvidenceDocument, EvidenceLiability)
	p.Require("claim", in.Claim)
	p.MaxLen("claim", in.Claim, 10000)
	p.Require("source", in.Source)
	p.MaxLen("source", in.Source, 500)
	p.RequireDate("received_on", in.ReceivedOn)
	return p.Err("evidence")
}
