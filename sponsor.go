package sojourn

import "time"

// Sponsor is an organisation that may petition or recommend on behalf of
// applicants while it is accredited.
type Sponsor struct {
	ID             int64           `json:"id"`
	Code           string          `json:"code"`
	Name           string          `json:"name"`
	Country        string          `json:"country"`
	CreatedAt      time.Time       `json:"created_at"`
	Accreditations []Accreditation `json:"accreditations"`
}

// SponsorInput is what an administrator submits to register a sponsor.
type SponsorInput struct {
	Code    string `json:"code" example:"IAS"`
	Name    string `json:"name" maxLength:"200" example:"International Aid Society"`
	Country string `json:"country" doc:"country whose nationals the sponsor represents" example:"CS"`
}

// Validate checks the input field by field.
func (in SponsorInput) Validate() error {
	var p Problems
	if !authorityCode.MatchString(in.Code) {
		p.Add("code", "must be 2-16 capital letters, digits or dashes, starting with a letter")
	}
	p.Require("name", in.Name)
	p.MaxLen("name", in.Name, 200)
	p.PlainText("name", in.Name)
	p.Country("country", in.Country)
	return p.Err("sponsor")
}

// Accreditation is a period during which an authority recognises a sponsor.
// A revocation ends it early: from RevokedOn on it no longer counts.
type Accreditation struct {
	ID        int64  `json:"id"`
	Sponsor   string `json:"sponsor"`
	Authority string `json:"authority"`
	Period
	RevokedOn Date `json:"revoked_on,omitzero"`
}

// CoversOn reports whether the accreditation counts on d.
func (a Accreditation) CoversOn(d Date) bool {
	return a.Contains(d) && (a.RevokedOn.IsZero() || d.Before(a.RevokedOn))
}

// AccreditationInput is what an administrator submits to accredit a sponsor.
type AccreditationInput struct {
	Authority string `json:"authority" example:"VRD"`
	Period
}

// Validate checks the input field by field.
func (in AccreditationInput) Validate() error {
	var p Problems
	p.Require("authority", in.Authority)
	p.Merge(in.Period.Validate())
	return p.Err("accreditation")
}

// RevocationInput is what an administrator submits to revoke an accreditation.
type RevocationInput struct {
	RevokedOn Date   `json:"revoked_on" doc:"first day on which the accreditation no longer counts"`
	Reason    string `json:"reason" minLength:"1" maxLength:"2000" example:"the organisation was dissolved by its members"`
}

// Validate checks the input field by field.
func (in RevocationInput) Validate() error {
	var p Problems
	p.RequireDate("revoked_on", in.RevokedOn)
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	return p.Err("revocation")
}
