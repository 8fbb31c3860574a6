package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"sojourn"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
)

func init() {
	commands["campaign"] = command{"review campaigns: campaign start --name N --ref R --rule RULE --on DATE [--batch N] | status --id N | list", campaignCmd}
	commands["decree"] = command{"citizenship decrees: decree add --ref R --on DATE --class RULE --citizenship C --grants G --deadline DATE | list", decreeCmd}
}

const campaignUsage = `usage:
  sojourn campaign start --name N --ref R --rule RULE --on DATE [--batch N]   file a review case per person the rule selects, and wait
  sojourn campaign status --id N                                              progress, and review cases per city
  sojourn campaign list [--after ID]
every command takes --db and acts as the system (every authority's persons)`

const decreeUsage = `usage:
  sojourn decree add --ref R --on DATE --class RULE --citizenship C --grants G --deadline DATE   open an election per person of the class, and wait
  sojourn decree list [--after ID]
every command takes --db and acts as the system (every authority's persons)`

func campaignCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "start" {
		return campaignStart(ctx, args[1:], out)
	}
	return runSystem(ctx, args, out, campaignUsage, map[string]subcommand{"status": campaignStatus, "list": campaignList})
}

func decreeCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "add" {
		return decreeAdd(ctx, args[1:], out)
	}
	return runSystem(ctx, args, out, decreeUsage, map[string]subcommand{"list": decreeList})
}

func campaignStart(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("campaign start", flag.ContinueOnError)
	db := dbFlag(fs)
	var in sojourn.CampaignInput
	fs.StringVar(&in.Name, "name", "", "name of the campaign")
	fs.StringVar(&in.LegalReference, "ref", "", "legal reference (the order that starts it)")
	fs.StringVar(&in.Rule, "rule", "", "CEL rule selecting the cohort (see docs/case-types.md)")
	fs.TextVar(&in.On, "on", sojourn.Date{}, "date the cohort's status is read on, and the reviews' filing date")
	fs.IntVar(&in.BatchSize, "batch", 0, "persons per batch (default 1000)")
	if asksHelp(args) {
		return errors.New(campaignUsage)
	}
	if _, err := positional(fs, args, 0); err != nil {
		return err
	}
	var c sojourn.Campaign
	err := runQueued(ctx, *db, func(ctx context.Context, svc *service.Service) (bool, error) {
		var err error
		if c.ID == 0 {
			c, err = svc.StartCampaign(ctx, in)
		} else {
			c, err = svc.Campaign(ctx, c.ID)
		}
		return finished(c.Progress), err
	})
	if err != nil {
		return err
	}
	printCampaign(out, c)
	return jobError(c.Progress)
}

func campaignStatus(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("campaign status", flag.ContinueOnError)
	id := fs.Int64("id", 0, "campaign id")
	if _, err := positional(fs, args, 0); err != nil {
		return err
	}
	c, err := svc.Campaign(ctx, *id)
	if err != nil {
		return err
	}
	printCampaign(out, c)
	return nil
}

func campaignList(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("campaign list", flag.ContinueOnError)
	after := fs.Int64("after", 0, "list campaigns after this id")
	if _, err := positional(fs, args, 0); err != nil {
		return err
	}
	list, err := svc.Campaigns(ctx, *after, 0)
	for _, c := range list {
		fmt.Fprintf(out, "campaign %d %q (%s) on %s: %s\n", c.ID, c.Name, c.LegalReference, c.On, describeProgress(c.Progress))
	}
	return err
}

// printCampaign prints a campaign's progress and its review cases per city.
func printCampaign(out io.Writer, c sojourn.Campaign) {
	fmt.Fprintf(out, "campaign %d %q (%s) on %s, rule %s: %s; %d review cases, %d unrouted\n",
		c.ID, c.Name, c.LegalReference, c.On, c.Rule, describeProgress(c.Progress), c.Reviews, c.Unrouted)
	for _, city := range c.Cities {
		fmt.Fprintf(out, "  %s: %d open, decided %v, %d closed undecided, %d unrouted\n", city.City, city.Open, city.Decided, city.Closed, city.Unrouted)
	}
}

func decreeAdd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("decree add", flag.ContinueOnError)
	db := dbFlag(fs)
	var in sojourn.DecreeInput
	fs.StringVar(&in.LegalReference, "ref", "", "legal reference of the decree")
	fs.TextVar(&in.DecreedOn, "on", sojourn.Date{}, "date of the decree")
	fs.StringVar(&in.Class, "class", "", "CEL rule selecting the class of persons (see docs/case-types.md)")
	fs.StringVar(&in.Citizenship, "citizenship", "", "citizenship the class holds (ISO 3166 code)")
	fs.StringVar(&in.Grants, "grants", "", "citizenship the decree offers (ISO 3166 code)")
	fs.TextVar(&in.Deadline, "deadline", sojourn.Date{}, "last day an election may be made")
	if asksHelp(args) {
		return errors.New(decreeUsage)
	}
	if _, err := positional(fs, args, 0); err != nil {
		return err
	}
	var d sojourn.Decree
	err := runQueued(ctx, *db, func(ctx context.Context, svc *service.Service) (bool, error) {
		var err error
		if d.ID == 0 {
			d, err = svc.IssueDecree(ctx, in)
		} else {
			d, err = svc.Decree(ctx, d.ID)
		}
		return finished(d.Progress), err
	})
	if err != nil {
		return err
	}
	printDecree(out, d)
	fmt.Fprintf(out, "  %d elections opened, %d made\n", d.Elections, d.Made)
	return jobError(d.Progress)
}

func decreeList(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("decree list", flag.ContinueOnError)
	after := fs.Int64("after", 0, "list decrees after this id")
	if _, err := positional(fs, args, 0); err != nil {
		return err
	}
	list, err := svc.Decrees(ctx, *after, 0)
	for _, d := range list {
		printDecree(out, d)
	}
	return err
}

// printDecree prints a decree in one line.
func printDecree(out io.Writer, d sojourn.Decree) {
	fmt.Fprintf(out, "decree %d (%s) of %s: %s citizens of the class %s may elect %s until %s: %s\n", d.ID, d.LegalReference,
		d.DecreedOn, d.Citizenship, d.Class, d.Grants, d.Deadline, describeProgress(d.Progress))
}

// runQueued opens the database of db and runs the job queue while step,
// called first to start a job and then every 100 ms, says the job has not
// finished; a `sojourn serve` on the same database may take the job's
// batches too.
func runQueued(ctx context.Context, db string, step func(context.Context, *service.Service) (bool, error)) error {
	st, svc, ctx, err := openSystem(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	_, stop, err := startQueue(ctx, st, svc)
	if err != nil {
		return err
	}
	defer stop()
	for {
		done, err := step(ctx, svc)
		if err != nil || done {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// startQueue runs a queue for a one-off command: its own jobs only, no
// maintenance round.
func startQueue(ctx context.Context, st *store.Store, svc *service.Service) (*jobs.Queue, func(), error) {
	cfg := jobs.DefaultConfig()
	cfg.Poll = 100 * time.Millisecond
	cfg.Maintenance = -1
	q, err := jobs.ForService(ctx, st, svc, cfg)
	if err != nil {
		return nil, nil, err
	}
	stop, err := q.Start(ctx)
	return q, stop, err
}

// finished reports whether a job has ended.
func finished(p sojourn.JobProgress) bool {
	return p.State == sojourn.JobDone || p.State == sojourn.JobFailed
}

// describeProgress says in a few words how far a job has got.
func describeProgress(p sojourn.JobProgress) string {
	s := fmt.Sprintf("%s, %d of %d persons examined", p.State, p.Done, p.Total)
	if p.Error != "" {
		s += " (" + p.Error + ")"
	}
	return s
}

// jobError is the error of a job that failed.
func jobError(p sojourn.JobProgress) error {
	if p.State == sojourn.JobFailed {
		return fmt.Errorf("the run failed: %s", p.Error)
	}
	return nil
}
