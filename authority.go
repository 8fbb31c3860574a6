package sojourn

import (
	"regexp"
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
type Authority struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Kind      string    `json:"kind"`
	Parent    string    `json:"parent,omitempty"`
	Places    []string  `json:"places"`
	ValidFrom Date      `json:"valid_from"`
	ValidTo   Date      `json:"valid_to,omitzero"`
	CreatedAt time.Time `json:"created_at"`
}

// ActiveOn reports whether the authority exists on d.
func (a Authority) ActiveOn(d Date) bool {
	return !d.Before(a.ValidFrom) && (a.ValidTo.IsZero() || !d.After(a.ValidTo))
}

// AuthorityInput is what an administrator submits to create an authority.
type AuthorityInput struct {
	Code      string   `json:"code" example:"VRD" doc:"2-16 capitals, digits or dashes"`
	Name      string   `json:"name" maxLength:"200" example:"Visa and Registration Department"`
	Kind      string   `json:"kind" enum:"ministry,department,embassy,consulate,commission,office"`
	Parent    string   `json:"parent,omitempty" doc:"code of the parent authority"`
	Places    []string `json:"places,omitempty" maxItems:"1000" doc:"places the authority covers"`
	ValidFrom Date     `json:"valid_from"`
	ValidTo   Date     `json:"valid_to,omitzero"`
}

// Validate checks the input field by field.
func (in AuthorityInput) Validate() error {
	var p Problems
	if !authorityCode.MatchString(in.Code) {
		p.Add("code", "must be 2-16 capital letters, digits or dashes, starting with a letter")
	}
	p.Require("name", in.Name)
	p.MaxLen("name", in.Name, 200)
	p.OneOf("kind", in.Kind, AuthorityKinds...)
	if in.Parent != "" && !authorityCode.MatchString(in.Parent) {
		p.Add("parent", "is not an authority code")
	}
	for i, pl := range in.Places {
		p.Require("places["+itoa(i)+"]", pl)
		p.MaxLen("places["+itoa(i)+"]", pl, 200)
	}
	p.RequireDate("valid_from", in.ValidFrom)
	p.Period("valid_from", in.ValidFrom, "valid_to", in.ValidTo)
	return p.Err("authority")
}
