package sojourn

import (
	"testing"
	"time"
)

func TestStatusOn(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	t1 := t0.Add(time.Hour)
	permit := StatusFact{ID: 1, Kind: FactPermit, Ref: "R-000001", Period: Period{ValidFrom: MustDate("1937-11-10"), ValidTo: MustDate("1938-11-09")}, RecordedAt: t0}
	passport := StatusFact{ID: 2, Kind: FactDocument, Ref: "A1", Label: "passport CS A1", Period: Period{ValidFrom: MustDate("1930-01-01"), ValidTo: MustDate("1937-12-31")}, RecordedAt: t0}
	superseded := permit
	superseded.SupersededAt = &t1
	corrected := permit
	corrected.ID, corrected.ValidTo, corrected.RecordedAt, corrected.Supersedes = 3, MustDate("1938-03-31"), t1, 1
	later := t1.Add(time.Hour)

	for _, tc := range []struct {
		name    string
		facts   []StatusFact
		on      string
		knownAt time.Time
		want    string
	}{
		{"resident", []StatusFact{permit, passport}, "1938-01-01", later, "resident (permit R-000001) until 1938-11-09"},
		{"first day", []StatusFact{permit}, "1937-11-10", later, "resident (permit R-000001) until 1938-11-09"},
		{"last day", []StatusFact{permit}, "1938-11-09", later, "resident (permit R-000001) until 1938-11-09"},
		{"day after", []StatusFact{permit}, "1938-11-10", later, "no legal status since 1938-11-10"},
		{"documented", []StatusFact{passport}, "1936-01-01", later, "documented (passport CS A1) until 1937-12-31"},
		{"passport ended", []StatusFact{passport}, "1938-06-01", later, "no legal status since 1938-01-01"},
		{"nothing known", nil, "1938-06-01", later, "no legal status"},
		{"corrected", []StatusFact{superseded, corrected}, "1938-06-01", later, "no legal status since 1938-04-01"},
		{"as known before correction", []StatusFact{superseded, corrected}, "1938-06-01", t0, "resident (permit R-000001) until 1938-11-09"},
		{"before it was recorded", []StatusFact{permit}, "1938-01-01", t0.Add(-time.Second), "no legal status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := StatusOn(7, tc.facts, MustDate(tc.on), tc.knownAt)
			if st.Summary != tc.want {
				t.Fatalf("got %q, want %q", st.Summary, tc.want)
			}
		})
	}
}

func TestCaseStateMachine(t *testing.T) {
	for _, tc := range []struct {
		from   CaseState
		action CaseAction
		to     CaseState
	}{
		{StateFiled, ActionReview, StateInReview}, {StateFiled, ActionDecide, StateDecided},
		{StateInReview, ActionDecide, StateDecided}, {StateDecided, ActionAppeal, StateInReview},
		{StateDecided, ActionClose, StateClosed}, {StateClosed, ActionAppeal, ""}, {StateDecided, ActionEvidence, ""},
		{StateInReview, ActionReview, ""},
	} {
		got, err := tc.from.Next(tc.action)
		if got != tc.to || (tc.to == "") != (err != nil) {
			t.Errorf("%s + %s = %q, %v; want %q", tc.from, tc.action, got, err, tc.to)
		}
	}
}

func TestValidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      interface{ Validate() error }
		fields []string
	}{
		{"good person", PersonInput{Authority: "VRD", Names: []Name{{Script: "Hangul", Family: "김", Given: "민준"}}, BirthDate: MustDate("1921-01-09"), CountryOfOrigin: "KR"}, nil},
		{"name in wrong script", PersonInput{Authority: "VRD", Names: []Name{{Script: "Cyrillic", Family: "Novak"}}, BirthDate: MustDate("1921-01-09"), CountryOfOrigin: "CS"}, []string{"names[0].family"}},
		{"unknown script", PersonInput{Authority: "VRD", Names: []Name{{Script: "Klingon", Family: "x"}}, BirthDate: MustDate("1921-01-09"), CountryOfOrigin: "CS"}, []string{"names[0].script"}},
		{"ISO 15924 script code", PersonInput{Authority: "VRD", Names: []Name{{Script: "Hang", Family: "김"}}, BirthDate: MustDate("1921-01-09"), CountryOfOrigin: "KR"}, nil},
		{"former state SU, script code Latn", PersonInput{Authority: "VRD", Names: []Name{{Script: "Latn", Family: "Orlov"}}, BirthDate: MustDate("1921-01-09"), CountryOfOrigin: "SU"}, nil},
		{"delegation to citizens of XX", DelegationInput{From: "HQ", To: "EMB", Scope: Scope{CaseTypes: []string{CaseReturnRequest}, Countries: []string{"SU", "XX"}}, Period: Period{ValidFrom: MustDate("1956-01-01")}}, []string{"scope.countries[1]"}},
		{"empty person", PersonInput{}, []string{"authority", "names", "birth_date", "country_of_origin"}},
		{"document ends before it starts", DocumentInput{Kind: DocPassport, Number: "1", IssuingState: "CS", Period: Period{ValidFrom: MustDate("1930-01-01"), ValidTo: MustDate("1929-01-01")}}, []string{"valid_to"}},
		{"permit dates on a denial", DecisionInput{Outcome: OutcomeDeny, Grounds: "g", DecidedOn: MustDate("1938-01-01"), PermitValidTo: MustDate("1939-01-01")}, []string{"permit_valid_from"}},
		{"clerk without authority", UserInput{Name: "x", Role: RoleClerk}, []string{"authority"}},
		{"correction changes nothing", CorrectionInput{Reason: "r"}, []string{"valid_to"}},
		{"retraction with dates", CorrectionInput{Retract: true, ValidTo: MustDate("1938-01-01"), Reason: "r"}, []string{"retract"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Validate()
			var got []string
			if e, ok := err.(*Error); ok {
				for _, f := range e.Fields {
					got = append(got, f.Field)
				}
			}
			if len(got) != len(tc.fields) {
				t.Fatalf("fields %v, want %v (%v)", got, tc.fields, err)
			}
			for i := range got {
				if got[i] != tc.fields[i] {
					t.Fatalf("fields %v, want %v", got, tc.fields)
				}
			}
		})
	}
}
