package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"sojourn/bench"
	"sojourn/store"
)

func init() {
	commands["bench"] = command{"measure decisions, status reads, the lapse report, a review campaign, correspondence search and person search over HTTP (--db, --cases, --workers, --population, --campaign, --corr-search, --search)", runBench}
}

func runBench(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	db := fs.String("db", "", "database to measure on (default: a new SQLite file in a temporary folder)")
	var cfg bench.Config
	fs.IntVar(&cfg.Cases, "cases", 5000, "cases to decide")
	fs.IntVar(&cfg.Workers, "workers", 16, "concurrent HTTP clients")
	population := fs.Int("population", 0, "also register this many persons and time status reads and the lapse report")
	campaign := fs.Int("campaign", 0, "also register this many residents and time a review campaign over them, with status reads meanwhile")
	corr := fs.Int("corr-search", 0, "also load this many correspondence items and time full-text searches over them")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the campaign's run to this file")
	search := fs.Int("search", 0, "also register this many persons (Latin, Cyrillic, Hangul names) and time person searches across scripts")
	searches := fs.Int("searches", 5000, "person searches to time (with --search)")
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
	fmt.Fprintf(out, "sojourn bench on %s: %d cases, %d workers\n", st.Dialect(), cfg.Cases, cfg.Workers)
	r, err := bench.Decide(ctx, st, cfg)
	fmt.Fprintln(out, r)
	if err == nil && *population > 0 {
		var results []bench.Result
		results, err = bench.Population(ctx, st, bench.PopulationConfig{Persons: *population, Workers: cfg.Workers, Reads: 5000})
		printResults(out, results)
	}
	if err == nil && *corr > 0 {
		var results []bench.Result
		results, err = bench.CorrSearch(ctx, st, bench.CorrSearchConfig{DSN: *db, Items: *corr, Workers: cfg.Workers, Queries: 2000})
		printResults(out, results)
	}
	if err == nil && *campaign > 0 {
		var results []bench.Result
		ccfg := bench.CampaignConfig{Persons: *campaign, Workers: cfg.Workers}
		if *profile != "" {
			f, ferr := os.Create(*profile)
			if ferr != nil {
				return ferr
			}
			defer f.Close()
			ccfg.Profile = f
		}
		results, err = bench.Campaign(ctx, st, ccfg)
		printResults(out, results)
	}
	if err == nil && *search > 0 {
		var results []bench.Result
		results, err = bench.Search(ctx, st, bench.SearchConfig{Persons: *search, Workers: cfg.Workers, Queries: *searches,
			Register: min(*search/10+100, 5000)})
		printResults(out, results)
	}
	return err
}

// printResults writes one line per result.
func printResults(out io.Writer, results []bench.Result) {
	for _, r := range results {
		fmt.Fprintln(out, r)
	}
}
