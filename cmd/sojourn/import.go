package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"sojourn"
	"sojourn/bulk"
)

func init() {
	commands["import"] = command{"bulk import of persons, documents, cases or facts: import --db … [--format jsonl|csv] [--kind K] [--dry-run] [--report FILE] FILE|-", runImport}
}

const importUsage = `usage: sojourn import --db DB [--format jsonl|csv] [--kind persons|documents|cases|facts] [--dry-run] [--report FILE] [--batch N] FILE|-
  reads FILE (or standard input for -), checks every row and writes those that pass, as the system;
  each rejected row is reported (line, field, reason) on standard error or in --report FILE; see docs/import.md`

func runImport(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := dbFlag(fs)
	format := fs.String("format", "", "jsonl or csv (default: from the file's extension, else jsonl)")
	kind := fs.String("kind", "persons", "what the rows are: persons (with their documents), documents, cases or facts")
	dry := fs.Bool("dry-run", false, "check and report every row, write nothing")
	reportTo := fs.String("report", "", "write the rejected rows to this file instead of standard error")
	batch := fs.Int("batch", bulk.DefaultBatch, "rows per transaction (one audit entry each)")
	maxLine := fs.Int("max-line", bulk.DefaultMaxLine, "longest line in bytes; a longer one is a rejected row")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return errors.New(importUsage)
	}
	k, err := bulk.ParseKind(*kind)
	if err != nil {
		return err
	}
	csv, err := csvFormat(*format, files[0])
	if err != nil {
		return err
	}
	in, size, err := openInput(files[0])
	if err != nil {
		return err
	}
	defer in.Close()
	report, closeReport, err := reportWriter(*reportTo)
	if err != nil {
		return err
	}
	defer closeReport()
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	stop, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	bar := newProgress(os.Stderr, size)
	start := time.Now()
	sum, err := bulk.Import(ctx, st, in, bulk.Config{Kind: k, CSV: csv, DryRun: *dry, MaxLine: *maxLine,
		Run: bulk.Run{Batch: *batch, Actor: sojourn.System, Rejected: func(p bulk.Problem) { fmt.Fprintln(report, p) }, Progress: bar.show}})
	bar.done()
	verb := "imported"
	if *dry {
		verb = "would import (dry run)"
	}
	elapsed := time.Since(start)
	fmt.Fprintf(out, "%d rows read, %s %d, rejected %d, in %d transactions, %.1f s (%.0f rows/s)\n", sum.Lines, verb,
		sum.Imported, sum.Rejected, sum.Batches, elapsed.Seconds(), float64(sum.Imported)/max(elapsed.Seconds(), 1e-9))
	if err == nil && sum.Rejected > 0 {
		err = fmt.Errorf("%d rows rejected", sum.Rejected)
	}
	return err
}

// csvFormat tells whether a file is CSV: --format says, else its
// extension.
func csvFormat(format, file string) (bool, error) {
	switch format {
	case "csv":
		return true, nil
	case "jsonl", "ndjson", "json":
		return false, nil
	case "":
		return strings.HasSuffix(strings.ToLower(file), ".csv"), nil
	}
	return false, fmt.Errorf("--format %q: must be jsonl or csv", format)
}

// openInput opens a file, or standard input for "-", with its size when
// known (0 otherwise).
func openInput(name string) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(os.Stdin), 0, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

// reportWriter returns where rejected rows are written: a new file, or
// standard error.
func reportWriter(name string) (io.Writer, func(), error) {
	if name == "" {
		return os.Stderr, func() {}, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
