package storetest

import (
	"testing"
	"time"

	"sojourn"
	"sojourn/store"
)

// testCorrections: a corrected person or document keeps its earlier
// version readable as known at a time before the correction; document facts
// name their document.
func testCorrections(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	p := seedPerson(t, s, "VRD", "Wirht")
	later := now.Add(time.Hour)
	var doc sojourn.Document
	write(t, s, func(tx *store.Tx) (err error) {
		doc, err = tx.CreateDocument(ctx, p.ID, sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: "A1",
			IssuingState: "CS", Period: sojourn.Period{ValidFrom: d("1930-01-01"), ValidTo: d("1945-01-09")}}, now)
		if err != nil {
			return err
		}
		_, err = tx.RecordFact(ctx, doc.Fact("VRD", "clerk", now))
		return err
	})
	write(t, s, func(tx *store.Tx) error {
		fixed := p
		fixed.Names = []sojourn.Name{{Script: "Latin", Family: "Wirth"}}
		fixed.Reason = "misspelled"
		if _, err := tx.CorrectPerson(ctx, p, fixed, later); err != nil {
			return err
		}
		fact, err := tx.DocumentFact(ctx, doc.ID)
		if err != nil || fact.ValidTo != d("1945-01-09") {
			t.Errorf("document fact = %+v, %v", fact, err)
		}
		renumbered := doc
		renumbered.Number, renumbered.Reason = "A7", "misread"
		_, err = tx.CorrectDocument(ctx, doc, renumbered, later)
		return err
	})
	read(t, s, func(tx *store.Tx) error {
		for _, tc := range []struct {
			at             time.Time
			family, number string
		}{{now, "Wirht", "A1"}, {later.Add(-time.Microsecond), "Wirht", "A1"}, {later, "Wirth", "A7"}} {
			got, err := tx.PersonAsKnownAt(ctx, p.ID, tc.at)
			if err != nil || got.Names[0].Family != tc.family {
				t.Errorf("person as known at %s = %+v, %v", tc.at, got, err)
			}
			docs, err := tx.DocumentsAsKnownAt(ctx, p.ID, tc.at)
			if err != nil || len(docs) != 1 || docs[0].Number != tc.number || docs[0].ID != doc.ID {
				t.Errorf("documents as known at %s = %+v, %v", tc.at, docs, err)
			}
		}
		if _, err := tx.PersonAsKnownAt(ctx, p.ID, now.Add(-time.Second)); sojourn.ErrorCode(err) != sojourn.CodeNotFound {
			t.Errorf("person before registration: %v", err)
		}
		if docs, err := tx.DocumentsAsKnownAt(ctx, p.ID, now.Add(-time.Second)); err != nil || len(docs) != 0 {
			t.Errorf("documents before recording = %+v, %v", docs, err)
		}
		cur, err := tx.PersonByID(ctx, p.ID)
		if err != nil || cur.Reason != "misspelled" || !cur.RecordedAt.Equal(later) || !cur.CreatedAt.Equal(now) {
			t.Errorf("current person = %+v, %v", cur, err)
		}
		facts, err := tx.DocumentFactsOfPersons(ctx, []int64{p.ID})
		if err != nil || len(facts[p.ID]) != 1 || facts[p.ID][0].DocumentID != doc.ID {
			t.Errorf("document facts = %+v, %v", facts, err)
		}
		docs, err := tx.DocumentsOfPersons(ctx, []int64{p.ID, 9999})
		if err != nil || len(docs[p.ID]) != 1 || docs[p.ID][0].Number != "A7" {
			t.Errorf("documents of persons = %+v, %v", docs, err)
		}
		return nil
	})
}
