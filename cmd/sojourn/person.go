package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sojourn"
	"sojourn/match"
	"sojourn/service"
)

func init() {
	commands["person"] = command{"persons: person search [--born DATE] [--country C] [--limit N] TEXT (any script)", personCmd}
}

const personUsage = `usage:
  sojourn person search [--born YYYY[-MM[-DD]]] [--country C] [--limit N] TEXT
      find persons by name in any script (Latin, Cyrillic, Hangul), best first, with the reasons
every command takes --db and acts as the system`

func personCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, personUsage, map[string]subcommand{"search": personSearch})
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
