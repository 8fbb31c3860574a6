package service

import (
	"context"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// StatusOn answers a person's legal status on a date as the system knew it
// at knownAt (the zero time means now).
func (s *Service) StatusOn(ctx context.Context, personID int64, on sojourn.Date, knownAt time.Time) (sojourn.Status, error) {
	if knownAt.IsZero() {
		knownAt = s.now()
	}
	on = s.dateOr(on)
	var out sojourn.Status
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return err
		}
		facts, err := tx.FactsOf(ctx, personID)
		if err != nil {
			return err
		}
		out = sojourn.StatusOn(personID, facts, on, knownAt.UTC())
		out.MergedInto, err = mergedInto(ctx, tx, personID)
		return err
	})
	return out, err
}

// Facts returns every record of a person's status facts, superseded ones
// included: the whole bitemporal history.
func (s *Service) Facts(ctx context.Context, personID int64) ([]sojourn.StatusFact, error) {
	var out []sojourn.StatusFact
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return err
		}
		var err error
		out, err = tx.FactsOf(ctx, personID)
		return err
	})
	return out, err
}

// CorrectFact records a correction of a status fact: a new record that
// supersedes the old one, which stays in the history.
func (s *Service) CorrectFact(ctx context.Context, personID, factID int64, in sojourn.CorrectionInput) (sojourn.StatusFact, error) {
	if err := precheck(ctx, access.CorrectFact, in); err != nil {
		return sojourn.StatusFact{}, err
	}
	var out sojourn.StatusFact
	err := s.write(ctx, func(tx *store.Tx) error {
		a, _, err := visiblePerson(ctx, tx, personID, access.CorrectFact)
		if err != nil {
			return err
		}
		old, err := tx.FactByID(ctx, factID)
		if err != nil || old.PersonID != personID {
			return sojourn.Errorf(sojourn.CodeNotFound, "status fact not found")
		}
		if old.Kind == sojourn.FactProtection {
			return sojourn.Errorf(sojourn.CodeConflict, "a protection is not corrected: only a reasoned decision lifting it (POST /api/v1/persons/%d/protections/%d/lifting) ends it", personID, factID)
		}
		corrected := in.Apply(old)
		corrected.RecordedAt, corrected.RecordedBy = tx.Now(), a.Name
		if out, err = supersede(ctx, tx, old, corrected); err != nil {
			return err
		}
		if err := followStay(ctx, tx, old, out); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.CorrectFact, objectID("person", personID), out)
	})
	return out, err
}

// supersede records corrected in the ledger in place of old, superseded at
// the transaction's record time. Every correction of a fact, through the
// facts or through the document it is about, goes through here.
func supersede(ctx context.Context, tx *store.Tx, old, corrected sojourn.StatusFact) (sojourn.StatusFact, error) {
	if !corrected.ValidTo.IsZero() && corrected.ValidTo.Before(corrected.ValidFrom) {
		return corrected, &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid correction",
			Fields: []sojourn.FieldError{{Field: "valid_to", Message: "would end before the fact begins (" + corrected.ValidFrom.String() + ")"}}}
	}
	if err := tx.SupersedeFact(ctx, old.ID, tx.Now()); err != nil {
		return corrected, err
	}
	return tx.RecordFact(ctx, corrected)
}

// Lapses is one page of the lapse list of an authority on a date, each list
// by person. Pass LapsingNext or NoLegalStatusNext back (with List set to
// that list) for its next page; 0 means the list is complete.
type Lapses struct {
	On                sojourn.Date    `json:"on"`
	Days              int             `json:"days"`
	Authority         string          `json:"authority,omitempty"`
	Lapsing           []sojourn.Lapse `json:"lapsing" doc:"persons whose every permit, stay and document ends within the window"`
	LapsingNext       int64           `json:"lapsing_next,omitempty" doc:"lapsing_after for the next page of lapsing"`
	NoLegalStatus     []sojourn.Lapse `json:"no_legal_status" doc:"persons with no valid permit, stay or document on the date"`
	NoLegalStatusNext int64           `json:"no_legal_status_next,omitempty" doc:"no_legal_status_after for the next page of no_legal_status"`
}

// LapseQuery selects a page of the lapse list.
type LapseQuery struct {
	List          string // "lapsing" or "no_legal_status" for one list only; "" for both
	Authority     string // "" for every authority the actor sees
	On            sojourn.Date
	Days          int
	Limit         int   // per list
	LapsingAfter  int64 // person id to continue after
	NoStatusAfter int64
}

// LapseList lists, for an authority, everyone whose only valid permits or
// documents end within q.Days days of q.On, and everyone without legal
// status on q.On, a page of each at a time.
func (s *Service) LapseList(ctx context.Context, q LapseQuery) (Lapses, error) {
	a, err := authorize(ctx, access.ReadLapses, access.Target{Authority: q.Authority})
	if err != nil {
		return Lapses{}, err
	}
	if q.Authority == "" {
		q.Authority = access.Scope(a)
	}
	on, limit := s.dateOr(q.On), s.limit(q.Limit)
	out := Lapses{On: on, Days: q.Days, Authority: q.Authority}
	out.Lapsing, out.NoLegalStatus = []sojourn.Lapse{}, []sojourn.Lapse{}
	err = s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if q.List != sojourn.LegalNone {
			if out.Lapsing, out.LapsingNext, err = tx.Lapsing(ctx, q.Authority, on, q.Days, q.LapsingAfter, limit); err != nil {
				return err
			}
		}
		if q.List != "lapsing" {
			out.NoLegalStatus, out.NoLegalStatusNext, err = tx.WithoutStatus(ctx, q.Authority, on, q.NoStatusAfter, limit)
		}
		return err
	})
	return out, err
}
