package sojourn

import (
	"sort"
	"time"
)

// Election choices under a citizenship decree.
const (
	ElectConvert = "convert" // take the granted citizenship, give up the one held
	ElectDual    = "dual"    // hold both
	ElectKeep    = "keep"    // keep the one held only
)

// DecreeInput issues a citizenship decree: on DecreedOn, persons of the
// class (Class, a CEL condition over CohortInputs on that date) who hold
// Citizenship may elect, until Deadline, to convert to Grants, hold both,
// or keep what they hold.
type DecreeInput struct {
	LegalReference string `json:"legal_reference" minLength:"1" maxLength:"500" example:"Decree of the Presidium, 15 November 1955"`
	DecreedOn      Date   `json:"decreed_on" example:"1955-11-15"`
	Class          string `json:"class" minLength:"1" maxLength:"4000" doc:"CEL condition selecting the persons the decree covers" example:"\"KP\" in citizenships && category == \"worker\""`
	Citizenship    string `json:"citizenship" doc:"ISO 3166 code of the citizenship the class holds" example:"KP"`
	Grants         string `json:"grants" doc:"ISO 3166 code of the citizenship the decree offers" example:"SU"`
	Deadline       Date   `json:"deadline" doc:"last day an election may be made"`
}

// Validate checks the input field by field (the class compiles in service).
func (in DecreeInput) Validate() error {
	var p Problems
	p.Require("legal_reference", in.LegalReference)
	p.MaxLen("legal_reference", in.LegalReference, 500)
	p.RequireDate("decreed_on", in.DecreedOn)
	p.Require("class", in.Class)
	p.MaxLen("class", in.Class, 4000)
	p.Country("citizenship", in.Citizenship)
	p.Country("grants", in.Grants)
	if in.Citizenship != "" && in.Citizenship == in.Grants {
		p.Add("grants", "must differ from citizenship")
	}
	p.RequireDate("deadline", in.Deadline)
	p.Period("decreed_on", in.DecreedOn, "deadline", in.Deadline)
	return p.Err("decree")
}

// Decree is a citizenship decree and how far the opening of its
// elections has got.
type Decree struct {
	ID             int64       `json:"id"`
	LegalReference string      `json:"legal_reference"`
	DecreedOn      Date        `json:"decreed_on"`
	Class          string      `json:"class"`
	Citizenship    string      `json:"citizenship"`
	Grants         string      `json:"grants"`
	Deadline       Date        `json:"deadline"`
	Authority      string      `json:"authority,omitempty" doc:"the persons covered are those kept by this authority; absent: every authority"`
	CreatedBy      string      `json:"created_by"`
	CreatedAt      time.Time   `json:"created_at"`
	Progress       JobProgress `json:"progress"`
	Elections      int         `json:"elections" doc:"elections opened (of persons you may see)"`
	Made           int         `json:"made" doc:"elections made"`
}

// Election is one person's election under a decree: open (Choice "")
// until made or the deadline passes.
type Election struct {
	ID         int64      `json:"id"`
	DecreeID   int64      `json:"decree_id"`
	PersonID   int64      `json:"person_id"`
	Deadline   Date       `json:"deadline"`
	Choice     string     `json:"choice,omitempty" enum:"convert,dual,keep,"`
	ElectedOn  Date       `json:"elected_on,omitzero"`
	RecordedAt *time.Time `json:"recorded_at,omitempty"`
	RecordedBy string     `json:"recorded_by,omitempty"`
}

// ElectionInput records a person's election.
type ElectionInput struct {
	Choice    string `json:"choice" enum:"convert,dual,keep"`
	ElectedOn Date   `json:"elected_on" doc:"the day the person made the election (the new citizenship holds from then)"`
}

// Validate checks the input field by field.
func (in ElectionInput) Validate() error {
	var p Problems
	p.OneOf("choice", in.Choice, ElectConvert, ElectDual, ElectKeep)
	p.RequireDate("elected_on", in.ElectedOn)
	return p.Err("election")
}

// CitizenshipInput records a citizenship a person holds (a ledger fact).
type CitizenshipInput struct {
	Country        string `json:"country" doc:"ISO 3166 code, historical codes allowed" example:"KP"`
	LegalReference string `json:"legal_reference,omitempty" maxLength:"500" doc:"what the citizenship rests on"`
	Period
}

// Validate checks the input field by field.
func (in CitizenshipInput) Validate() error {
	var p Problems
	p.Country("country", in.Country)
	p.MaxLen("legal_reference", in.LegalReference, 500)
	p.RequireDate("valid_from", in.ValidFrom)
	p.Period("valid_from", in.ValidFrom, "valid_to", in.ValidTo)
	return p.Err("citizenship")
}

// CitizenshipsOn returns the countries whose citizenship the person holds
// on d by facts (those known at one record time, see KnownFacts), sorted.
func CitizenshipsOn(known []StatusFact, d Date) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, f := range known {
		if f.Kind == FactCitizenship && f.ValidOn(d) && !seen[f.Ref] {
			seen[f.Ref] = true
			out = append(out, f.Ref)
		}
	}
	sort.Strings(out)
	return out
}
