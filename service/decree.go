package service

import (
	"context"
	"slices"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// JobDecree is the job kind that opens a decree's elections.
const JobDecree = "decree"

// IssueDecree records a citizenship decree (its class compiles over the
// cohort inputs) and queues the opening of an election for each person of
// the class: those whose file the issuer sees, whom the class rule selects
// on the decree's date and who hold the decree's citizenship then.
func (s *Service) IssueDecree(ctx context.Context, in sojourn.DecreeInput) (sojourn.Decree, error) {
	if err := precheck(ctx, access.IssueDecree, in); err != nil {
		return sojourn.Decree{}, err
	}
	if _, err := compileCohort("decree", "class", in.Class); err != nil {
		return sojourn.Decree{}, err
	}
	a := ActorFrom(ctx)
	var out sojourn.Decree
	err := s.write(ctx, func(tx *store.Tx) error {
		job, err := tx.EnqueueJob(ctx, sojourn.Job{Kind: JobDecree, Args: "{}", RequestedBy: a.Name, Authority: access.Scope(a)}, tx.Now())
		if err != nil {
			return err
		}
		d, err := tx.CreateDecree(ctx, store.DecreeRecord{Decree: sojourn.Decree{LegalReference: in.LegalReference,
			DecreedOn: in.DecreedOn, Class: in.Class, Citizenship: in.Citizenship, Grants: in.Grants, Deadline: in.Deadline,
			Authority: access.Scope(a), CreatedBy: a.Name}, JobID: job.ID}, tx.Now())
		if err != nil {
			return err
		}
		if err := s.enqueue(ctx, tx, job); err != nil {
			return err
		}
		out = d.Decree
		out.Progress = jobProgress(job)
		return s.record(ctx, tx, a, access.IssueDecree, objectID("decree", d.ID), in)
	})
	return out, err
}

// Decree returns a decree with the progress of opening its elections and
// how many of those the reader may see are open and made.
func (s *Service) Decree(ctx context.Context, id int64) (sojourn.Decree, error) {
	a, err := authorize(ctx, access.ReadDecree, access.Target{})
	if err != nil {
		return sojourn.Decree{}, err
	}
	var out sojourn.Decree
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		d, err := tx.DecreeByID(ctx, id)
		if err != nil {
			return err
		}
		job, err := tx.JobByID(ctx, d.JobID)
		if err != nil {
			return err
		}
		out = d.Decree
		out.Progress = jobProgress(job)
		out.Elections, out.Made, err = tx.CountElections(ctx, id, visibility(a))
		return err
	})
	return out, err
}

// Decrees lists a page of decrees by id after after, each with the
// progress of opening its elections (the counts are Decree's).
func (s *Service) Decrees(ctx context.Context, after int64, limit int) ([]sojourn.Decree, error) {
	if _, err := authorize(ctx, access.ReadDecree, access.Target{}); err != nil {
		return nil, err
	}
	out := []sojourn.Decree{}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		list, err := tx.ListDecrees(ctx, after, s.limit(limit))
		for _, d := range list {
			job, jerr := tx.JobByID(ctx, d.JobID)
			if jerr != nil {
				return jerr
			}
			d.Progress = jobProgress(job)
			out = append(out, d.Decree)
		}
		return err
	})
	return out, err
}

// DecreeElections lists one page of a decree's elections of persons the
// reader may see, by person.
func (s *Service) DecreeElections(ctx context.Context, id, after int64, limit int) ([]sojourn.Election, error) {
	a, err := authorize(ctx, access.ReadDecree, access.Target{})
	if err != nil {
		return nil, err
	}
	var out []sojourn.Election
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.DecreeByID(ctx, id); err != nil {
			return err
		}
		out, err = tx.DecreeElections(ctx, id, visibility(a), after, s.limit(limit))
		return err
	})
	return out, err
}

// RunDecree is the handler of a decree job: it opens the elections of the
// class a batch per transaction, resuming where the last attempt stopped.
func (s *Service) RunDecree(ctx context.Context, job sojourn.Job, progress Progress) error {
	var d store.DecreeRecord
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		d, err = tx.DecreeByJob(ctx, job.ID)
		return err
	})
	if err != nil {
		return err
	}
	rule, err := compileCohort("decree", "class", d.Class)
	if err != nil {
		return err
	}
	r := &cohortRun{s: s, job: job, progress: progress, rule: rule, on: d.DecreedOn, scope: d.Authority, batch: defaultBatch,
		keep: func(inputs map[string]any) bool {
			held, _ := inputs["citizenships"].([]string)
			return slices.Contains(held, d.Citizenship)
		}}
	return r.run(ctx, d.Cursor, func(tx *store.Tx, members []member, last int64) error {
		persons := make([]int64, len(members))
		for i, m := range members {
			persons[i] = m.PersonID
		}
		if err := tx.AddElections(ctx, d, persons, last); err != nil {
			return err
		}
		return s.record(ctx, tx, sojourn.System, access.IssueDecree, objectID("decree", d.ID),
			map[string]int64{"after": last, "elections": int64(len(persons))})
	})
}

// RecordElection records a person's election under a decree, made on a
// day from the decree's date to its deadline, and writes its citizenship
// facts: convert and dual add the granted citizenship from that day;
// convert also ends the citizenship held the day before (a correction that
// keeps the earlier record); keep changes nothing in the ledger. Read as
// known before the recording, the person's status still gives the old
// answer.
func (s *Service) RecordElection(ctx context.Context, id int64, in sojourn.ElectionInput) (sojourn.Election, error) {
	if err := precheck(ctx, access.RecordElection, in); err != nil {
		return sojourn.Election{}, err
	}
	var out sojourn.Election
	err := s.write(ctx, func(tx *store.Tx) error {
		e, err := tx.ElectionByID(ctx, id)
		if err != nil {
			return err
		}
		a, p, err := visiblePerson(ctx, tx, e.PersonID, access.RecordElection)
		if err != nil {
			return err
		}
		d, err := tx.DecreeByID(ctx, e.DecreeID)
		if err != nil {
			return err
		}
		if err := electionDate(d.Decree, in.ElectedOn, sojourn.DateOf(tx.Now())); err != nil {
			return err
		}
		if err := inOffice(ctx, tx, p.Authority, in.ElectedOn, access.RecordElection); err != nil {
			return err
		}
		e.Choice, e.ElectedOn, e.RecordedBy = in.Choice, in.ElectedOn, a.Name
		if out, err = tx.RecordElection(ctx, e, tx.Now()); err != nil {
			return err
		}
		if err := s.electionFacts(ctx, tx, a, p, d.Decree, in); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RecordElection, objectID("person", p.ID), out)
	})
	return out, err
}

// electionDate refuses an election dated before its decree, after its
// deadline or after today.
func electionDate(d sojourn.Decree, on, today sojourn.Date) error {
	msg := ""
	switch {
	case on.Before(d.DecreedOn):
		msg = "is before the decree of " + d.DecreedOn.String()
	case on.After(d.Deadline):
		msg = "is after the deadline of " + d.Deadline.String()
	case on.After(today):
		msg = "is in the future"
	}
	if msg == "" {
		return nil
	}
	return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid election",
		Fields: []sojourn.FieldError{{Field: "elected_on", Message: msg}}}
}

// electionFacts writes the citizenship facts of an election.
func (s *Service) electionFacts(ctx context.Context, tx *store.Tx, a sojourn.Actor, p sojourn.Person, d sojourn.Decree, in sojourn.ElectionInput) error {
	if in.Choice == sojourn.ElectKeep {
		return nil
	}
	if in.Choice == sojourn.ElectConvert {
		facts, err := tx.FactsOf(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, f := range sojourn.KnownFacts(facts, tx.Now()) {
			if f.Kind != sojourn.FactCitizenship || f.Ref != d.Citizenship || !f.ValidOn(in.ElectedOn) || !f.ValidFrom.Before(in.ElectedOn) {
				continue
			}
			old, err := tx.FactByID(ctx, f.ID)
			if err != nil {
				return err
			}
			ended := sojourn.CorrectionInput{ValidTo: in.ElectedOn.AddDays(-1),
				Reason: "converted to " + d.Grants + " citizenship by election under " + d.LegalReference}.Apply(old)
			ended.RecordedAt, ended.RecordedBy = tx.Now(), a.Name
			if _, err := supersede(ctx, tx, old, ended); err != nil {
				return err
			}
		}
	}
	_, err := tx.RecordFact(ctx, citizenshipFact(p, a, sojourn.CitizenshipInput{Country: d.Grants, LegalReference: d.LegalReference,
		Period: sojourn.Period{ValidFrom: in.ElectedOn}}, tx.Now()))
	return err
}

// citizenshipFact is the ledger fact of a citizenship a person holds.
func citizenshipFact(p sojourn.Person, a sojourn.Actor, in sojourn.CitizenshipInput, now time.Time) sojourn.StatusFact {
	label := "citizen of " + in.Country
	if in.LegalReference != "" {
		label += " (" + in.LegalReference + ")"
	}
	return sojourn.StatusFact{PersonID: p.ID, Kind: sojourn.FactCitizenship, Ref: in.Country, Label: label, Authority: p.Authority,
		Period: in.Period, RecordedAt: now, RecordedBy: a.Name}
}

// RecordCitizenship records a citizenship a person holds, in the ledger.
func (s *Service) RecordCitizenship(ctx context.Context, personID int64, in sojourn.CitizenshipInput) (sojourn.StatusFact, error) {
	if err := precheck(ctx, access.RecordCitizenship, in); err != nil {
		return sojourn.StatusFact{}, err
	}
	var out sojourn.StatusFact
	err := s.write(ctx, func(tx *store.Tx) error {
		a, p, err := visiblePerson(ctx, tx, personID, access.RecordCitizenship)
		if err != nil {
			return err
		}
		if err := inOffice(ctx, tx, p.Authority, sojourn.DateOf(tx.Now()), access.RecordCitizenship); err != nil {
			return err
		}
		if out, err = tx.RecordFact(ctx, citizenshipFact(p, a, in, tx.Now())); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RecordCitizenship, objectID("person", personID), out)
	})
	return out, err
}
