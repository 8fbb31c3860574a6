package sojourn

import (
	"regexp"
	"slices"
	"time"
)

// Authority kinds.
const (
	KindMinistry   = "ministry"
	KindDepartment = "department"
	KindEmbassy    = "embassy"
	KindConsulate  = "consulate"
	KindCommission = "commission"
	KindOffice     = "office"
)

// AuthorityKinds lists the accepted authority kinds.
var AuthorityKinds = []string{KindMinistry, KindDepartment, KindEmbassy, KindConsulate, KindCommission, KindOffice}

var authorityCode = regexp.MustCompile(`^[A-Z][A-Z0-9-]{1,15}$`)

// Authority is a body that decides or keeps files: a ministry, department,
// embassy, commission or local office. It exists from ValidFrom to ValidTo.
// Its jurisdiction is its places and the case types it decides itself; an
// abolished authority names the Successor its functions passed to.
type Authority struct {
	ID        int64    `json:"id"`
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Parent    string   `json:"parent,omitempty"`
	Places    []string `json:"places"`
	CaseTypes []string `json:"case_types"`
	Period
	Successor       string    `json:"successor,omitempty"`
	AbolishedOn     Date      `json:"abolished_on,omitzero"`
	AbolitionReason string    `json:"abolition_reason,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
}

// Decides reports whether the authority decides cases of the type by its
// own jurisdiction on d.
func (a Authority) Decides(caseType string, d Date) bool {
	return a.ActiveOn(d) && slices.Contains(a.CaseTypes, caseType)
}

// ActiveOn reports whether the authority exists on d.
func (a Authority) ActiveOn(d Date) bool {
	return a.Contains(d)
}

// AuthorityInput is what an administrator submits to create an authority.
type AuthorityInput struct {
	Code      string   `json:"code" example:"VRD" doc:"2-16 capitals, digits or dashes"`
	Name      string   `json:"name" maxLength:"200" example:"Visa and Registration Department"`
	Kind      string   `json:"kind" enum:"ministry,department,embassy,consulate,commission,office"`
	Parent    string   `json:"parent,omitempty" doc:"code of the parent authority"`
	Places    []string `json:"places,omitempty" maxItems:"1000" doc:"places the authority covers"`
	CaseTypes []string `json:"case_types,omitempty" maxItems:"20" doc:"case types the authority decides by its own jurisdiction; none = it decides only under delegation"`
	Period
}

// Validate checks the input field by field.
func (in AuthorityInput) Validate() error {
	var p Problems
	if !authorityCode.MatchString(in.Code) {
		p.Add("code", "must be 2-16 capital letters, digits or dashes, starting with a letter")
	}
	p.Require("name", in.Name)
	p.MaxLen("name", in.Name, 200)
	p.PlainText("name", in.Name)
	p.OneOf("kind", in.Kind, AuthorityKinds...)
	if in.Parent != "" && !authorityCode.MatchString(in.Parent) {
		p.Add("parent", "is not an authority code")
	}
	for i, pl := range in.Places {
		p.Require("places["+itoa(i)+"]", pl)
		p.MaxLen("places["+itoa(i)+"]", pl, 200)
	}
	for i, t := range in.CaseTypes {
		p.OneOf("case_types["+itoa(i)+"]", t, CaseTypes...)
	}
	p.Merge(in.Period.Validate())
	return p.Err("authority")
}
