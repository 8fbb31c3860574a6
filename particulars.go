package sojourn

// Grounds of admission.
const (
	GroundPersecution = "persecution" // risk of persecution at home
	GroundMedical     = "medical"     // a medical petition (HQ's consent recorded as a concurrence)
)

// Purposes of a stay. Medical, study and visitor stays are time-limited
// (until treatment ends, graduation, the visit's end); a refuge, granted
// on admission for risk of persecution, may be open-ended.
const (
	StayMedical = "medical"
	StayStudy   = "study"
	StayVisitor = "visitor"
	StayRefuge  = "refuge"
)

// ParticularsInput is what is filed, beyond the common fields, with an
// admission (ground, exceptional route, end of a medical stay), a stay
// (purpose and end) or a stay extension (the new end). Other case types
// take none.
type ParticularsInput struct {
	Ground           string `json:"ground,omitempty" enum:"persecution,medical," doc:"admission: the ground claimed"`
	ExceptionalRoute bool   `json:"exceptional_route,omitempty" doc:"admission: the applicant crossed by an exceptional route (needs the top authority's approval)"`
	StayPurpose      string `json:"stay_purpose,omitempty" enum:"medical,study,visitor," doc:"stay: what the stay is for"`
	StayUntil        Date   `json:"stay_until,omitzero" doc:"last day of the stay: when treatment ends, graduation, the visit's end; for an extension, the new last day"`
}

// validate checks the particulars against the case type into p.
func (in *ParticularsInput) validate(p *Problems, caseType string) {
	takes := caseType == CaseAdmission || caseType == CaseStay || caseType == CaseStayExtension
	switch {
	case in == nil && takes:
		p.Add("particulars", "are required for %s cases", caseType)
		return
	case in == nil:
		return
	case !takes:
		p.Add("particulars", "%s cases take no particulars", caseType)
		return
	}
	switch caseType {
	case CaseAdmission:
		p.OneOf("particulars.ground", in.Ground, GroundPersecution, GroundMedical)
		if in.StayPurpose != "" {
			p.Add("particulars.stay_purpose", "follows from the ground of an admission; leave it out")
		}
		if in.Ground == GroundMedical {
			p.RequireDate("particulars.stay_until", in.StayUntil)
		}
	case CaseStay:
		p.OneOf("particulars.stay_purpose", in.StayPurpose, StayMedical, StayStudy, StayVisitor)
		p.RequireDate("particulars.stay_until", in.StayUntil)
	case CaseStayExtension:
		p.RequireDate("particulars.stay_until", in.StayUntil)
	}
	if caseType != CaseAdmission && (in.Ground != "" || in.ExceptionalRoute) {
		p.Add("particulars.ground", "only an admission has a ground or an exceptional route")
	}
	if caseType == CaseStayExtension && in.StayPurpose != "" {
		p.Add("particulars.stay_purpose", "an extension keeps the purpose of the stay it extends; leave it out")
	}
}

// Particulars are what a case of admission, stay, stay extension or
// departure carries beyond the common fields: what was filed, and what
// the server records as the case goes on.
type Particulars struct {
	ParticularsInput
	// Approval is the top authority's approval of this case (admission by
	// an exceptional route).
	Approval *Approval `json:"approval,omitempty" readOnly:"true"`
	// SuspendedFrom is, while a departure is suspended by a protection,
	// the state it returns to when the protection is lifted.
	SuspendedFrom CaseState `json:"suspended_from,omitempty" readOnly:"true"`
	// EnforcedOn is the day a departure was carried out.
	EnforcedOn Date `json:"enforced_on,omitzero" readOnly:"true"`
}

// StayPurpose is the purpose of the stay a grant of the case records:
// medical or refuge for an admission by its ground, as filed for a stay.
func (p Particulars) StayPurpose(caseType string) string {
	switch {
	case caseType != CaseAdmission:
		return p.ParticularsInput.StayPurpose
	case p.Ground == GroundMedical:
		return StayMedical
	default:
		return StayRefuge
	}
}

// Approval is the top authority's per-case approval.
type Approval struct {
	By         string `json:"by"`
	Authority  string `json:"authority"`
	ApprovedOn Date   `json:"approved_on"`
	Grounds    string `json:"grounds"`
}

// ApprovalInput is what the head of the top authority submits to approve
// one case.
type ApprovalInput struct {
	ApprovedOn Date   `json:"approved_on" example:"1939-03-10"`
	Grounds    string `json:"grounds" minLength:"1" maxLength:"2000" example:"Crossing approved in view of the medical emergency."`
}

// Validate checks the input field by field.
func (in ApprovalInput) Validate() error {
	var p Problems
	p.RequireDate("approved_on", in.ApprovedOn)
	p.Require("grounds", in.Grounds)
	p.MaxLen("grounds", in.Grounds, 2000)
	return p.Err("approval")
}

// EnforcementInput is what is submitted when a departure is carried out.
type EnforcementInput struct {
	EnforcedOn Date   `json:"enforced_on" example:"1950-06-01"`
	Note       string `json:"note" minLength:"1" maxLength:"2000" doc:"how and where the person departed" example:"departed by train from the central station, escorted"`
}

// Validate checks the input field by field.
func (in EnforcementInput) Validate() error {
	var p Problems
	p.RequireDate("enforced_on", in.EnforcedOn)
	p.Require("note", in.Note)
	p.MaxLen("note", in.Note, 2000)
	return p.Err("enforcement")
}

// CaseApproval is one case's approval by the top authority, as a list of
// approvals shows it.
type CaseApproval struct {
	CaseID         int64  `json:"case_id"`
	CaseAuthority  string `json:"case_authority" doc:"the authority deciding the case"`
	Classification Level  `json:"classification"`
	Approval
}
