package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sojourn/store"
)

func init() {
	commands["migrate"] = command{"bring the database schema up to date", migrate}
}

func migrate(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := store.DefaultConfig()
	cfg.DB = *db
	st, err := store.Open(cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	for _, name := range applied {
		fmt.Fprintln(out, "applied", name)
	}
	fmt.Fprintf(out, "schema at version %d (%s)\n", st.SchemaVersion(), st.Dialect())
	return nil
}
