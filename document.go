package sojourn

// Document kinds.
const (
	DocPassport      = "passport"
	DocIdentityCard  = "identity_card"
	DocTravelDoc     = "travel_document"
	DocRefugeeCert   = "refugee_certificate"
	DocOtherDocument = "other"
)

// DocumentKinds lists the accepted document kinds.
var DocumentKinds = []string{DocPassport, DocIdentityCard, DocTravelDoc, DocRefugeeCert, DocOtherDocument}

// Document is an identity or travel document held by a person.
type Document struct {
	ID           int64  `json:"id"`
	PersonID     int64  `json:"person_id"`
	Kind         string `json:"kind"`
	Number       string `json:"number"`
	IssuingState string `json:"issuing_state"`
	ValidFrom    Date   `json:"valid_from"`
	ValidTo      Date   `json:"valid_to,omitzero"`
}

// DocumentInput is what a clerk submits to record a document.
type DocumentInput struct {
	Kind         string `json:"kind" enum:"passport,identity_card,travel_document,refugee_certificate,other"`
	Number       string `json:"number" minLength:"1" maxLength:"64"`
	IssuingState string `json:"issuing_state" example:"CS"`
	ValidFrom    Date   `json:"valid_from"`
	ValidTo      Date   `json:"valid_to,omitzero" doc:"last day of validity; absent for no expiry"`
}

// Validate checks the input field by field.
func (in DocumentInput) Validate() error {
	var p Problems
	p.OneOf("kind", in.Kind, DocumentKinds...)
	p.Require("number", in.Number)
	p.MaxLen("number", in.Number, 64)
	if !countryCode.MatchString(in.IssuingState) {
		p.Add("issuing_state", "must be a country code of 2 to 4 capital letters")
	}
	p.RequireDate("valid_from", in.ValidFrom)
	p.Period("valid_from", in.ValidFrom, "valid_to", in.ValidTo)
	return p.Err("document")
}
