// Package demo loads a small fictional data set through the service layer,
// so that a new installation has something to look at. Every person in it
// is invented.
package demo

import (
	"context"
	"strconv"
	"time"

	"sojourn"
	"sojourn/policies"
	"sojourn/service"
)

var d = sojourn.MustDate

// Load creates the demo data set unless it is there already, and returns the
// API token of a new demo officer at VRD.
func Load(ctx context.Context, svc *service.Service) (string, error) {
	sys := service.WithActor(ctx, sojourn.System)
	if _, err := svc.Authority(sys, "VRD"); err != nil {
		if sojourn.ErrorCode(err) != sojourn.CodeNotFound {
			return "", err
		}
		if err := seed(sys, svc); err != nil {
			return "", err
		}
	}
	return officerToken(sys, svc)
}

// officerToken creates the next free demo officer and returns its token.
func officerToken(ctx context.Context, svc *service.Service) (string, error) {
	for n := 1; ; n++ {
		name := "demo-api-officer"
		if n > 1 {
			name += "-" + itoa(n)
		}
		_, token, err := svc.CreateUser(ctx, sojourn.UserInput{Name: name, Role: sojourn.RoleOfficer,
			Authority: "VRD", Clearance: sojourn.Secret})
		if sojourn.ErrorCode(err) == sojourn.CodeConflict {
			continue
		}
		return token, err
	}
}

func seed(ctx context.Context, svc *service.Service) error {
	for _, a := range authorities {
		if _, err := svc.CreateAuthority(ctx, a); err != nil {
			return err
		}
	}
	residence, err := policies.Files.ReadFile("residence.yaml")
	if err != nil {
		return err
	}
	if _, err := svc.UploadPolicyPack(ctx, sojourn.PolicyUpload{Source: string(residence)}); err != nil {
		return err
	}
	for _, s := range sponsors {
		if _, err := svc.CreateSponsor(ctx, s); err != nil {
			return err
		}
		if _, err := svc.Accredit(ctx, s.Code, sojourn.AccreditationInput{Authority: "VRD", Period: sojourn.Period{ValidFrom: d("1935-01-01")}}); err != nil {
			return err
		}
	}
	clerk, officer := staff(ctx, svc)
	for _, p := range append(people, recent(sojourn.DateOf(time.Now()))...) {
		if err := p.load(clerk, officer, svc); err != nil {
			return err
		}
	}
	c, err := admission(ctx, clerk, svc)
	if err != nil {
		return err
	}
	return office(ctx, clerk, svc, c)
}

// recent are demo people with cases of the last year, so that the
// dashboards and the lapse report have something to show today: a permit
// and a passport that end within 90 days, a grant of last week and an open
// case.
func recent(today sojourn.Date) []person {
	day := func(n int) string { return today.AddDays(n).String() }
	passport := func(number string, days int) *sojourn.DocumentInput {
		return &sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: number, IssuingState: "CS",
			Period: sojourn.Period{ValidFrom: today.AddDays(-2000), ValidTo: today.AddDays(days)}}
	}
	return []person{
		{names: []sojourn.Name{{Script: "Latin", Given: "Lena", Family: "Hoff"}}, born: "1990-02-11",
			passport: passport("CS-700101", 80), filed: day(-310), grantOn: day(-300)},
		{names: []sojourn.Name{{Script: "Latin", Given: "Pavel", Family: "Orlov"}, {Script: "Cyrillic", Given: "Павел", Family: "Орлов"}},
			born: "1985-07-30", passport: passport("CS-700102", 1000), filed: day(-20), grantOn: day(-6)},
		{names: []sojourn.Name{{Script: "Latin", Given: "Seo-yeon", Family: "Park"}, {Script: "Hangul", Given: "서연", Family: "박"}},
			born: "1995-12-02", passport: passport("KR-700103", 1000), filed: day(-3)},
	}
}

// staff returns contexts acting as a demo clerk and a demo officer of VRD.
func staff(ctx context.Context, svc *service.Service) (clerk, officer context.Context) {
	clerk = service.WithActor(ctx, sojourn.Actor{Name: "demo-clerk", Role: sojourn.RoleClerk, Authority: "VRD", Clearance: sojourn.Restricted})
	officer = service.WithActor(ctx, sojourn.Actor{Name: "demo-officer", Role: sojourn.RoleOfficer, Authority: "VRD", Clearance: sojourn.Secret})
	return clerk, officer
}

var authorities = []sojourn.AuthorityInput{
	{Code: "HQ", Name: "Ministry of Foreign Affairs", Kind: sojourn.KindMinistry, Places: []string{"Capital"},
		CaseTypes: []string{sojourn.CaseReturnRequest}, Period: sojourn.Period{ValidFrom: d("1918-10-28")}},
	{Code: "VRD", Name: "Visa and Registration Department", Kind: sojourn.KindDepartment, Parent: "HQ",
		Places: []string{"Capital", "Riverside", "Hillport"}, CaseTypes: []string{sojourn.CaseResidencePermit, sojourn.CaseAdmission}, Period: sojourn.Period{ValidFrom: d("1922-01-01")}},
	{Code: "EMB-P", Name: "Embassy in the Capital of P.", Kind: sojourn.KindEmbassy, Parent: "HQ", Places: []string{"P."}, Period: sojourn.Period{ValidFrom: d("1945-06-01")}},
}

var sponsors = []sojourn.SponsorInput{
	{Code: "IAS", Name: "International Aid Society", Country: "CS"},
	{Code: "CAD", Name: "Cadres Department of the International Organisation", Country: "CS"},
}

// person is one fictional demo person with a passport and a case.
type person struct {
	names    []sojourn.Name
	born     string
	passport *sojourn.DocumentInput
	filed    string
	sponsor  string
	grantOn  string
	// citizenship is a country whose citizenship the person held from birth.
	citizenship string
}

var people = []person{
	{names: []sojourn.Name{{Script: "Latin", Given: "Anna", Family: "Wirth"}}, born: "1905-03-14", citizenship: "CS",
		filed: "1937-11-02", sponsor: "IAS", grantOn: "1937-11-10"},
	{names: []sojourn.Name{{Script: "Latin", Given: "Jan", Family: "Novak"}, {Script: "Cyrillic", Given: "Ян", Family: "Новак"}},
		born: "1899-08-21", citizenship: "CS", filed: "1938-02-20", sponsor: "IAS",
		passport: &sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: "CS-118204", IssuingState: "CS", Period: sojourn.Period{ValidFrom: d("1928-05-02"), ValidTo: d("1937-12-31")}}},
	{names: []sojourn.Name{{Script: "Latin", Given: "Min-jun", Family: "Kim"}, {Script: "Hangul", Given: "민준", Family: "김"}},
		born: "1921-01-09", filed: "1937-12-01", grantOn: "1937-12-20",
		passport: &sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: "KR-55120", IssuingState: "KR", Period: sojourn.Period{ValidFrom: d("1935-01-01"), ValidTo: d("1940-12-31")}}},
}

func (p person) load(clerk, officer context.Context, svc *service.Service) error {
	pp, err := svc.RegisterPerson(clerk, sojourn.PersonInput{Authority: "VRD", Names: p.names, BirthDate: d(p.born), CountryOfOrigin: "CS"})
	if err != nil {
		return err
	}
	if p.citizenship != "" {
		if _, err := svc.RecordCitizenship(clerk, pp.ID, sojourn.CitizenshipInput{Country: p.citizenship,
			Period: sojourn.Period{ValidFrom: d("1920-03-01")}}); err != nil {
			return err
		}
	}
	if p.passport != nil {
		if _, err := svc.AddDocument(clerk, pp.ID, *p.passport); err != nil {
			return err
		}
	}
	in := sojourn.CaseInput{Type: sojourn.CaseResidencePermit, PersonID: pp.ID, Authority: "VRD", FiledOn: d(p.filed)}
	if p.sponsor != "" {
		in.Petition = &sojourn.Petition{Sponsor: p.sponsor, FiledOn: d(p.filed)}
	}
	c, err := svc.FileCase(clerk, in)
	if err != nil || p.grantOn == "" {
		return err
	}
	_, err = svc.DecideCase(officer, c.ID, c.Version, sojourn.DecisionInput{Outcome: sojourn.OutcomeGrant,
		Grounds: "Requirements met.", LegalRefs: []string{"Residence Decree 1930"}, DecidedOn: d(p.grantOn)})
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
