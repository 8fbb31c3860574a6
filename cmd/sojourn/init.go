package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"sojourn"
	"sojourn/policies"
	"sojourn/service"
)

func init() {
	commands["init"] = command{"set up a new office: schema, the shipped policy packs, an administrator with a one-time password", initCmd}
}

// initCmd sets up an empty database for a real office: the schema (when
// new), the shipped policy packs in use and a first administrator with a
// one-time password, printed once. A database with users is refused.
func initCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	db := dbFlag(fs)
	admin := fs.String("admin", "admin", "name of the first administrator")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openOrInit(ctx, *db, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.DefaultConfig())
	sys := service.WithActor(ctx, sojourn.System)
	u, password, err := svc.FirstAdministrator(sys, *admin)
	if err != nil {
		return err
	}
	packs, err := policies.Install(sys, svc)
	for _, p := range packs {
		fmt.Fprintf(out, "policy pack %s revision %d in use: %s\n", p.Name, p.Revision, versionNames(p))
	}
	if err != nil {
		return fmt.Errorf("loading the shipped policy packs (load them with sojourn policy upload): %w", err)
	}
	fmt.Fprintf(out, "administrator %s created; it must change this password at its first login\n", u.Name)
	fmt.Fprintf(out, "next: sojourn authority add, sojourn user add, then sojourn serve (see docs/install.md)\n")
	fmt.Fprintf(out, "one-time password of %s (shown once): %s\n", u.Name, password)
	return nil
}

// versionNames lists a pack's versions with the day each takes effect.
func versionNames(p service.PackInfo) string {
	var s []string
	for _, v := range p.Versions {
		s = append(s, v.Version+" from "+v.EffectiveFrom.String())
	}
	return strings.Join(s, ", ")
}
