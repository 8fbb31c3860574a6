package service

import (
	"context"
	"encoding/json"
	"errors"

	"sojourn"
	"sojourn/access"
	"sojourn/policy"
	"sojourn/store"
)

// JobWhatIf is the job kind of a what-if run.
const JobWhatIf = "policy.whatif"

// whatIfPage is how many cases a what-if run evaluates per transaction.
const whatIfPage = 200

// whatIfArgs is what a queued what-if run carries: the request with the
// stored revision resolved, and the requester's reach.
type whatIfArgs struct {
	sojourn.WhatIfInput
	Clearance sojourn.Level `json:"clearance"`
}

// WhatIfRun is a what-if run: its job (state, progress), how many cases
// would change, and a page of them.
type WhatIfRun struct {
	sojourn.Job
	Request sojourn.WhatIfInput    `json:"request"`
	Changes int                    `json:"changes" doc:"how many cases would change outcome"`
	Changed []sojourn.WhatIfResult `json:"changed" doc:"one page of them, by case id"`
}

// Queue queues the run of a recorded background job in the transaction
// that records it (package jobs implements it with River).
type Queue interface {
	Enqueue(ctx context.Context, tx *store.Tx, job sojourn.Job) error
}

// UseQueue sets the queue the service's background jobs go to; call it
// before serving.
func (s *Service) UseQueue(q Queue) { s.queue = q }

// enqueue queues a recorded job, which needs a queue.
func (s *Service) enqueue(ctx context.Context, tx *store.Tx, job sojourn.Job) error {
	if s.queue == nil {
		return sojourn.Internal(errors.New("no job queue: call UseQueue"))
	}
	return s.queue.Enqueue(ctx, tx, job)
}

// StartWhatIf checks a what-if request (the pack revision and version
// exist; a draft compiles and passes its examples) and queues the run.
func (s *Service) StartWhatIf(ctx context.Context, in sojourn.WhatIfInput) (WhatIfRun, error) {
	if err := precheck(ctx, access.RunWhatIf, in); err != nil {
		return WhatIfRun{}, err
	}
	draft, err := loadDraft(in)
	if err != nil {
		return WhatIfRun{}, err
	}
	a := ActorFrom(ctx)
	var out WhatIfRun
	err = s.write(ctx, func(tx *store.Tx) error {
		p, rev, err := whatIfPack(ctx, tx, in, draft)
		if err != nil {
			return err
		}
		if _, err := p.Version(in.Version); err != nil {
			return err
		}
		in.Revision = rev
		args := whatIfArgs{WhatIfInput: in, Clearance: a.Clearance}
		job, err := tx.EnqueueJob(ctx, sojourn.Job{Kind: JobWhatIf, Args: jsonString(args), RequestedBy: a.Name,
			Authority: access.Scope(a)}, tx.Now())
		if err != nil {
			return err
		}
		if err := s.enqueue(ctx, tx, job); err != nil {
			return err
		}
		out = WhatIfRun{Job: job, Request: in, Changed: []sojourn.WhatIfResult{}}
		return s.record(ctx, tx, a, access.RunWhatIf, objectID("whatif", job.ID), in)
	})
	return out, err
}

// loadDraft loads and checks the draft source of a what-if request, or
// returns nil when it has none. It runs before any transaction: reading and
// compiling a pack takes time no other write should wait for.
func loadDraft(in sojourn.WhatIfInput) (*policy.Pack, error) {
	if in.Source == "" {
		return nil, nil
	}
	p, err := policy.Load([]byte(in.Source))
	if err == nil && p.Name != in.Pack {
		err = sojourn.Errorf(sojourn.CodeInvalid, "the draft source is pack %s, not %s", p.Name, in.Pack)
	}
	if err == nil {
		err = checkDerivable(p)
	}
	return p, err
}

// whatIfPack returns the pack a what-if run tries: the draft (from
// loadDraft) if there is one, or the stored revision (0: the one in use)
// with its number.
func whatIfPack(ctx context.Context, tx *store.Tx, in sojourn.WhatIfInput, draft *policy.Pack) (*policy.Pack, int64, error) {
	if draft != nil {
		return draft, 0, nil
	}
	row, err := tx.PolicyPackRevision(ctx, in.Pack, in.Revision)
	if err != nil {
		return nil, 0, err
	}
	p, err := compile(row)
	return p, row.Revision, err
}

// WhatIf returns a what-if run with its progress and one page of its
// changed cases: those the reader may see (by each case's authority and
// classification, whoever started the run), at most limit (capped by the
// listing limit) after the case id after. Changes counts those too. Each
// classified case on the page is audited as read (the run's action on
// case/N; see readLoggedAll).
func (s *Service) WhatIf(ctx context.Context, id, after int64, limit int) (WhatIfRun, error) {
	if _, err := authorize(ctx, access.RunWhatIf, access.Target{}); err != nil {
		return WhatIfRun{}, err
	}
	var out WhatIfRun
	err := s.readLoggedAll(ctx, access.RunWhatIf, func(tx *store.Tx) ([]sighting, error) {
		job, a, err := visibleJob(ctx, tx, id, JobWhatIf, access.RunWhatIf)
		if err != nil {
			return nil, err
		}
		var args whatIfArgs
		if err := json.Unmarshal([]byte(job.Args), &args); err != nil {
			return nil, sojourn.Internal(err)
		}
		out = WhatIfRun{Job: job, Request: args.WhatIfInput}
		if out.Changes, err = tx.CountWhatIfResults(ctx, id, visibility(a)); err != nil {
			return nil, err
		}
		out.Changed, err = tx.WhatIfResults(ctx, id, visibility(a), after, s.limit(limit))
		seen := make([]sighting, len(out.Changed))
		for i, r := range out.Changed {
			seen[i] = sighting{objectID("case", r.CaseID), r.Classification, r}
		}
		return seen, err
	})
	return out, err
}

// visibleJob loads a job of a kind the actor may take act on: a job of
// their authority, or of every authority for an actor of none. Any other
// job, or one of another kind, is not found.
func visibleJob(ctx context.Context, tx *store.Tx, id int64, kind string, act access.Action) (sojourn.Job, sojourn.Actor, error) {
	job, err := tx.JobByID(ctx, id)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound || (err == nil && job.Kind != kind) {
		return job, sojourn.Actor{}, sojourn.NotFound()
	}
	if err != nil {
		return job, sojourn.Actor{}, err
	}
	a, err := authorize(ctx, act, access.Target{Authority: job.Authority})
	if err == nil && job.Authority == "" && access.Scope(a) != "" {
		err = sojourn.NotFound()
	}
	return job, a, err
}

// jsonString encodes plain data as JSON text.
func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with plain data types
	}
	return string(b)
}
