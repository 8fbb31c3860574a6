package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sojourn/service"
)

// auditCheckpoint signs the current heads of every chain, stores the
// checkpoint and appends it to the witness, if one is named.
func auditCheckpoint(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("audit checkpoint", flag.ContinueOnError)
	db := dbFlag(fs)
	keyFile := auditKeyFlag(fs)
	witnessTarget := auditWitnessFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := service.DefaultConfig()
	var err error
	if cfg.AuditKey, err = loadAuditKey(*keyFile); err != nil {
		return err
	}
	if cfg.Witness, err = openWitness(*witnessTarget); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
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
