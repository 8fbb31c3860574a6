package sojourn

// Sources of outgoing items: the records of a case that travel as paper.
const (
	SourceDecision = "decision" // a decision, as a letter to the person
	SourceReferral = "referral" // a referral, as a memorandum to the authority referred to
	SourceReport   = "report"   // an owed report, as a memorandum to the authority it is owed to
)

// ItemSources are the records an outgoing item can be produced from.
var ItemSources = []string{SourceDecision, SourceReferral, SourceReport}

// ItemSource is the record of a case an outgoing item was produced from.
type ItemSource struct {
	Kind   string `json:"kind" enum:"decision,referral,report"`
	ID     int64  `json:"id" doc:"the decision's, the referral's (case transfer) or the owed report's (obligation) id"`
	CaseID int64  `json:"case_id"`
}

// OutgoingInput asks for the outgoing item a decision, a referral or an
// owed report of a case produces, registered in a series of the authority
// that sends it.
type OutgoingInput struct {
	Source    string `json:"source" enum:"decision,referral,report"`
	SourceID  int64  `json:"source_id" minimum:"1" example:"1" doc:"the decision's, the referral's (case transfer) or the owed report's (obligation) id"`
	SeriesID  int64  `json:"series_id" minimum:"1" example:"1" doc:"a register series of the sending authority"`
	Date      Date   `json:"date,omitzero" doc:"the item's date; default the decision's or referral's date, or the report's due date"`
	Retention string `json:"retention" enum:"1y,3y,5y,10y,25y,75y,permanent"`
}

// Validate checks the input field by field.
func (in OutgoingInput) Validate() error {
	var p Problems
	p.OneOf("source", in.Source, ItemSources...)
	if in.SourceID <= 0 {
		p.Add("source_id", "is required")
	}
	if in.SeriesID <= 0 {
		p.Add("series_id", "is required")
	}
	p.OneOf("retention", in.Retention, RetentionClasses...)
	return p.Err("outgoing item")
}
