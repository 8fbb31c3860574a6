package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"sojourn"
	"sojourn/bulk"
	"sojourn/service"
)

func init() {
	commands["gen"] = command{"generate a fictional population through the bulk import: gen --db … --persons N [--seed S] [--batch N]", runGen}
}

func runGen(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	db := dbFlag(fs)
	persons := fs.Int("persons", 1000, "how many persons to generate")
	seed := fs.Uint64("seed", 1, "the seed: the same seed makes the same population")
	batch := fs.Int("batch", bulk.DefaultBatch, "persons per transaction (one audit entry each)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	stop, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.DefaultConfig())
	bar := newProgress(os.Stderr, 0)
	start := time.Now()
	rejected := 0
	sum, err := bulk.Generate(ctx, st, svc, bulk.GenConfig{Persons: *persons, Seed: *seed,
		Run: bulk.Run{Batch: *batch, Actor: sojourn.System, Progress: bar.show, Rejected: func(p bulk.Problem) {
			if rejected++; rejected <= 20 {
				fmt.Fprintln(os.Stderr, p)
			}
		}}})
	bar.done()
	elapsed := time.Since(start)
	fmt.Fprintf(out, "generated %d persons (seed %d): %d rows written, %d rejected, %d transactions, %.1f s (%.0f persons/s)\n",
		*persons, *seed, sum.Imported, sum.Rejected, sum.Batches, elapsed.Seconds(), float64(*persons)/max(elapsed.Seconds(), 1e-9))
	return err
}
