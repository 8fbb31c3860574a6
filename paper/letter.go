package paper

import (
	"strconv"
	"strings"
	"time"

	"sojourn"
	"sojourn/policy"
)

// Letter is what a decision letter says.
type Letter struct {
	AuthorityCode string
	AuthorityName string
	CaseID        int64
	CaseType      string
	Person        []sojourn.Name
	Decision      sojourn.Decision
	// Evaluation is the policy evaluation the decision was based on, nil
	// when there was none; EvaluationError is its error, if it failed.
	Evaluation      *policy.Result
	EvaluationError string
	// OverrideGrounds are the officer's grounds for deciding against the
	// evaluation, "" when the decision follows it.
	OverrideGrounds string
	// AppealBy is the last day to appeal.
	AppealBy sojourn.Date
	Made     time.Time
}

// outcomes names each outcome in a sentence.
var outcomes = map[string]string{
	sojourn.OutcomeGrant: "granted",
	sojourn.OutcomeDeny:  "refused",
	sojourn.OutcomeRefer: "referred to another authority",
}

// LetterPDF renders the letter notifying a decision on A4: the decision,
// its grounds, the explanation with rule ids and legal references, and how
// to appeal and by when.
func LetterPDF(l Letter) ([]byte, error) {
	d := l.Decision
	s := newSheet("A4", "Decision on case "+strconv.FormatInt(l.CaseID, 10), l.Made)
	s.text(11, l.AuthorityName+" ("+l.AuthorityCode+")")
	s.gap(3)
	s.text(16, "Decision on case "+strconv.FormatInt(l.CaseID, 10))
	s.field(10, "Case type", strings.ReplaceAll(l.CaseType, "_", " "))
	for _, n := range l.Person {
		if printable(n.Full()) {
			s.field(10, "Person", n.Family+", "+n.Given)
		}
	}
	s.field(10, "Date of decision", d.DecidedOn.String())
	s.gap(3)
	s.text(12, "The application is "+outcomeWord(d.Outcome)+".")
	if d.Permit != nil {
		s.text(10, "Residence permit "+d.Permit.Number+" is issued, valid from "+d.Permit.ValidFrom.String()+
			" to "+d.Permit.ValidTo.String()+".")
	}
	s.gap(3)
	s.text(12, "Grounds")
	s.text(10, d.Grounds)
	if len(d.LegalRefs) > 0 {
		s.field(10, "Legal references", strings.Join(d.LegalRefs, "; "))
	}
	s.gap(3)
	s.text(12, "Explanation")
	explain(s, l)
	s.gap(3)
	s.text(12, "How to appeal")
	s.text(10, d.AppealRoute)
	s.text(10, "Last day to appeal: "+l.AppealBy.String()+".")
	s.gap(3)
	s.field(9, "Decided by", d.DecidedBy)
	return s.bytes()
}

// explain writes the policy evaluation: pack, version and its legal
// reference, each rule that fired or was set aside with its id and
// reference, and any decision against it.
func explain(s *sheet, l Letter) {
	e := l.Evaluation
	if e == nil {
		s.text(10, "No policy pack applies to this type of case; the decision rests on the grounds above.")
		return
	}
	s.text(10, "Evaluated under policy "+e.Pack+" version "+e.Version+" ("+e.LegalReference+"), in force on "+e.On.String()+".")
	if l.EvaluationError != "" {
		s.text(10, "The evaluation gave no outcome: "+l.EvaluationError)
	} else {
		s.text(10, "The evaluation gives: "+e.Outcome+".")
	}
	for _, r := range e.Fired {
		s.text(10, "• Rule "+r.ID+" ("+r.Ref+"), "+r.Status+", "+r.Effect+": "+r.Message)
	}
	for _, r := range e.Overridden {
		s.text(10, "• Rule "+r.ID+" ("+r.Ref+") set aside by exception "+r.By+": "+r.Message)
	}
	if l.OverrideGrounds != "" {
		s.text(10, "The officer decided against the evaluation, on these grounds: "+l.OverrideGrounds)
	}
}

// outcomeWord names an outcome in the letter's sentence.
func outcomeWord(outcome string) string {
	if w, ok := outcomes[outcome]; ok {
		return w
	}
	return outcome
}
