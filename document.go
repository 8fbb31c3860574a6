package sojourn

import "time"

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

// Document is an identity or travel document held by a person. Its kind,
// number and issuing state are kept with the document, corrected only by a
// DocumentCorrection (each version recorded at RecordedAt, for Reason); its
// validity is the status ledger's document fact about it, the one source
// that status, the person's file and the policy inputs all read.
type Document struct {
	ID           int64  `json:"id"`
	PersonID     int64  `json:"person_id"`
	Kind         string `json:"kind"`
	Number       string `json:"number"`
	IssuingState string `json:"issuing_state"`
	Period
	Retracted  bool      `json:"retracted,omitempty" doc:"the ledger says the document never held"`
	RecordedAt time.Time `json:"recorded_at" doc:"when this version of the document was recorded"`
	Reason     string    `json:"reason,omitempty" doc:"why this version corrected the one before"`
}

// Label names the document in the status ledger, e.g. "passport CS A1".
func (d Document) Label() string { return d.Kind + " " + d.IssuingState + " " + d.Number }

// Fact is the status-ledger fact recording that d is valid for its period.
func (d Document) Fact(authority, recordedBy string, at time.Time) StatusFact {
	return StatusFact{PersonID: d.PersonID, DocumentID: d.ID, Kind: FactDocument, Ref: d.Number, Label: d.Label(),
		Authority: authority, Period: d.Period, RecordedAt: at, RecordedBy: recordedBy}
}

// DocumentsAsKnown gives each document the validity the ledger's facts known
// at t say it has (facts may hold every record, superseded ones too). A
// document whose fact was retracted is marked Retracted.
func DocumentsAsKnown(docs []Document, facts []StatusFact, t time.Time) []Document {
	out := make([]Document, 0, len(docs))
	for _, d := range docs {
		d.Period, d.Retracted = Period{}, false
		for _, f := range facts {
			if f.DocumentID == d.ID && f.KnownAt(t) {
				d.Period, d.Retracted = f.Period, f.Retracted
			}
		}
		out = append(out, d)
	}
	return out
}

// DocumentInput is what a clerk submits to record a document.
type DocumentInput struct {
	Kind         string `json:"kind" enum:"passport,identity_card,travel_document,refugee_certificate,other"`
	Number       string `json:"number" minLength:"1" maxLength:"64" example:"C-4471203"`
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

// DocumentCorrection corrects a document's kind, number, issuing state or
// validity; what is absent stays as it was. Reason is required and kept.
type DocumentCorrection struct {
	Kind         string `json:"kind,omitempty" enum:"passport,identity_card,travel_document,refugee_certificate,other"`
	Number       string `json:"number,omitempty" maxLength:"64"`
	IssuingState string `json:"issuing_state,omitempty"`
	ValidFrom    Date   `json:"valid_from,omitzero" doc:"corrected first day; default unchanged"`
	ValidTo      Date   `json:"valid_to,omitzero" doc:"corrected last day; default unchanged"`
	OpenEnded    bool   `json:"open_ended,omitempty" doc:"the document has no expiry"`
	Reason       string `json:"reason" minLength:"1" maxLength:"2000" example:"the number was misread from the passport at registration"`
}

// Validate checks the correction field by field.
func (in DocumentCorrection) Validate() error {
	var p Problems
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	if in.Kind != "" {
		p.OneOf("kind", in.Kind, DocumentKinds...)
	}
	p.MaxLen("number", in.Number, 64)
	if in.IssuingState != "" {
		p.Country("issuing_state", in.IssuingState)
	}
	if in.OpenEnded && !in.ValidTo.IsZero() {
		p.Add("open_ended", "cannot be set together with valid_to")
	}
	if in.Kind == "" && in.Number == "" && in.IssuingState == "" && !in.changesPeriod() {
		p.Add("reason", "a correction must change something")
	}
	p.Period("valid_from", in.ValidFrom, "valid_to", in.ValidTo)
	return p.Err("correction")
}

func (in DocumentCorrection) changesPeriod() bool {
	return in.OpenEnded || !in.ValidFrom.IsZero() || !in.ValidTo.IsZero()
}

// Apply returns the corrected version of d (not yet recorded) and whether
// its ledger fact must be corrected with it (its period or label changed).
func (in DocumentCorrection) Apply(d Document) (Document, bool) {
	c := d
	if in.Kind != "" {
		c.Kind = in.Kind
	}
	if in.Number != "" {
		c.Number = in.Number
	}
	if in.IssuingState != "" {
		c.IssuingState = in.IssuingState
	}
	c.Period = CorrectionInput{ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, OpenEnded: in.OpenEnded}.period(d.Period)
	c.Reason = in.Reason
	return c, c.Period != d.Period || c.Label() != d.Label()
}
