package service

import (
	"context"
	"encoding/json"

	"sojourn"
	"sojourn/access"
	"sojourn/policy"
	"sojourn/store"
)

// Progress records a running job's progress (done of total) in a
// transaction; the job queue hands it to the job's handler.
type Progress func(ctx context.Context, tx *store.Tx, done, total int) error

// RunWhatIf is the handler of a what-if job: it evaluates every case in
// scope as things stand and under the version tried, page by page, storing
// the cases whose outcome changes and the progress in the same transaction.
func (s *Service) RunWhatIf(ctx context.Context, job sojourn.Job, progress Progress) error {
	var args whatIfArgs
	if err := json.Unmarshal([]byte(job.Args), &args); err != nil {
		return sojourn.Internal(err)
	}
	r := &whatIfRunner{s: s, job: job, args: args, progress: progress}
	if err := r.prepare(ctx); err != nil {
		return err
	}
	for _, caseType := range packCaseTypes(args.Pack) {
		if err := r.runType(ctx, caseType); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *store.Tx) error {
		if err := progress(ctx, tx, r.done, r.total); err != nil {
			return err
		}
		return s.record(ctx, tx, sojourn.System, access.RunWhatIf, objectID("whatif", job.ID),
			map[string]int{"total": r.total, "changed": r.changed})
	})
}

// whatIfRunner holds the state of one what-if run.
type whatIfRunner struct {
	s                    *Service
	job                  sojourn.Job
	args                 whatIfArgs
	progress             Progress
	pack                 *policy.Pack
	version              *policy.Version
	revision             int64
	inUse                map[string]packRevision            // by case type
	accs                 map[string][]sojourn.Accreditation // by sponsor, read once per run
	total, done, changed int
}

// prepare clears what an earlier attempt stored, finds the version tried
// and the packs in use, and counts the cases in scope.
func (r *whatIfRunner) prepare(ctx context.Context) error {
	draft, err := loadDraft(r.args.WhatIfInput)
	if err != nil {
		return err
	}
	return r.s.write(ctx, func(tx *store.Tx) error {
		if err := tx.ClearWhatIfResults(ctx, r.job.ID); err != nil {
			return err
		}
		p, rev, err := whatIfPack(ctx, tx, r.args.WhatIfInput, draft)
		if err != nil {
			return err
		}
		r.pack = p
		if r.version, err = p.Version(r.args.Version); err != nil {
			return err
		}
		r.revision = rev
		r.inUse = map[string]packRevision{}
		r.accs = map[string][]sojourn.Accreditation{}
		for _, caseType := range packCaseTypes(r.args.Pack) {
			if r.inUse[caseType], err = loadInUse(ctx, tx, caseType); err != nil {
				return err
			}
			n, err := tx.CountScopeCases(ctx, r.scope(caseType, 0))
			if err != nil {
				return err
			}
			r.total += n
		}
		return r.progress(ctx, tx, 0, r.total)
	})
}

func (r *whatIfRunner) scope(caseType string, after int64) store.CaseScope {
	return store.CaseScope{Type: caseType, Authority: r.job.Authority, OpenOnly: r.args.Scope == sojourn.ScopeOpen,
		FiledFrom: r.args.FiledFrom, FiledTo: r.args.FiledTo, After: after, Limit: whatIfPage}
}

// runType runs over the cases of one type, a page per transaction pair.
func (r *whatIfRunner) runType(ctx context.Context, caseType string) error {
	for after := int64(0); ; {
		var changed []sojourn.WhatIfResult
		var n int
		err := r.s.store.Read(ctx, func(tx *store.Tx) error {
			cases, err := tx.ScopeCases(ctx, r.scope(caseType, after))
			if n = len(cases); err != nil || n == 0 {
				return err
			}
			after = cases[n-1].ID
			changed, err = r.comparePage(ctx, newFacts(tx, r.s.now(), r.accs), cases)
			return err
		})
		if err != nil || n == 0 {
			return err
		}
		if err := r.save(ctx, n, changed); err != nil {
			return err
		}
	}
}

// save stores a page's changed cases and the progress.
func (r *whatIfRunner) save(ctx context.Context, n int, changed []sojourn.WhatIfResult) error {
	return r.s.write(ctx, func(tx *store.Tx) error {
		for _, res := range changed {
			if err := tx.AddWhatIfResult(ctx, res); err != nil {
				return err
			}
		}
		r.done += n
		r.changed += len(changed)
		return r.progress(ctx, tx, r.done, r.total)
	})
}

// comparePage compares the cases of one page, reading their documents at once.
func (r *whatIfRunner) comparePage(ctx context.Context, f *facts, cases []sojourn.Case) ([]sojourn.WhatIfResult, error) {
	if err := f.preload(ctx, cases); err != nil {
		return nil, err
	}
	var changed []sojourn.WhatIfResult
	for _, c := range cases {
		res, err := r.compare(ctx, f, c)
		if err != nil {
			return nil, err
		}
		if res != nil {
			changed = append(changed, *res)
		}
	}
	return changed, nil
}

// compare evaluates one case as things stand and under the version tried,
// and returns the result when the outcomes differ, else nil. Cases the
// requester could not see are skipped.
func (r *whatIfRunner) compare(ctx context.Context, f *facts, c sojourn.Case) (*sojourn.WhatIfResult, error) {
	if !r.args.Clearance.Covers(c.Classification) {
		return nil, nil
	}
	var before Explanation
	if cur := r.inUse[c.Type]; cur.pack != nil {
		var err error
		on := whatIfDate(cur.pack, c, r.args.On)
		if before, _, err = evaluateIn(ctx, f, c, on, cur.pack, cur.revision); err != nil && before.Error == "" {
			return nil, err
		}
	}
	on := whatIfDate(r.pack, c, r.args.On)
	after := Explanation{Result: policy.Result{Pack: r.version.Pack, Version: r.version.Name, On: on}, Revision: r.revision}
	after, _, err := evaluateUnder(ctx, f, c, on, r.version, after)
	if err != nil && after.Error == "" {
		return nil, err
	}
	if before.outcomeLabel() == after.outcomeLabel() {
		return nil, nil
	}
	p, err := f.tx.PersonByID(ctx, c.PersonID)
	if err != nil {
		return nil, err
	}
	return &sojourn.WhatIfResult{JobID: r.job.ID, CaseID: c.ID, PersonID: c.PersonID, PersonName: p.DisplayName(),
		BeforeOutcome: before.outcomeLabel(), BeforeExplanation: json.RawMessage(jsonString(before)),
		AfterOutcome: after.outcomeLabel(), AfterExplanation: json.RawMessage(jsonString(after))}, nil
}

// whatIfDate is the date a what-if run evaluates a case on under p: the
// date the pack says, taking the run's assumed decision date (default: the
// filing date) for packs evaluated on the decision date.
func whatIfDate(p *policy.Pack, c sojourn.Case, decidedOn sojourn.Date) sojourn.Date {
	on, err := caseDate(p, c, decidedOn)
	if err != nil {
		return c.FiledOn
	}
	return on
}

// packCaseTypes lists the case types the named pack decides.
func packCaseTypes(pack string) []string {
	var out []string
	for _, caseType := range sojourn.CaseTypes {
		if packFor(caseType) == pack {
			out = append(out, caseType)
		}
	}
	return out
}

// packRevision is a compiled pack with its stored revision.
type packRevision struct {
	pack     *policy.Pack
	revision int64
}

// loadInUse returns the pack in use for a case type (a nil pack if none).
func loadInUse(ctx context.Context, tx *store.Tx, caseType string) (packRevision, error) {
	p, rev, _, err := packInUse(ctx, tx, caseType)
	return packRevision{p, rev}, err
}
