package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"sojourn"
	"sojourn/audit"
	"sojourn/store"
)

// Run runs the conformance suite: every store method against stores made by
// open, one fresh store per test.
func Run(t *testing.T, open func(testing.TB) *store.Store) {
	tests := map[string]func(*testing.T, *store.Store){
		"Schema":          testSchema,
		"Authorities":     testAuthorities,
		"PersonsAndDocs":  testPersonsAndDocuments,
		"Corrections":     testCorrections,
		"Sponsors":        testSponsors,
		"CasesEvidence":   testCases,
		"PermitsDecision": testDecisions,
		"Facts":           testFacts,
		"Users":           testUsers,
		"Sessions":        testSessions,
		"Audit":           testAudit,
		"AuditSearch":     testAuditSearch,
		"AuditExport":     testAuditExport,
		"AuditCheckpoint": testAuditCheckpoints,
		"Lapses":          testLapses,
		"PolicyPacks":     testPolicyPacks,
		"Jobs":            testJobs,
		"WhatIf":          testWhatIf,
		"Delegations":     testDelegations,
		"Obligations":     testObligations,
		"Transfers":       testTransfers,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, open(t))
		})
	}
}

var (
	ctx = context.Background()
	now = time.Date(2026, 1, 2, 3, 4, 5, 678901000, time.UTC)
	d   = sojourn.MustDate
)

func write(t *testing.T, s *store.Store, fn func(*store.Tx) error) {
	t.Helper()
	if err := s.Write(ctx, audited(fn)); err != nil {
		t.Fatal(err)
	}
}

// writeLog runs fn, which appends audit entries only, in a write
// transaction.
func writeLog(t *testing.T, s *store.Store, fn func(*store.Tx) error) {
	t.Helper()
	if err := s.Write(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

// audited runs fn and then appends an audit entry, as every service call
// does: the store refuses changes to business rows without one.
func audited(fn func(*store.Tx) error) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := tx.AppendAudit(ctx, audit.Entry{At: now, Actor: "test", Action: "test", Object: "test/1"})
		return err
	}
}

func read(t *testing.T, s *store.Store, fn func(*store.Tx) error) {
	t.Helper()
	if err := s.Read(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code sojourn.Code) {
	t.Helper()
	if sojourn.ErrorCode(err) != code {
		t.Fatalf("got error %v (code %q), want code %q", err, sojourn.ErrorCode(err), code)
	}
}

func seedAuthority(t *testing.T, s *store.Store, code string) {
	write(t, s, func(tx *store.Tx) error {
		_, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: code, Name: code + " office",
			Kind: sojourn.KindDepartment, Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now)
		return err
	})
}

func seedPerson(t *testing.T, s *store.Store, authority, family string) sojourn.Person {
	var p sojourn.Person
	write(t, s, func(tx *store.Tx) (err error) {
		p, err = tx.CreatePerson(ctx, sojourn.PersonInput{Authority: authority,
			Names:     []sojourn.Name{{Script: "Latin", Family: family, Given: "A."}},
			BirthDate: d("1900-01-01"), CountryOfOrigin: "CS"}, now)
		return err
	})
	return p
}

func testSchema(t *testing.T, s *store.Store) {
	if err := s.CheckSchema(ctx); err != nil {
		t.Fatalf("fresh migrated store: %v", err)
	}
	applied, err := s.Migrate(ctx)
	if err != nil || len(applied) != 0 {
		t.Fatalf("second migrate applied %v, %v; want nothing", applied, err)
	}
	if s.SchemaVersion() < 1 {
		t.Fatal("no schema version")
	}
}

func testAuthorities(t *testing.T, s *store.Store) {
	write(t, s, func(tx *store.Tx) error {
		_, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "HQ", Name: "Ministry", Kind: sojourn.KindMinistry,
			Places: []string{"Capital"}, Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now)
		if err != nil {
			return err
		}
		_, err = tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "EMB-P", Name: "Embassy", Kind: sojourn.KindEmbassy,
			Parent: "HQ", Period: sojourn.Period{ValidFrom: d("1945-05-01"), ValidTo: d("1960-12-31")}}, now)
		return err
	})
	read(t, s, func(tx *store.Tx) error {
		a, err := tx.AuthorityByCode(ctx, "EMB-P")
		if err != nil {
			return err
		}
		if a.Parent != "HQ" || a.ValidTo != d("1960-12-31") || len(a.Places) != 0 || !a.CreatedAt.Equal(now.Truncate(time.Microsecond)) {
			t.Errorf("read back %+v", a)
		}
		list, err := tx.ListAuthorities(ctx)
		if len(list) != 2 || list[0].Code != "EMB-P" || list[1].Places[0] != "Capital" {
			t.Errorf("list = %+v", list)
		}
		_, err2 := tx.AuthorityByCode(ctx, "NONE")
		wantCode(t, err2, sojourn.CodeNotFound)
		return err
	})
	err := s.Write(ctx, audited(func(tx *store.Tx) error {
		_, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "HQ", Name: "x", Kind: sojourn.KindOffice, Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now)
		return err
	}))
	wantCode(t, err, sojourn.CodeConflict)
	err = s.Write(ctx, audited(func(tx *store.Tx) error {
		_, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "X", Name: "x", Kind: sojourn.KindOffice, Parent: "NOPE", Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now)
		return err
	}))
	wantCode(t, err, sojourn.CodeInvalid)
}

func testPersonsAndDocuments(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	seedAuthority(t, s, "OTH")
	p := seedPerson(t, s, "VRD", "Wirth")
	seedPerson(t, s, "OTH", "Other")
	write(t, s, func(tx *store.Tx) error {
		_, err := tx.CreateDocument(ctx, p.ID, sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: "A1",
			IssuingState: "CS", Period: sojourn.Period{ValidFrom: d("1930-01-01"), ValidTo: d("1937-12-31")}}, now)
		return err
	})
	read(t, s, func(tx *store.Tx) error {
		got, err := tx.PersonByID(ctx, p.ID)
		if err != nil || got.Names[0].Family != "Wirth" || got.BirthDate != d("1900-01-01") {
			t.Errorf("person = %+v, %v", got, err)
		}
		docs, err := tx.DocumentsOf(ctx, p.ID)
		if err != nil || len(docs) != 1 || docs[0].Number != "A1" || !docs[0].ValidTo.IsZero() {
			t.Errorf("docs = %+v, %v", docs, err)
		}
		list, err := tx.ListPersons(ctx, "VRD", 0, 10)
		if err != nil || len(list) != 1 {
			t.Errorf("persons of VRD = %+v, %v", list, err)
		}
		all, _ := tx.ListPersons(ctx, "", 0, 10)
		if len(all) != 2 {
			t.Errorf("all persons = %d", len(all))
		}
		_, err = tx.PersonByID(ctx, 9999)
		wantCode(t, err, sojourn.CodeNotFound)
		return nil
	})
	err := s.Write(ctx, audited(func(tx *store.Tx) error {
		_, err := tx.CreateDocument(ctx, p.ID, sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: "A1",
			IssuingState: "CS", Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now)
		return err
	}))
	wantCode(t, err, sojourn.CodeConflict)
}

func testSponsors(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	var acc sojourn.Accreditation
	write(t, s, func(tx *store.Tx) (err error) {
		if _, err = tx.CreateSponsor(ctx, sojourn.SponsorInput{Code: "IAS", Name: "Aid", Country: "CS"}, now); err != nil {
			return err
		}
		acc, err = tx.CreateAccreditation(ctx, "IAS", sojourn.AccreditationInput{Authority: "VRD", Period: sojourn.Period{ValidFrom: d("1935-01-01")}})
		if err != nil {
			return err
		}
		return tx.RevokeAccreditation(ctx, acc.ID, d("1938-03-01"))
	})
	read(t, s, func(tx *store.Tx) error {
		sp, err := tx.SponsorByCode(ctx, "IAS")
		if err != nil || len(sp.Accreditations) != 1 || sp.Accreditations[0].RevokedOn != d("1938-03-01") {
			t.Errorf("sponsor = %+v, %v", sp, err)
		}
		a, err := tx.AccreditationByID(ctx, acc.ID)
		if err != nil || !a.CoversOn(d("1938-02-28")) || a.CoversOn(d("1938-03-01")) {
			t.Errorf("accreditation = %+v, %v", a, err)
		}
		list, err := tx.ListSponsors(ctx)
		if len(list) != 1 {
			t.Errorf("sponsors = %+v", list)
		}
		return err
	})
}

func seedCase(t *testing.T, s *store.Store) (sojourn.Person, sojourn.Case) {
	seedAuthority(t, s, "VRD")
	p := seedPerson(t, s, "VRD", "Wirth")
	var c sojourn.Case
	write(t, s, func(tx *store.Tx) (err error) {
		if _, err = tx.CreateSponsor(ctx, sojourn.SponsorInput{Code: "IAS", Name: "Aid", Country: "CS"}, now); err != nil {
			return err
		}
		c, err = tx.CreateCase(ctx, sojourn.CaseInput{Type: sojourn.CaseResidencePermit, PersonID: p.ID, Authority: "VRD",
			FiledOn: d("1937-11-02"), Petition: &sojourn.Petition{Sponsor: "IAS", FiledOn: d("1937-11-02")},
			Classification: sojourn.Unclassified}, now)
		return err
	})
	return p, c
}

func testCases(t *testing.T, s *store.Store) {
	p, c := seedCase(t, s)
	if c.State != sojourn.StateFiled || c.Version != 1 || c.Petition == nil || c.Petition.Sponsor != "IAS" {
		t.Fatalf("new case = %+v", c)
	}
	write(t, s, func(tx *store.Tx) error {
		locked, err := tx.CaseByID(ctx, c.ID, true)
		if err != nil {
			return err
		}
		locked.State = sojourn.StateInReview
		updated, err := tx.UpdateCase(ctx, locked, now)
		if err != nil || updated.Version != 2 {
			t.Errorf("update = %+v, %v", updated, err)
		}
		_, err = tx.AddEvidence(ctx, c.ID, sojourn.EvidenceInput{Kind: sojourn.EvidenceStated, Claim: "no passport",
			Source: "applicant", ReceivedOn: d("1937-11-02")}, "clerk", now)
		return err
	})
	err := s.Write(ctx, audited(func(tx *store.Tx) error {
		_, err := tx.UpdateCase(ctx, c, now) // still at version 1
		return err
	}))
	wantCode(t, err, sojourn.CodePreconditionFailed)
	read(t, s, func(tx *store.Tx) error {
		ev, err := tx.EvidenceOf(ctx, c.ID)
		if err != nil || len(ev) != 1 || ev[0].Source != "applicant" {
			t.Errorf("evidence = %+v, %v", ev, err)
		}
		list, err := tx.ListCases(ctx, store.CaseFilter{Visibility: store.Visibility{Authority: "VRD", Levels: sojourn.Levels}, PersonID: p.ID, State: sojourn.StateInReview, Limit: 10})
		if err != nil || len(list) != 1 {
			t.Errorf("cases = %+v, %v", list, err)
		}
		none, _ := tx.ListCases(ctx, store.CaseFilter{Visibility: store.Visibility{Levels: sojourn.Levels}, State: sojourn.StateClosed, Limit: 10})
		if len(none) != 0 {
			t.Errorf("closed cases = %+v", none)
		}
		if hidden, _ := tx.ListCases(ctx, store.CaseFilter{Visibility: store.Visibility{Authority: "RSO", Levels: sojourn.Levels}, Limit: 10}); len(hidden) != 0 {
			t.Errorf("cases of another authority = %+v", hidden)
		}
		return err
	})
}

func testDecisions(t *testing.T, s *store.Store) {
	p, c := seedCase(t, s)
	write(t, s, func(tx *store.Tx) error {
		for i := int64(1); i <= 2; i++ {
			pm, err := tx.IssuePermit(ctx, sojourn.Permit{PersonID: p.ID, CaseID: c.ID, Authority: "VRD",
				Period: sojourn.Period{ValidFrom: d("1937-11-10"), ValidTo: d("1938-11-09")}})
			if err != nil {
				return err
			}
			if pm.Number != sojourn.PermitNumber(i) {
				t.Errorf("permit %d number = %s", i, pm.Number)
			}
			_, err = tx.AddDecision(ctx, sojourn.Decision{CaseID: c.ID, Outcome: sojourn.OutcomeGrant, Grounds: "ok",
				LegalRefs: []string{"§1"}, DecidedBy: "officer", DecidedOn: d("1937-11-10"), Permit: &pm,
				Explanation: json.RawMessage(`{"version":"1930"}`), RecordedAt: now})
			if err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx *store.Tx) error {
		ds, err := tx.DecisionsOf(ctx, c.ID)
		if err != nil || len(ds) != 2 || ds[1].Permit == nil || ds[1].Permit.Number != "R-000002" ||
			string(ds[0].Explanation) != `{"version":"1930"}` || ds[0].LegalRefs[0] != "§1" {
			t.Errorf("decisions = %+v, %v", ds, err)
		}
		return err
	})
}

func testFacts(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	p := seedPerson(t, s, "VRD", "Wirth")
	var f sojourn.StatusFact
	later := now.Add(time.Hour)
	write(t, s, func(tx *store.Tx) (err error) {
		f, err = tx.RecordFact(ctx, sojourn.StatusFact{PersonID: p.ID, Kind: sojourn.FactPermit, Ref: "R-000001",
			Label: "permit", Authority: "VRD", Period: sojourn.Period{ValidFrom: d("1937-11-10"), ValidTo: d("1938-11-09")}, RecordedAt: now, RecordedBy: "o"})
		return err
	})
	write(t, s, func(tx *store.Tx) error {
		old, err := tx.FactByID(ctx, f.ID)
		if err != nil {
			return err
		}
		if err := tx.SupersedeFact(ctx, old.ID, later); err != nil {
			return err
		}
		c := sojourn.CorrectionInput{ValidTo: d("1938-05-31"), Reason: "shortened"}.Apply(old)
		c.RecordedAt = later
		_, err = tx.RecordFact(ctx, c)
		return err
	})
	err := s.Write(ctx, audited(func(tx *store.Tx) error { return tx.SupersedeFact(ctx, f.ID, later) }))
	wantCode(t, err, sojourn.CodeConflict)
	read(t, s, func(tx *store.Tx) error {
		facts, err := tx.FactsOf(ctx, p.ID)
		if err != nil || len(facts) != 2 || facts[0].SupersededAt == nil || facts[1].Supersedes != f.ID {
			t.Fatalf("facts = %+v, %v", facts, err)
		}
		if st := sojourn.StatusOn(p.ID, facts, d("1938-07-01"), later); st.State != sojourn.LegalNone {
			t.Errorf("after correction: %+v", st)
		}
		if st := sojourn.StatusOn(p.ID, facts, d("1938-07-01"), now); st.State != sojourn.LegalResident {
			t.Errorf("before correction: %+v", st)
		}
		return nil
	})
}

func testAudit(t *testing.T, s *store.Store) {
	objects := []string{"case/1", "case/2", "person/7", "case/1"}
	writeLog(t, s, func(tx *store.Tx) error {
		for _, o := range objects {
			if _, err := tx.AppendAudit(ctx, audit.Entry{At: now, Actor: "olga", Action: "test", Object: o,
				Digest: audit.Keyed([]byte("test key"), []byte(o))}); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx *store.Tx) error {
		all, err := tx.AuditEntries(ctx, store.AuditFilter{})
		if err != nil || len(all) != 4 {
			t.Fatalf("entries = %d, %v", len(all), err)
		}
		if _, err := audit.Verify(all); err != nil {
			t.Errorf("verify: %v", err)
		}
		one, _ := tx.AuditEntries(ctx, store.AuditFilter{Object: "case/1"})
		if len(one) != 2 || one[1].Seq != 2 {
			t.Errorf("case/1 entries = %+v", one)
		}
		n, err := tx.CountAudit(ctx)
		if n != 4 {
			t.Errorf("count = %d", n)
		}
		return err
	})
}

func testLapses(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	soon := seedPerson(t, s, "VRD", "Soon")
	later := seedPerson(t, s, "VRD", "Later")
	expired := seedPerson(t, s, "VRD", "Expired")
	never := seedPerson(t, s, "VRD", "Never")
	fact := func(p sojourn.Person, kind, to string) sojourn.StatusFact {
		f := sojourn.StatusFact{PersonID: p.ID, Kind: kind, Ref: "x", Label: kind, Period: sojourn.Period{ValidFrom: d("1930-01-01")},
			RecordedAt: now, RecordedBy: "t"}
		if to != "" {
			f.ValidTo = d(to)
		}
		return f
	}
	write(t, s, func(tx *store.Tx) error {
		for _, f := range []sojourn.StatusFact{
			fact(soon, sojourn.FactPermit, "1938-01-20"), fact(soon, sojourn.FactDocument, "1938-01-10"),
			fact(later, sojourn.FactPermit, "1938-01-20"), fact(later, sojourn.FactDocument, ""),
			fact(expired, sojourn.FactDocument, "1937-06-30"),
		} {
			if _, err := tx.RecordFact(ctx, f); err != nil {
				return err
			}
		}
		return nil
	})
	on := d("1938-01-01")
	const start = 0
	read(t, s, func(tx *store.Tx) error {
		lapsing, next, err := tx.Lapsing(ctx, "VRD", on, 30, start, 10)
		if err != nil || len(lapsing) != 1 || lapsing[0].PersonID != soon.ID || lapsing[0].Ends != d("1938-01-20") ||
			lapsing[0].DaysLeft != 19 || next != start {
			t.Errorf("lapsing = %+v, %v, %v", lapsing, next, err)
		}
		short, _, _ := tx.Lapsing(ctx, "VRD", on, 10, start, 10)
		if len(short) != 0 {
			t.Errorf("lapsing within 10 days = %+v", short)
		}
		none, next, err := tx.WithoutStatus(ctx, "VRD", on, start, 10)
		if err != nil || len(none) != 2 || next != start {
			t.Fatalf("without status = %+v, %v", none, err)
		}
		if none[0].PersonID != expired.ID || none[0].Since != d("1937-07-01") ||
			none[1].PersonID != never.ID || !none[1].Since.IsZero() || none[1].Name != "A. Never" {
			t.Errorf("without status (by person) = %+v", none)
		}
		first, next, err := tx.WithoutStatus(ctx, "VRD", on, start, 1)
		if err != nil || len(first) != 1 || first[0].PersonID != expired.ID || next != expired.ID {
			t.Fatalf("first page = %+v, next %v, %v", first, next, err)
		}
		second, last, err := tx.WithoutStatus(ctx, "VRD", on, next, 1)
		if err != nil || len(second) != 1 || second[0].PersonID != never.ID || last != start {
			t.Fatalf("second page = %+v, next %v, %v", second, last, err)
		}
		return err
	})
}
