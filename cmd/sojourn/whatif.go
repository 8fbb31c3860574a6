package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"sojourn"
	"sojourn/service"
)

func policyWhatIf(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("policy whatif", flag.ContinueOnError)
	db := dbFlag(fs)
	var in sojourn.WhatIfInput
	fs.StringVar(&in.Pack, "pack", "", "name of the pack")
	fs.StringVar(&in.Version, "version", "", "version to try")
	fs.Int64Var(&in.Revision, "revision", 0, "stored revision of the pack (default: the one in use)")
	fs.StringVar(&in.Scope, "scope", sojourn.ScopeOpen, "open or all cases")
	draft := fs.String("draft", "", "YAML file of a draft pack to try instead of a stored revision")
	fs.TextVar(&in.FiledFrom, "from", sojourn.Date{}, "only cases filed on or after this date")
	fs.TextVar(&in.FiledTo, "to", sojourn.Date{}, "only cases filed on or before this date")
	if _, err := positional(fs, args, 0); err != nil {
		return err
	}
	if *draft != "" {
		src, err := os.ReadFile(*draft)
		if err != nil {
			return err
		}
		in.Source = string(src)
	}
	st, svc, ctx, err := openSystem(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	q, stop, err := startQueue(ctx, st, svc)
	if err != nil {
		return err
	}
	defer stop()
	run, err := svc.StartWhatIf(ctx, in)
	if err != nil {
		return err
	}
	if _, err := q.Wait(ctx, run.ID); err != nil {
		return err
	}
	return printRun(ctx, out, svc, run.ID)
}

// printRun prints a finished what-if run and its changed cases, page by page.
func printRun(ctx context.Context, out io.Writer, svc *service.Service, id int64) error {
	run, err := svc.WhatIf(ctx, id, 0, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "what-if run %d of pack %s version %s over %s cases: %s, %d of %d evaluated, %d changed\n",
		run.ID, run.Request.Pack, run.Request.Version, run.Request.Scope, run.State, run.Done, run.Total, run.Changes)
	for len(run.Changed) > 0 {
		for _, c := range run.Changed {
			fmt.Fprintf(out, "case %d  %s (person %d): %s → %s\n", c.CaseID, c.PersonName, c.PersonID, c.BeforeOutcome, c.AfterOutcome)
		}
		if run, err = svc.WhatIf(ctx, id, run.Changed[len(run.Changed)-1].CaseID, 0); err != nil {
			return err
		}
	}
	if run.State != sojourn.JobDone {
		return fmt.Errorf("what-if run %d %s: %s", run.ID, run.State, run.Error)
	}
	return nil
}
