package sojourn

import (
	"sort"
	"time"
)

// Legal states a person can be in on a date.
const (
	LegalResident   = "resident"
	LegalStaying    = "staying"
	LegalDocumented = "documented"
	LegalNone       = "no_legal_status"
)

// Status answers "what was this person's legal status on On, as the system
// knew it at KnownAt", with the facts it used.
type Status struct {
	PersonID int64        `json:"person_id"`
	On       Date         `json:"on"`
	KnownAt  time.Time    `json:"known_at"`
	State    string       `json:"state" enum:"resident,staying,documented,no_legal_status"`
	Summary  string       `json:"summary" example:"resident (permit R-000001) until 1938-11-01"`
	Until    Date         `json:"until,omitzero" doc:"last day of the basis of the status, absent when open-ended"`
	Since    Date         `json:"since,omitzero" doc:"for no legal status: the first day without one, when known"`
	Facts    []StatusFact `json:"facts"`
	// Citizenships are the countries whose citizenship the person holds on
	// On, as known at KnownAt (CitizenshipsOn).
	Citizenships []string `json:"citizenships"`
	// MergedInto names the person this one is merged into now.
	MergedInto int64 `json:"merged_into,omitempty" doc:"the person this one is merged into now (whatever known_at asks): their status holds this person's current facts; absent when not merged"`
}

// StatusOn derives a person's legal status on date on from the facts known at
// knownAt. facts may hold every record of the person, superseded ones too.
// A valid permit makes the person resident; failing that, a valid stay
// (medical, study, visitor, refuge) makes them staying; failing that, a
// valid document makes them documented; otherwise they have no legal status
// since the day after the last permit, stay or document ended.
func StatusOn(personID int64, facts []StatusFact, on Date, knownAt time.Time) Status {
	known := KnownFacts(facts, knownAt)
	st := Status{PersonID: personID, On: on, KnownAt: knownAt, Facts: []StatusFact{}, Citizenships: CitizenshipsOn(known, on)}
	if f, ok := longestValid(known, FactPermit, on); ok {
		return st.with(LegalResident, f, "resident (permit "+f.Ref+")")
	}
	if f, ok := longestValid(known, FactStay, on); ok {
		return st.with(LegalStaying, f, "staying ("+f.Label+")")
	}
	if f, ok := longestValid(known, FactDocument, on); ok {
		return st.with(LegalDocumented, f, "documented ("+f.Label+")")
	}
	st.State = LegalNone
	st.Summary = "no legal status"
	if last, ok := lastEnded(known, on); ok {
		st.Since = last.ValidTo.AddDays(1)
		st.Summary += " since " + st.Since.String()
		st.Facts = append(st.Facts, last)
	}
	return st
}

func (st Status) with(state string, f StatusFact, summary string) Status {
	st.State, st.Until = state, f.ValidTo
	st.Summary = summary
	if !f.ValidTo.IsZero() {
		st.Summary += " until " + f.ValidTo.String()
	}
	st.Facts = append(st.Facts, f)
	return st
}

// KnownFacts returns the facts the system believed at t, oldest first.
func KnownFacts(facts []StatusFact, t time.Time) []StatusFact {
	var out []StatusFact
	for _, f := range facts {
		if f.KnownAt(t) && !f.Retracted {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// longestValid returns the fact of kind valid on d that lasts longest.
func longestValid(facts []StatusFact, kind string, d Date) (StatusFact, bool) {
	var best StatusFact
	found := false
	for _, f := range facts {
		if f.Kind != kind || !f.ValidOn(d) {
			continue
		}
		if !found || lastsLonger(f, best) {
			best, found = f, true
		}
	}
	return best, found
}

func lastsLonger(a, b StatusFact) bool {
	if b.ValidTo.IsZero() {
		return false
	}
	return a.ValidTo.IsZero() || a.ValidTo.After(b.ValidTo)
}

// lastEnded returns the permit, stay or document fact that ended last
// before d.
func lastEnded(facts []StatusFact, d Date) (StatusFact, bool) {
	var best StatusFact
	found := false
	for _, f := range facts {
		if f.Kind != FactPermit && f.Kind != FactStay && f.Kind != FactDocument {
			continue
		}
		if f.ValidTo.IsZero() || !f.ValidTo.Before(d) {
			continue
		}
		if !found || f.ValidTo.After(best.ValidTo) {
			best, found = f, true
		}
	}
	return best, found
}

// Lapse is one line of the lapse list: a person whose legal basis ends soon,
// or who has had none since a date.
type Lapse struct {
	PersonID  int64  `json:"person_id"`
	Name      string `json:"name"`
	Authority string `json:"authority"`
	State     string `json:"state" enum:"lapsing,no_legal_status"`
	Ends      Date   `json:"ends,omitzero" doc:"for lapsing: the last day of the last valid permit, stay or document"`
	Since     Date   `json:"since,omitzero" doc:"for no legal status: the first day without"`
	DaysLeft  int    `json:"days_left,omitempty"`
}
