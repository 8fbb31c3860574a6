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
	Period
}

// DocumentInput is what a clerk submits to record a document.
type DocumentInput struct {
	Kind         string `json:"kind" enum:"passport,identity_card,travel_document,refugee_certificate,other"`
	Number       string `json:"number" minLength:"1" maxLength:"64"`
	IssuingState string `json:"issuing_state" example:"CS"`
	Period
}

// Validate checks the input field by field.
func (in DocumentInput) Validate() error {
	var p Problems
	p.OneOf("kind", in.Kind, DocumentKinds...)
	p.Require("number", in.Number)
	p.MaxLen("number", in.Number, 64)
	p.Country("issuing_state", in.IssuingState)
	p.Merge(in.Period.Validate())
	return p.Err("document")
}
