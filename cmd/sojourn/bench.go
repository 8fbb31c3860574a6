package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sojourn/bench"
	"sojourn/store"
)

func init() {
	commands["bench"] = command{"measure decisions, status reads, the lapse report, a review campaign, correspondence search, person search and a what-if run over HTTP, each beside a same-run reference (--db, --cases, --workers, --population, --campaign, --corr-search, --search, --whatif, --json)", runBench}
}

func runBench(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	db := fs.String("db", "", "database to measure on: SQLite file or postgres:// URL (default: a new SQLite file in a temporary folder)")
	var cfg bench.Config
	fs.IntVar(&cfg.Cases, "cases", 5000, "cases to decide")
	fs.IntVar(&cfg.Workers, "workers", 16, "concurrent HTTP clients")
	population := fs.Int("population", 0, "also register this many persons and time status reads and the lapse report")
	campaign := fs.Int("campaign", 0, "also register this many residents and time a review campaign over them, with status reads meanwhile")
	corr := fs.Int("corr-search", 0, "also load this many correspondence items and time full-text searches over them")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the campaign's run, or of the correspondence searches without --campaign, to this file")
	search := fs.Int("search", 0, "also register this many persons (Latin, Cyrillic, Hangul names) and time person searches across scripts")
	searches := fs.Int("searches", 5000, "person searches to time (with --search)")
	whatif := fs.Int("whatif", -1, "also file this many open cases and time a what-if run over every open case (0: over those the database holds)")
	asJSON := fs.Bool("json", false, "print one JSON object per figure: name, value, unit, target, better, met")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" {
		dir, err := os.MkdirTemp("", "sojourn-bench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*db = filepath.Join(dir, "bench.db")
	}
	cfg.DSN = *db
	scfg := store.DefaultConfig()
	scfg.DB = *db
	st, err := store.Open(scfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	var results []bench.Result
	report := func(rs ...bench.Result) {
		results = append(results, rs...)
		if !*asJSON {
			printResults(out, rs)
		}
	}
	if !*asJSON {
		fmt.Fprintf(out, "sojourn bench on %s: %d cases, %d workers\n", st.Dialect(), cfg.Cases, cfg.Workers)
	}
	r, err := bench.Decide(ctx, st, cfg)
	report(*r.Reference, r)
	if err == nil && *population > 0 {
		var rs []bench.Result
		rs, err = bench.Population(ctx, st, bench.PopulationConfig{Persons: *population, Workers: cfg.Workers, Reads: 5000})
		report(rs...)
	}
	var profileTo io.Writer
	if *profile != "" {
		f, ferr := os.Create(*profile)
		if ferr != nil {
			return ferr
		}
		defer f.Close()
		profileTo = f
	}
	if err == nil && *corr > 0 {
		var rs []bench.Result
		ccfg := bench.CorrSearchConfig{DSN: *db, Items: *corr, Workers: cfg.Workers, Queries: 2000}
		if *campaign == 0 {
			ccfg.Profile = profileTo
		}
		rs, err = bench.CorrSearch(ctx, st, ccfg)
		report(rs...)
	}
	if err == nil && *campaign > 0 {
		var rs []bench.Result
		ccfg := bench.CampaignConfig{Persons: *campaign, Workers: cfg.Workers, Profile: profileTo}
		rs, err = bench.Campaign(ctx, st, ccfg)
		report(rs...)
	}
	if err == nil && *search > 0 {
		var rs []bench.Result
		rs, err = bench.Search(ctx, st, bench.SearchConfig{Persons: *search, Workers: cfg.Workers, Queries: *searches,
			Register: min(*search/10+100, 5000)})
		report(rs...)
	}
	if err == nil && *whatif >= 0 {
		var r bench.Result
		r, err = bench.WhatIf(ctx, st, bench.WhatIfConfig{Cases: *whatif, Workers: cfg.Workers})
		report(r)
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for _, f := range bench.Figures(st.Dialect(), results...) {
			if jerr := enc.Encode(f); jerr != nil && err == nil {
				err = jerr
			}
		}
	}
	return err
}

// printResults writes one line per result.
func printResults(out io.Writer, results []bench.Result) {
	for _, r := range results {
		fmt.Fprintln(out, r)
	}
}
