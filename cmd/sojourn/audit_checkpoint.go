package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sojourn/service"
)

// auditCheckpoint signs the current heads of every chain and stores the
// checkpoint.
func auditCheckpoint(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("audit checkpoint", flag.ContinueOnError)
	db := dbFlag(fs)
	keyFile := auditKeyFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	key, err := loadAuditKey(*keyFile)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg := service.DefaultConfig()
	cfg.AuditKey = key
	c, err := service.New(st, cfg).Checkpoint(ctx)
	if err != nil {
		return err
	}
	var entries int64
	for _, h := range c.Heads {
		entries += h.Seq
	}
	fmt.Fprintf(out, "checkpoint %d of %d entries signed by key %s, root %s\n", c.Seq, entries, c.KeyID, c.Root)
	return nil
}
