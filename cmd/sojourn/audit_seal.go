package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sojourn"
	"sojourn/service"
)

// auditSeal has the log vouch for business rows no audit entry digests yet
// (rows written before row digests), so that `audit verify --db` can check
// them from then on.
func auditSeal(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("audit seal", flag.ContinueOnError)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := service.New(st, service.DefaultConfig()).SealRows(service.WithActor(ctx, sojourn.System))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sealed %d rows that no audit entry digested yet\n", n)
	return nil
}
