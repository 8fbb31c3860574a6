package storetest

import (
	"testing"

	"sojourn"
	"sojourn/store"
)

// seedS8 creates HQ (deciding return requests), its embassy EMB-P and HQ's
// delegation to it, and returns the delegation.
func seedS8(t *testing.T, s *store.Store) sojourn.Delegation {
	var del sojourn.Delegation
	write(t, s, func(tx *store.Tx) (err error) {
		if _, err = tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "HQ", Name: "Ministry", Kind: sojourn.KindMinistry,
			CaseTypes: []string{sojourn.CaseReturnRequest}, Period: sojourn.Period{ValidFrom: d("1918-10-28")}}, now); err != nil {
			return err
		}
		if _, err = tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "EMB-P", Name: "Embassy", Kind: sojourn.KindEmbassy,
			Parent: "HQ", Period: sojourn.Period{ValidFrom: d("1945-06-01")}}, now); err != nil {
			return err
		}
		del, err = tx.CreateDelegation(ctx, sojourn.DelegationInput{From: "HQ", To: "EMB-P",
			Scope:       sojourn.Scope{CaseTypes: []string{sojourn.CaseReturnRequest}, Countries: []string{"CS"}},
			Period:      sojourn.Period{ValidFrom: d("1956-02-10"), ValidTo: d("1956-12-31")},
			Conditions:  []sojourn.Condition{{ID: "host_concurrence", When: "host_concurrence", Message: "concurrence needed"}},
			Obligations: []sojourn.ObligationTemplate{{ID: "report", WithinDays: 14, Report: "report"}}}, "hq-head", now)
		return err
	})
	return del
}

func testDelegations(t *testing.T, s *store.Store) {
	del := seedS8(t, s)
	read(t, s, func(tx *store.Tx) error {
		got, err := tx.DelegationByID(ctx, del.ID)
		if err != nil || got.From != "HQ" || got.Scope.Countries[0] != "CS" || got.ValidTo != d("1956-12-31") ||
			got.Conditions[0].When != "host_concurrence" || got.Obligations[0].WithinDays != 14 || got.CreatedBy != "hq-head" {
			t.Errorf("delegation = %+v, %v", got, err)
		}
		hq, err := tx.AuthorityByCode(ctx, "HQ")
		if err != nil || len(hq.CaseTypes) != 1 || hq.CaseTypes[0] != sojourn.CaseReturnRequest {
			t.Errorf("HQ = %+v, %v", hq, err)
		}
		to, _ := tx.DelegationsTo(ctx, "EMB-P")
		of, _ := tx.DelegationsOf(ctx, "HQ")
		all, _ := tx.DelegationsOf(ctx, "")
		sub, _ := tx.SubordinatesOf(ctx, "HQ")
		if len(sub) != 1 || sub[0].Code != "EMB-P" {
			t.Errorf("under HQ = %+v", sub)
		}
		none, err := tx.DelegationsTo(ctx, "HQ")
		if len(to) != 1 || len(of) != 1 || len(all) != 1 || len(none) != 0 {
			t.Errorf("to %v, of %v, all %v, none %v", to, of, all, none)
		}
		_, err2 := tx.DelegationByID(ctx, 999)
		wantCode(t, err2, sojourn.CodeNotFound)
		return err
	})
	write(t, s, func(tx *store.Tx) error { return tx.RevokeDelegation(ctx, del.ID, d("1956-06-01"), "suspended") })
	read(t, s, func(tx *store.Tx) error {
		got, err := tx.DelegationByID(ctx, del.ID)
		if got.RevokedOn != d("1956-06-01") || got.RevocationReason != "suspended" || !got.ActiveOn(d("1956-05-31")) || got.ActiveOn(d("1956-06-01")) {
			t.Errorf("revoked = %+v", got)
		}
		return err
	})
	err := s.Write(ctx, audited(func(tx *store.Tx) error {
		_, err := tx.CreateDelegation(ctx, sojourn.DelegationInput{From: "HQ", To: "NOPE",
			Scope: sojourn.Scope{CaseTypes: []string{sojourn.CaseReturnRequest}}, Period: sojourn.Period{ValidFrom: d("1956-02-10")}}, "x", now)
		return err
	}))
	wantCode(t, err, sojourn.CodeInvalid)
}

// seedObligation decides a case under del and owes one report due on due.
func seedObligation(t *testing.T, s *store.Store, del sojourn.Delegation, due sojourn.Date) sojourn.Obligation {
	var o sojourn.Obligation
	p := seedPerson(t, s, "EMB-P", "Dvorak")
	write(t, s, func(tx *store.Tx) error {
		c, err := tx.CreateCase(ctx, sojourn.CaseInput{Type: sojourn.CaseReturnRequest, PersonID: p.ID, Authority: "EMB-P",
			FiledOn: d("1956-02-20"), Classification: sojourn.Unclassified}, now)
		if err != nil {
			return err
		}
		dec, err := tx.AddDecision(ctx, sojourn.Decision{CaseID: c.ID, Outcome: sojourn.OutcomeGrant, Grounds: "ill",
			DecidedBy: "officer", DecidedOn: due.AddDays(-14), RecordedAt: now, DelegationID: del.ID})
		if err != nil {
			return err
		}
		o, err = tx.CreateObligation(ctx, sojourn.Obligation{DelegationID: del.ID, DecisionID: dec.ID, CaseID: c.ID,
			Template: "report", Obligor: "EMB-P", OwedTo: "HQ", PersonID: p.ID, Person: "A. Dvorak", Reason: "ill",
			Description: "report", DueOn: due}, now)
		return err
	})
	return o
}

func testObligations(t *testing.T, s *store.Store) {
	del := seedS8(t, s)
	first := seedObligation(t, s, del, d("1956-03-15"))
	second := seedObligation(t, s, del, d("1956-03-19"))
	overdue := func(owedTo, on string) []sojourn.Obligation {
		var list []sojourn.Obligation
		read(t, s, func(tx *store.Tx) (err error) {
			list, err = tx.OverdueObligations(ctx, owedTo, sojourn.Levels, d(on))
			return err
		})
		return list
	}
	if l := overdue("HQ", "1956-03-15"); len(l) != 0 {
		t.Errorf("overdue on the due date: %+v", l)
	}
	if l := overdue("HQ", "1956-03-16"); len(l) != 1 || l[0].ID != first.ID || l[0].Person != "A. Dvorak" {
		t.Errorf("overdue the day after: %+v", l)
	}
	write(t, s, func(tx *store.Tx) error { return tx.FulfilObligation(ctx, first.ID, d("1956-03-20"), "168/ld") })
	if l := overdue("", "1956-03-19"); len(l) != 1 || l[0].ID != first.ID {
		t.Errorf("overdue before the late report: %+v", l)
	}
	if l := overdue("HQ", "1956-03-20"); len(l) != 1 || l[0].ID != second.ID {
		t.Errorf("overdue after the late report: %+v", l)
	}
	if l := overdue("EMB-P", "1956-04-01"); len(l) != 0 {
		t.Errorf("owed to EMB-P: %+v", l)
	}
	write(t, s, func(tx *store.Tx) error {
		first, err := tx.FlagObligation(ctx, second.ID, d("1956-03-20"))
		if err != nil {
			return err
		}
		again, err := tx.FlagObligation(ctx, second.ID, d("1956-03-21")) // already flagged: no change
		if !first || again {
			t.Errorf("flagged %v, then again %v", first, again)
		}
		return err
	})
	read(t, s, func(tx *store.Tx) error {
		o, err := tx.ObligationByID(ctx, second.ID, false)
		if err != nil || o.FlaggedOn != d("1956-03-20") {
			t.Errorf("flagged = %+v, %v", o, err)
		}
		f, err := tx.ObligationByID(ctx, first.ID, false)
		if f.ReportRef != "168/ld" || f.FulfilledOn != d("1956-03-20") {
			t.Errorf("fulfilled = %+v", f)
		}
		list, err2 := tx.ObligationsOfCase(ctx, first.CaseID)
		if len(list) != 1 || err2 != nil {
			t.Errorf("of case = %+v, %v", list, err2)
		}
		ds, _ := tx.DecisionsOf(ctx, first.CaseID)
		if len(ds) != 1 || ds[0].DelegationID != del.ID {
			t.Errorf("decision = %+v", ds)
		}
		return err
	})
}

func testTransfers(t *testing.T, s *store.Store) {
	p, c := seedCase(t, s)
	seedAuthority(t, s, "SC")
	write(t, s, func(tx *store.Tx) error {
		if _, err := tx.AddConcurrence(ctx, c.ID, sojourn.ConcurrenceInput{Party: "HOST", GivenOn: d("1937-11-05"), Reference: "n. 7"}, "clerk", now); err != nil {
			return err
		}
		pending, err := tx.PendingCases(ctx, "VRD")
		if err != nil || len(pending) != 1 {
			t.Errorf("pending = %+v, %v", pending, err)
		}
		old, _ := tx.AuthorityByCode(ctx, "VRD")
		old.CaseTypes = []string{sojourn.CaseLegalisation}
		succ, _ := tx.AuthorityByCode(ctx, "SC")
		if persons, err := tx.AbolishAuthority(ctx, old, succ, d("1938-01-01"), "decree"); err != nil || persons != 1 {
			t.Errorf("person files passed = %d, %v", persons, err)
			return err
		}
		_, err = tx.MoveCase(ctx, sojourn.Transfer{CaseID: c.ID, Kind: sojourn.TransferSuccession, From: "VRD", To: "SC",
			On: d("1938-01-01"), Reason: "decree", RecordedBy: "admin", RecordedAt: now})
		return err
	})
	read(t, s, func(tx *store.Tx) error {
		cc, err := tx.ConcurrencesOf(ctx, c.ID)
		if err != nil || len(cc) != 1 || cc[0].Reference != "n. 7" || cc[0].GivenOn != d("1937-11-05") {
			t.Errorf("concurrences = %+v, %v", cc, err)
		}
		tr, _ := tx.TransfersOf(ctx, c.ID)
		moved, _ := tx.CaseByID(ctx, c.ID, false)
		if len(tr) != 1 || tr[0].To != "SC" || tr[0].On != d("1938-01-01") || moved.Authority != "SC" || moved.Version != c.Version {
			t.Errorf("transfers = %+v, case = %+v", tr, moved)
		}
		old, _ := tx.AuthorityByCode(ctx, "VRD")
		succ, err := tx.AuthorityByCode(ctx, "SC")
		if old.ValidTo != d("1937-12-31") || old.Successor != "SC" || old.AbolishedOn != d("1938-01-01") ||
			old.AbolitionReason != "decree" || len(succ.CaseTypes) != 1 || succ.CaseTypes[0] != sojourn.CaseLegalisation {
			t.Errorf("abolished %+v, successor %+v", old, succ)
		}
		if kept, _ := tx.PersonByID(ctx, p.ID); kept.Authority != "SC" {
			t.Errorf("person file kept by %s, not the successor", kept.Authority)
		}
		return err
	})
}
