package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"sojourn"
	"sojourn/service"
)

func init() {
	commands["user"] = command{"manage users: user add|reset|passwd|disable|token (see sojourn user help)", user}
}

const userUsage = `usage:
  sojourn user add --name N --role R [--authority A] [--clearance L]   prints the API token last
  sojourn user reset NAME                 prints a new one-time password, to be changed at the next login
  sojourn user passwd --name N            reads the new password from standard input
  sojourn user disable --name N           ends sessions and revokes tokens
  sojourn user token --name N [--scope read|write] [--days D] [--label L]   prints the token last
  sojourn user token --name N --revoke ID`

// userCommands are the user subcommands; each parses its own flags and
// runs as the system actor.
var userCommands = map[string]subcommand{
	"add":     userAdd,
	"reset":   userReset,
	"passwd":  userPasswd,
	"disable": userDisable,
	"token":   userToken,
}

func user(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, userUsage, userCommands)
}

// splitDB takes --db out of args (parsed into fs) and returns the rest.
func splitDB(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest, mine []string
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--db" || args[i] == "-db":
			if i+1 < len(args) {
				mine = append(mine, args[i], args[i+1])
				i++
			}
		case strings.HasPrefix(args[i], "--db=") || strings.HasPrefix(args[i], "-db="):
			mine = append(mine, args[i])
		default:
			rest = append(rest, args[i])
		}
	}
	return rest, fs.Parse(mine)
}

func userAdd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	var in sojourn.UserInput
	fs.StringVar(&in.Name, "name", "", "the user's name (unique)")
	fs.StringVar(&in.Role, "role", "", "clerk, officer, head, auditor or admin")
	fs.StringVar(&in.Authority, "authority", "", "code of the authority the user works for")
	clearance := fs.String("clearance", "unclassified", "unclassified, restricted, secret or top_secret")
	if err := fs.Parse(args); err != nil {
		return err
	}
	in.Clearance = sojourn.Level(*clearance)
	u, token, err := svc.CreateUser(ctx, in)
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

func userReset(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("user reset", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New(userUsage)
	}
	password, err := svc.ResetPassword(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s's sessions ended; the password must be changed at the next login\n", fs.Arg(0))
	fmt.Fprintf(out, "one-time password of %s (shown once): %s\n", fs.Arg(0), password)
	return nil
}

func userPasswd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("user passwd", flag.ContinueOnError)
	name := fs.String("name", "", "the user")
	if err := fs.Parse(args); err != nil {
		return err
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("reading the password from standard input: %w", err)
	}
	if err := svc.SetPassword(ctx, *name, sojourn.PasswordInput{Password: strings.TrimRight(line, "\r\n")}); err != nil {
		return err
	}
	fmt.Fprintf(out, "password of %s set\n", *name)
	return nil
}

func userDisable(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("user disable", flag.ContinueOnError)
	name := fs.String("name", "", "the user")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := svc.DisableUser(ctx, *name); err != nil {
		return err
	}
	fmt.Fprintf(out, "user %s disabled; sessions ended and tokens revoked\n", *name)
	return nil
}

func userToken(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("user token", flag.ContinueOnError)
	name := fs.String("name", "", "the user")
	var in sojourn.TokenInput
	fs.StringVar(&in.Scope, "scope", sojourn.ScopeWrite, "read or write")
	fs.IntVar(&in.ExpiresIn, "days", 0, "lifetime in days (default from configuration)")
	fs.StringVar(&in.Name, "label", "cli", "what the token is for")
	revoke := fs.Int64("revoke", 0, "revoke the token with this id instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *revoke != 0 {
		if _, err := svc.RevokeToken(ctx, *name, *revoke); err != nil {
			return err
		}
		fmt.Fprintf(out, "token %d of %s revoked\n", *revoke, *name)
		return nil
	}
	k, secret, err := svc.IssueToken(ctx, *name, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "token %d (%s, %s) of %s, expires %s\nAPI token (shown once): %s\n",
		k.ID, k.Name, k.Scope, *name, k.ExpiresAt.Format("2006-01-02"), secret)
	return nil
}
