package sojourn

import "time"

// Grounds of a protection against return.
const (
	ProtectIllness       = "illness"        // risk to life from illness
	ProtectDeathSentence = "death_sentence" // a death sentence awaits at home
	ProtectPersecution   = "persecution"    // persecution awaits at home
)

// protectionLabels describe each ground in the ledger.
var protectionLabels = map[string]string{
	ProtectIllness:       "protection: risk to life from illness",
	ProtectDeathSentence: "protection: a death sentence awaits at home",
	ProtectPersecution:   "protection: persecution awaits at home",
}

// ProtectionInput records a protection of a person against return: a
// status fact that hard-blocks every departure case of the person while it
// holds (see docs/case-types.md).
type ProtectionInput struct {
	Ground  string `json:"ground" enum:"illness,death_sentence,persecution"`
	Period         // from valid_from, open-ended unless valid_to
	Grounds string `json:"grounds" minLength:"1" maxLength:"20000" doc:"the reasons the protection is recorded" example:"Treatment at the city hospital cannot be interrupted."`
}

// Validate checks the input field by field.
func (in ProtectionInput) Validate() error {
	var p Problems
	p.OneOf("ground", in.Ground, ProtectIllness, ProtectDeathSentence, ProtectPersecution)
	p.Merge(in.Period.Validate())
	p.Require("grounds", in.Grounds)
	p.MaxLen("grounds", in.Grounds, 20000)
	return p.Err("protection")
}

// Fact returns the ledger fact the protection is recorded as.
func (in ProtectionInput) Fact(personID int64, authority string) StatusFact {
	return StatusFact{PersonID: personID, Kind: FactProtection, Ref: in.Ground, Label: protectionLabels[in.Ground],
		Authority: authority, Period: in.Period, Reason: in.Grounds}
}

// LiftingInput is the separate, reasoned decision that lifts a protection
// from a day on.
type LiftingInput struct {
	LiftedOn  Date     `json:"lifted_on" doc:"first day on which the protection no longer holds" example:"1951-04-01"`
	Grounds   string   `json:"grounds" minLength:"1" maxLength:"20000" example:"The treatment ended on 1951-03-20."`
	LegalRefs []string `json:"legal_refs,omitempty" maxItems:"50"`
}

// Validate checks the input field by field.
func (in LiftingInput) Validate() error {
	var p Problems
	p.RequireDate("lifted_on", in.LiftedOn)
	p.Require("grounds", in.Grounds)
	p.MaxLen("grounds", in.Grounds, 20000)
	for i, r := range in.LegalRefs {
		p.Require("legal_refs["+itoa(i)+"]", r)
		p.MaxLen("legal_refs["+itoa(i)+"]", r, 500)
	}
	return p.Err("lifting")
}

// ProtectedOn returns the protection fact, among a person's facts as known
// at knownAt, that holds on d: the one question every route moving a
// departure forward asks.
func ProtectedOn(facts []StatusFact, d Date, knownAt time.Time) (StatusFact, bool) {
	return longestValid(KnownFacts(facts, knownAt), FactProtection, d)
}
