package bulk

import (
	"fmt"
	"slices"

	"sojourn"
)

// Kind is what the rows of a file are.
type Kind string

// The kinds of rows a file may hold.
const (
	Persons   Kind = "persons"
	Documents Kind = "documents"
	Cases     Kind = "cases"
	Facts     Kind = "facts"
)

// Kinds lists the kinds of rows.
var Kinds = []Kind{Persons, Documents, Cases, Facts}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	if k := Kind(s); slices.Contains(Kinds, k) {
		return k, nil
	}
	return "", fmt.Errorf("kind %q: must be one of persons, documents, cases, facts", s)
}

// PersonRow is a person with their documents. ID is optional: without
// one the register gives the next free id.
type PersonRow struct {
	ID              int64          `json:"id,omitempty"`
	Authority       string         `json:"authority"`
	Names           []sojourn.Name `json:"names"`
	BirthDate       sojourn.Date   `json:"birth_date"`
	CountryOfOrigin string         `json:"country_of_origin"`
	Documents       []DocumentRow  `json:"documents,omitempty"`
}

// DocumentRow is a document; PersonID names its holder in a documents
// file (a person's row holds their documents without it).
type DocumentRow struct {
	PersonID     int64  `json:"person_id,omitempty"`
	Kind         string `json:"kind"`
	Number       string `json:"number"`
	IssuingState string `json:"issuing_state"`
	sojourn.Period
}

// CaseRow is a case in the state it has reached.
type CaseRow struct {
	ID             int64             `json:"id,omitempty"`
	Type           string            `json:"type"`
	PersonID       int64             `json:"person_id"`
	Authority      string            `json:"authority"`
	State          sojourn.CaseState `json:"state"`
	FiledOn        sojourn.Date      `json:"filed_on"`
	Classification sojourn.Level     `json:"classification,omitempty"`
}

// FactRow is a fact of the status ledger other than a document's.
type FactRow struct {
	PersonID  int64  `json:"person_id"`
	Kind      string `json:"kind"`
	Ref       string `json:"ref"`
	Label     string `json:"label,omitempty"`
	Authority string `json:"authority,omitempty"`
	sojourn.Period
}

// FactKinds are the kinds of facts a facts file may hold.
var FactKinds = []string{sojourn.FactPermit, sojourn.FactStay, sojourn.FactCitizenship, sojourn.FactProtection}

// CaseStates are the states an imported case may be in.
var CaseStates = []sojourn.CaseState{sojourn.StateFiled, sojourn.StateInReview, sojourn.StateDecided, sojourn.StateClosed,
	sojourn.StateSuspended}

// validate checks a person row as the service checks a registration, with
// each document as a recorded document.
func (r PersonRow) validate(today sojourn.Date) error {
	var p sojourn.Problems
	if r.ID < 0 {
		p.Add("id", "must be positive")
	}
	p.Merge(sojourn.PersonInput{Authority: r.Authority, Names: r.Names, BirthDate: r.BirthDate, CountryOfOrigin: r.CountryOfOrigin}.Validate())
	if r.BirthDate.After(today) {
		p.Add("birth_date", "must not be in the future")
	}
	for i, d := range r.Documents {
		if d.PersonID != 0 && d.PersonID != r.ID {
			p.Add(fmt.Sprintf("documents[%d].person_id", i), "must be absent in a person's row")
		}
		p.Nest(fmt.Sprintf("documents[%d]", i), d.input().Validate())
	}
	return p.Err("person")
}

func (d DocumentRow) input() sojourn.DocumentInput {
	return sojourn.DocumentInput{Kind: d.Kind, Number: d.Number, IssuingState: d.IssuingState, Period: d.Period}
}

// validate checks a row of a documents file.
func (d DocumentRow) validate() error {
	var p sojourn.Problems
	if d.PersonID <= 0 {
		p.Add("person_id", "is required")
	}
	p.Merge(d.input().Validate())
	return p.Err("document")
}

// validate checks a case row as the service checks a filing, and its state.
func (c CaseRow) validate(today sojourn.Date) error {
	var p sojourn.Problems
	if c.ID < 0 {
		p.Add("id", "must be positive")
	}
	p.Merge(sojourn.CaseInput{Type: c.Type, PersonID: c.PersonID, Authority: c.Authority, FiledOn: c.FiledOn,
		Classification: c.Classification}.Validate())
	if !slices.Contains(CaseStates, c.State) {
		p.Add("state", "must be one of %v", CaseStates)
	}
	if c.FiledOn.After(today) {
		p.Add("filed_on", "must not be in the future")
	}
	return p.Err("case")
}

// validate checks a fact row.
func (f FactRow) validate() error {
	var p sojourn.Problems
	if f.PersonID <= 0 {
		p.Add("person_id", "is required")
	}
	p.OneOf("kind", f.Kind, FactKinds...)
	p.Require("ref", f.Ref)
	p.MaxLen("ref", f.Ref, 200)
	p.MaxLen("label", f.Label, 500)
	p.PlainText("ref", f.Ref)
	p.PlainText("label", f.Label)
	p.Merge(f.Period.Validate())
	return p.Err("fact")
}
