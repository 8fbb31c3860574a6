package storetest

import (
	"encoding/json"
	"testing"
	"time"

	"sojourn"
	"sojourn/store"
)

func testPolicyPacks(t *testing.T, s *store.Store) {
	write(t, s, func(tx *store.Tx) error {
		for _, p := range []sojourn.PolicyPack{
			{Name: "residence", Source: "v1", Hash: "h1", UploadedBy: "root", UploadedAt: now},
			{Name: "residence", Source: "v2", Hash: "h2", UploadedBy: "root", UploadedAt: now},
			{Name: "admission", Source: "a1", Hash: "a1", UploadedBy: "root", UploadedAt: now},
		} {
			if _, err := tx.AddPolicyPack(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx *store.Tx) error {
		newest, err := tx.PolicyPackRevision(ctx, "residence", 0)
		if err != nil || newest.Revision != 2 || newest.Source != "v2" || !newest.UploadedAt.Equal(now.Truncate(time.Microsecond)) {
			t.Errorf("newest = %+v, %v", newest, err)
		}
		first, err := tx.PolicyPackRevision(ctx, "residence", 1)
		if err != nil || first.Hash != "h1" {
			t.Errorf("revision 1 = %+v, %v", first, err)
		}
		_, err = tx.PolicyPackRevision(ctx, "residence", 3)
		wantCode(t, err, sojourn.CodeNotFound)
		_, err = tx.PolicyPackRevision(ctx, "nothing", 0)
		wantCode(t, err, sojourn.CodeNotFound)
		latest, err := tx.LatestPolicyPacks(ctx)
		if len(latest) != 2 || latest[0].Name != "admission" || latest[1].Revision != 2 {
			t.Errorf("latest = %+v", latest)
		}
		return err
	})
}

func testJobs(t *testing.T, s *store.Store) {
	var job sojourn.Job
	write(t, s, func(tx *store.Tx) (err error) {
		job, err = tx.EnqueueJob(ctx, sojourn.Job{Kind: "k", Args: `{"a":1}`, RequestedBy: "root", Authority: "VRD"}, now)
		return err
	})
	if job.State != sojourn.JobQueued || job.Args != `{"a":1}` || job.StartedAt != nil || job.Authority != "VRD" {
		t.Fatalf("queued job = %+v", job)
	}
	write(t, s, func(tx *store.Tx) error {
		if err := tx.StartJob(ctx, job.ID, 1, now); err != nil {
			return err
		}
		if err := tx.JobProgress(ctx, job.ID, 5, 10); err != nil {
			return err
		}
		wantCode(t, tx.FinishJob(ctx, job.ID, sojourn.JobQueued, "", now), sojourn.CodeInvalid)
		return tx.FinishJob(ctx, job.ID, sojourn.JobFailed, "went wrong", now.Add(time.Second))
	})
	read(t, s, func(tx *store.Tx) error {
		j, err := tx.JobByID(ctx, job.ID)
		if j.State != sojourn.JobFailed || j.Attempts != 1 || j.Done != 5 || j.Total != 10 || j.Error != "went wrong" ||
			j.StartedAt == nil || j.FinishedAt == nil || !j.FinishedAt.After(*j.StartedAt) {
			t.Errorf("failed job = %+v", j)
		}
		_, err2 := tx.JobByID(ctx, job.ID+1)
		wantCode(t, err2, sojourn.CodeNotFound)
		return err
	})
}

func testWhatIf(t *testing.T, s *store.Store) {
	p, c := seedCase(t, s)
	scope := store.CaseScope{Type: sojourn.CaseResidencePermit, Authority: "VRD", OpenOnly: true, Limit: 10}
	read(t, s, func(tx *store.Tx) error {
		for _, tc := range []struct {
			f    func(store.CaseScope) store.CaseScope
			want int
		}{
			{func(f store.CaseScope) store.CaseScope { return f }, 1},
			{func(f store.CaseScope) store.CaseScope { f.FiledFrom = d("1937-11-02"); return f }, 1},
			{func(f store.CaseScope) store.CaseScope { f.FiledFrom = d("1937-11-03"); return f }, 0},
			{func(f store.CaseScope) store.CaseScope { f.FiledTo = d("1937-11-01"); return f }, 0},
			{func(f store.CaseScope) store.CaseScope { f.Authority = "RSO"; return f }, 0},
			{func(f store.CaseScope) store.CaseScope { f.Authority = ""; f.OpenOnly = false; return f }, 1},
			{func(f store.CaseScope) store.CaseScope { f.Type = "other"; return f }, 0},
			{func(f store.CaseScope) store.CaseScope { f.After = c.ID; return f }, 0},
		} {
			f := tc.f(scope)
			list, err := tx.ScopeCases(ctx, f)
			if err != nil || len(list) != tc.want {
				t.Errorf("scope %+v: %d cases, %v; want %d", f, len(list), err, tc.want)
			}
			if n, err := tx.CountScopeCases(ctx, f); f.After == 0 && (err != nil || n != tc.want) {
				t.Errorf("count %+v: %d, %v; want %d", f, n, err, tc.want)
			}
		}
		return nil
	})
	var job sojourn.Job
	res := sojourn.WhatIfResult{CaseID: c.ID, PersonID: p.ID, PersonName: "A. Wirth", BeforeOutcome: "deny",
		BeforeExplanation: json.RawMessage(`{"version":"1938"}`), AfterOutcome: "grant", AfterExplanation: json.RawMessage(`{"version":"1930"}`)}
	write(t, s, func(tx *store.Tx) (err error) {
		if job, err = tx.EnqueueJob(ctx, sojourn.Job{Kind: "whatif", Args: "{}", RequestedBy: "root"}, now); err != nil {
			return err
		}
		res.JobID = job.ID
		return tx.AddWhatIfResult(ctx, res)
	})
	all := store.Visibility{Levels: sojourn.Levels}
	read(t, s, func(tx *store.Tx) error {
		list, err := tx.WhatIfResults(ctx, job.ID, all, 0, 10)
		if len(list) != 1 || list[0].PersonName != "A. Wirth" || string(list[0].AfterExplanation) != `{"version":"1930"}` {
			t.Errorf("results = %+v", list)
		}
		if next, _ := tx.WhatIfResults(ctx, job.ID, all, c.ID, 10); len(next) != 0 {
			t.Errorf("results after the last = %+v", next)
		}
		if n, err := tx.CountWhatIfResults(ctx, job.ID, all); n != 1 || err != nil {
			t.Errorf("count = %d, %v", n, err)
		}
		return err
	})
	write(t, s, func(tx *store.Tx) error { return tx.ClearWhatIfResults(ctx, job.ID) })
	read(t, s, func(tx *store.Tx) error {
		list, err := tx.WhatIfResults(ctx, job.ID, all, 0, 10)
		if len(list) != 0 {
			t.Errorf("cleared results = %+v", list)
		}
		return err
	})
}
