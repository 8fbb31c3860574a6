package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sojourn"
	"sojourn/service"
)

func init() {
	commands["user"] = command{"manage users: user add --name N --role R [--authority A] [--clearance L]", user}
}

func user(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: sojourn user add --name NAME --role ROLE [--authority CODE] [--clearance LEVEL]")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	db := dbFlag(fs)
	var in sojourn.UserInput
	fs.StringVar(&in.Name, "name", "", "the user's name (unique)")
	fs.StringVar(&in.Role, "role", "", "clerk, officer, head, auditor or admin")
	fs.StringVar(&in.Authority, "authority", "", "code of the authority the user works for")
	clearance := fs.String("clearance", "unclassified", "unclassified, restricted, secret or top_secret")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	in.Clearance = sojourn.Level(*clearance)
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(st, service.DefaultConfig())
	u, token, err := svc.CreateUser(service.WithActor(ctx, sojourn.System), in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created user %s (%s", u.Name, u.Role)
	if u.Authority != "" {
		fmt.Fprintf(out, " at %s", u.Authority)
	}
	fmt.Fprintf(out, ", clearance %s)\nAPI token (shown once): %s\n", u.Clearance, token)
	return nil
}
