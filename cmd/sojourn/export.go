package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"sojourn"
	"sojourn/bulk"
)

func init() {
	commands["export"] = command{"bulk export of persons (with documents), cases or facts as sojourn import reads them: export --db … [--format jsonl|csv] [--kind K] [--out FILE]", runExport}
}

func runExport(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := dbFlag(fs)
	format := fs.String("format", "jsonl", "jsonl or csv")
	kind := fs.String("kind", "persons", "what to export: persons (with their documents), cases or facts")
	to := fs.String("out", "-", "file to write (- for standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: sojourn export --db DB [--format jsonl|csv] [--kind persons|cases|facts] [--out FILE]")
	}
	k, err := bulk.ParseKind(*kind)
	if err != nil || k == bulk.Documents {
		return fmt.Errorf("--kind %q: must be persons, cases or facts (documents go with their persons)", *kind)
	}
	csv, err := csvFormat(*format, "")
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	w := out
	if *to != "-" {
		f, err := os.Create(*to)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	n, err := bulk.Export(ctx, st, w, k, csv, sojourn.System)
	if err == nil && *to != "-" {
		fmt.Fprintf(out, "%d %s exported to %s\n", n, k, *to)
	}
	return err
}
