package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"sojourn"
	"sojourn/match"
	"sojourn/service"
)

func init() {
	commands["person"] = command{"persons: person search [--born DATE] [--country C] [--limit N] TEXT (any script) | merge | split", personCmd}
}

const personUsage = `usage:
  sojourn person search [--born YYYY[-MM[-DD]]] [--country C] [--limit N] TEXT
      find persons by name in any script (Latin, Cyrillic, Hangul), best first, with the reasons
  sojourn person merge --reason R SURVIVOR DUPLICATE
      merge person DUPLICATE into person SURVIVOR (as POST /api/v1/persons/SURVIVOR/merges)
  sojourn person split --reason R SURVIVOR MERGE
      undo merge MERGE into person SURVIVOR (as POST /api/v1/persons/SURVIVOR/merges/MERGE/split)
every command takes --db; search acts as the system, merge and split as the officer or
head holding the API token in the environment variable SOJOURN_TOKEN`

func personCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, personUsage, map[string]subcommand{"search": personSearch,
		"merge": personMerge, "split": personSplit})
}

func personSearch(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("person search", flag.ContinueOnError)
	born := fs.String("born", "", "birth date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD")
	country := fs.String("country", "", "country of origin (ISO 3166 code)")
	limit := fs.Int("limit", 20, "at most this many persons")
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	text := strings.Join(words, " ")
	if strings.TrimSpace(text) == "" {
		return errors.New(personUsage)
	}
	b, err := match.ParseDate(*born)
	if err != nil {
		return fmt.Errorf("--born: %w", err)
	}
	if *country != "" && !sojourn.IsCountry(*country) {
		return fmt.Errorf("--country: %q is not an ISO 3166 country code", *country)
	}
	found, err := svc.SearchPersons(ctx, service.PersonSearch{Text: text, Born: b, Country: *country, Limit: *limit})
	if err != nil {
		return err
	}
	for _, m := range found {
		var names []string
		for _, n := range m.Person.Names {
			names = append(names, n.Full())
		}
		fmt.Fprintf(out, "person %d  %.3f  %s  born %s  %s  (%s)\n", m.PersonID, m.Score, strings.Join(names, " / "),
			m.Person.BirthDate, m.Person.CountryOfOrigin, m.Person.Authority)
		for _, r := range m.Reasons {
			fmt.Fprintf(out, "    %-10s %.3f  %s\n", r.Field, r.Score, r.Detail)
		}
	}
	fmt.Fprintf(out, "%d person(s)\n", len(found))
	return nil
}

func personMerge(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	reason, ids, ctx, err := mergeArgs(ctx, svc, "person merge", args)
	if err != nil {
		return err
	}
	m, err := svc.MergePersons(ctx, ids[0], sojourn.MergeInput{DuplicateID: ids[1], Reason: reason})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "merge %d: person %d merged into person %d; %s; %d status fact(s) copied\n",
		m.ID, m.DuplicateID, m.SurvivorID, movedSummary(m.Moved), len(m.Facts))
	return nil
}

func personSplit(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	reason, ids, ctx, err := mergeArgs(ctx, svc, "person split", args)
	if err != nil {
		return err
	}
	m, err := svc.SplitMerge(ctx, ids[0], ids[1], sojourn.SplitInput{Reason: reason})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "merge %d split: person %d apart from person %d again; %s; %d status fact(s) copied back\n",
		m.ID, m.DuplicateID, m.SurvivorID, movedSummary(m.Moved), len(m.Split.Facts))
	return nil
}

// mergeArgs parses --reason and two ids, and makes the holder of the
// token in SOJOURN_TOKEN the actor.
func mergeArgs(ctx context.Context, svc *service.Service, name string, args []string) (string, [2]int64, context.Context, error) {
	var ids [2]int64
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	reason := fs.String("reason", "", "why (required)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return "", ids, ctx, err
	}
	if len(pos) != 2 {
		return "", ids, ctx, errors.New(personUsage)
	}
	for i, p := range pos {
		if ids[i], err = strconv.ParseInt(p, 10, 64); err != nil || ids[i] <= 0 {
			return "", ids, ctx, fmt.Errorf("%q is not an id\n%s", p, personUsage)
		}
	}
	token := os.Getenv("SOJOURN_TOKEN")
	if token == "" {
		return "", ids, ctx, errors.New("set SOJOURN_TOKEN to the API token of the officer or head who merges or splits")
	}
	a, err := svc.Authenticate(ctx, token)
	if err != nil {
		return "", ids, ctx, fmt.Errorf("SOJOURN_TOKEN: %w", err)
	}
	return *reason, ids, service.WithActor(ctx, a), nil
}

// movedSummary counts the rows a merge moved, by table.
func movedSummary(moved map[string][]int64) string {
	var parts []string
	for _, table := range slices.Sorted(maps.Keys(moved)) {
		if n := len(moved[table]); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, table))
		}
	}
	if len(parts) == 0 {
		return "no rows moved"
	}
	return "moved " + strings.Join(parts, ", ")
}
