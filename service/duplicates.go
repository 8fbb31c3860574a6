package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/match"
	"sojourn/store"
)

// JobDuplicates is the job kind of a scan of the register for persons
// likely registered twice.
const JobDuplicates = "persons.duplicates"

// duplicatePage is how many persons a scan compares per transaction pair.
const duplicatePage = 500

// DuplicateScan is a scan's record and progress, and one page of the pairs
// it found that the reader may see.
type DuplicateScan struct {
	sojourn.Job
	Pairs int              `json:"pairs" doc:"how many pairs of persons the reader sees both of"`
	Found []DuplicateFound `json:"found" doc:"one page of them, in the order found"`
}

// DuplicateFound is a pair of persons likely the same, with both files as
// they now stand.
type DuplicateFound struct {
	sojourn.DuplicatePair
	Person sojourn.Person `json:"person"`
	Other  sojourn.Person `json:"other"`
}

// StartDuplicateScan queues a scan of the register (the persons of the
// actor's authority; every person for those of none) for pairs of persons
// scoring at or above the matching threshold, for review.
func (s *Service) StartDuplicateScan(ctx context.Context) (DuplicateScan, error) {
	a, err := authorize(ctx, access.ScanDuplicates, access.Target{})
	if err != nil {
		return DuplicateScan{}, err
	}
	var out DuplicateScan
	err = s.write(ctx, func(tx *store.Tx) error {
		job, err := tx.EnqueueJob(ctx, sojourn.Job{Kind: JobDuplicates, Args: "{}", RequestedBy: a.Name, Authority: access.Scope(a)}, tx.Now())
		if err != nil {
			return err
		}
		if err := s.enqueue(ctx, tx, job); err != nil {
			return err
		}
		out = DuplicateScan{Job: job, Found: []DuplicateFound{}}
		return s.record(ctx, tx, a, access.ScanDuplicates, objectID("duplicates", job.ID), nil)
	})
	return out, err
}

// RunDuplicateScan is the handler of a duplicate scan: it compares every
// person in scope with the candidates their blocking keys find, a page at a
// time, and stores each pair once (found from its lower id) with the
// progress in the same transaction.
func (s *Service) RunDuplicateScan(ctx context.Context, job sojourn.Job, progress Progress) error {
	total, err := s.prepareScan(ctx, job, progress)
	if err != nil {
		return err
	}
	done, pairs := 0, 0
	for after := int64(0); ; {
		var found []sojourn.DuplicatePair
		var n int
		err := s.store.Read(ctx, func(tx *store.Tx) error {
			persons, err := tx.ListPersons(ctx, job.Authority, after, duplicatePage)
			if n = len(persons); err != nil || n == 0 {
				return err
			}
			after = persons[n-1].ID
			found, err = scanPage(ctx, tx, job.Authority, persons)
			return err
		})
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		done, pairs = done+n, pairs+len(found)
		err = s.write(ctx, func(tx *store.Tx) error {
			if err := tx.AddDuplicatePairs(ctx, job.ID, found); err != nil {
				return err
			}
			return progress(ctx, tx, done, max(total, done))
		})
		if err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *store.Tx) error {
		return s.record(ctx, tx, sojourn.System, access.ScanDuplicates, objectID("duplicates", job.ID),
			map[string]int{"persons": done, "pairs": pairs})
	})
}

// prepareScan clears what an earlier attempt stored and counts the persons
// in scope.
func (s *Service) prepareScan(ctx context.Context, job sojourn.Job, progress Progress) (int, error) {
	var total int
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if err := tx.ClearDuplicatePairs(ctx, job.ID); err != nil {
			return err
		}
		if total, err = tx.CountPersons(ctx, job.Authority, 0); err != nil {
			return err
		}
		return progress(ctx, tx, 0, total)
	})
	return total, err
}

// scanPage returns the pairs each person of a page makes with a person of
// a higher id in scope scoring at or above the threshold.
func scanPage(ctx context.Context, tx *store.Tx, authority string, persons []sojourn.Person) ([]sojourn.DuplicatePair, error) {
	cfg, err := matchConfig(ctx, tx)
	if err != nil {
		return nil, err
	}
	v := store.Visibility{Authority: authority, Levels: []sojourn.Level{sojourn.Unclassified}}
	ids := make([]int64, len(persons))
	for i, p := range persons {
		ids[i] = p.ID
	}
	merged, err := tx.MergedAmong(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []sojourn.DuplicatePair
	for _, p := range persons {
		if merged[p.ID] {
			continue // the survivor, who holds their names, answers for them
		}
		found, err := findMatches(ctx, tx, cfg, v, match.Prepare(store.MatchRecord(p)), p.ID, cfg.Threshold, cfg.Candidates)
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			if f.PersonID > p.ID {
				out = append(out, sojourn.DuplicatePair{PersonID: p.ID, OtherID: f.PersonID, Score: f.Score, Reasons: f.Reasons})
			}
		}
	}
	return out, nil
}

// DuplicateScanOf returns a scan with its progress and one page of the
// pairs it found of which the reader sees both persons (by their authority
// now, whoever started the scan): at most limit after the pair after.
func (s *Service) DuplicateScanOf(ctx context.Context, id, after int64, limit int) (DuplicateScan, error) {
	if _, err := authorize(ctx, access.ScanDuplicates, access.Target{}); err != nil {
		return DuplicateScan{}, err
	}
	var out DuplicateScan
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		job, a, err := visibleJob(ctx, tx, id, JobDuplicates, access.ScanDuplicates)
		if err != nil {
			return err
		}
		out = DuplicateScan{Job: job}
		if out.Pairs, err = tx.CountDuplicatePairs(ctx, id, visibility(a)); err != nil {
			return err
		}
		pairs, err := tx.DuplicatePairs(ctx, id, visibility(a), after, s.limit(limit))
		if err != nil {
			return err
		}
		out.Found, err = withPersons(ctx, tx, pairs)
		return err
	})
	return out, err
}

// withPersons puts both persons' files beside each pair.
func withPersons(ctx context.Context, tx *store.Tx, pairs []sojourn.DuplicatePair) ([]DuplicateFound, error) {
	ids := make([]int64, 0, 2*len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.PersonID, p.OtherID)
	}
	persons, err := tx.PersonsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]sojourn.Person, len(persons))
	for _, p := range persons {
		byID[p.ID] = p
	}
	out := make([]DuplicateFound, len(pairs))
	for i, p := range pairs {
		out[i] = DuplicateFound{DuplicatePair: p, Person: byID[p.PersonID], Other: byID[p.OtherID]}
	}
	return out, nil
}
