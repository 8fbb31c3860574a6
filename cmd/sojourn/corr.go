package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sojourn"
	"sojourn/service"
)

func init() {
	commands["corr"] = command{"correspondence registry: corr series-add | series | register FILE | list | search TEXT | due (see sojourn corr help)", corrCmd}
}

const corrUsage = `usage:
  sojourn corr series-add --authority A --code C --format F [--title T]   open a register series, e.g. --format '{n}/ld'
  sojourn corr series                                                       list register series
  sojourn corr register FILE                                                register the item a JSON file describes (as POST /api/v1/correspondence)
  sojourn corr list [--series N] [--from DATE] [--to DATE] [--sender S] [--addressee A] [--number X] [--limit N]
  sojourn corr search TEXT [the same filters]                               full text over subject and body
  sojourn corr due [--on DATE]                                              items whose retention ended
every command takes --db and acts as the system`

func corrCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, corrUsage, map[string]subcommand{
		"series-add": corrSeriesAdd, "series": corrSeries, "register": corrRegister,
		"list": corrSearch, "search": corrSearch, "due": corrDue})
}

func corrSeriesAdd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("corr series-add", flag.ContinueOnError)
	var in sojourn.SeriesInput
	fs.StringVar(&in.Authority, "authority", "", "the authority keeping the series")
	fs.StringVar(&in.Code, "code", "", "the series' code, e.g. ld")
	fs.StringVar(&in.Format, "format", "", "how numbers are shown: {n} the sequence in the year, {year} the year")
	fs.StringVar(&in.Title, "title", "", "what the series holds")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := svc.CreateSeries(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "series %d: %s %s (%s)\n", s.ID, s.Authority, s.Code, s.Format)
	return nil
}

func corrSeries(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	if len(args) != 0 {
		return errors.New(corrUsage)
	}
	list, err := svc.ListSeries(ctx)
	for _, s := range list {
		fmt.Fprintf(out, "%d\t%s\t%s\t%s\t%s\n", s.ID, s.Authority, s.Code, s.Format, s.Title)
	}
	return err
}

func corrRegister(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	var in sojourn.ItemInput
	if err := readInputFile(args, corrUsage, &in); err != nil {
		return err
	}
	it, err := svc.RegisterItem(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "item %d: %s of %s, %s\n", it.ID, it.Number, it.Date, it.Subject)
	return nil
}

func corrSearch(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("corr search", flag.ContinueOnError)
	var q sojourn.ItemQuery
	fs.Int64Var(&q.SeriesID, "series", 0, "only this series (id)")
	fs.StringVar(&q.Number, "number", "", "only this register number")
	fs.TextVar(&q.From, "from", sojourn.Date{}, "dated on or after")
	fs.TextVar(&q.To, "to", sojourn.Date{}, "dated on or before")
	fs.StringVar(&q.Sender, "sender", "", "an authority's code or part of an outside sender's name")
	fs.StringVar(&q.Addressee, "addressee", "", "an authority's code or part of an outside addressee's name")
	fs.IntVar(&q.Limit, "limit", 50, "at most this many items")
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	q.Text = strings.Join(words, " ")
	list, err := svc.SearchItems(ctx, q)
	printItems(out, list)
	return err
}

func corrDue(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("corr due", flag.ContinueOnError)
	on := dateVar(fs, "on", "reference date (default today)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	list, err := svc.DueForDestruction(ctx, *on, 0)
	printItems(out, list)
	return err
}

// printItems writes one line per item: id, number, date, kind, subject.
func printItems(out io.Writer, list []sojourn.ItemSummary) {
	for _, it := range list {
		destroyed := ""
		if it.Destroyed {
			destroyed = "\t(content destroyed)"
		}
		fmt.Fprintf(out, "%d\t%s\t%s\t%s\t%s\t%s%s\n", it.ID, it.Number, it.Date, it.Kind, it.Classification, it.Subject, destroyed)
	}
}
