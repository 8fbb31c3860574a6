package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"sojourn"
	"sojourn/service"
)

// exporter is the actor of `sojourn audit export`: whoever runs it holds
// the database, so it reads the log as an auditor would.
var exporter = sojourn.Actor{Name: "system", Role: sojourn.RoleAuditor, Clearance: sojourn.TopSecret}

// auditExport writes the whole log and its checkpoints to a file (readable
// by its owner only) or to standard output.
func auditExport(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
	db := dbFlag(fs)
	file := fs.String("out", "-", "file to write the export to; - for standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.DefaultConfig())
	if *file == "-" {
		return svc.ExportAudit(service.WithActor(ctx, exporter), out)
	}
	f, err := os.OpenFile(*file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := svc.ExportAudit(service.WithActor(ctx, exporter), f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "audit log exported to %s\n", *file)
	return nil
}
