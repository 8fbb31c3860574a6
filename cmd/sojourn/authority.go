package main

import (
	"context"
	"encoding/json"
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
	commands["delegation"] = command{"delegations: delegation add FILE | revoke | list (see sojourn delegation help)", delegationCmd}
	commands["authority"] = command{"authorities: authority add | list | abolish (see sojourn authority help)", authorityCmd}
	commands["obligations"] = command{"owed reports: obligations overdue --authority A [--on DATE] | flag [--on DATE]", obligationsCmd}
}

const delegationUsage = `usage:
  sojourn delegation add FILE                       delegate as described by a JSON file (from, to, scope, valid_from, conditions, obligations)
  sojourn delegation revoke --id N --on DATE --reason R
  sojourn delegation list [--authority CODE]
every command takes --db and acts as the system`

const authorityUsage = `usage:
  sojourn authority add --code C --name N --kind K --valid-from DATE [--valid-to DATE] [--parent P] [--places A,B] [--case-types T,U]
  sojourn authority list
  sojourn authority abolish --code C --on DATE --successor S --reason R   its pending cases move to S
every command takes --db and acts as the system`

const obligationsUsage = `usage:
  sojourn obligations overdue --authority A [--on DATE]   reports owed to A and overdue on DATE
  sojourn obligations flag [--on DATE]                    flag every report overdue on DATE (the daily check)
every command takes --db and acts as the system`

// subcommand is one subcommand of a group (user, delegation, authority,
// obligations), run by the system actor.
type subcommand = func(ctx context.Context, svc *service.Service, args []string, out io.Writer) error

func delegationCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, delegationUsage, map[string]subcommand{
		"add": delegationAdd, "revoke": delegationRevoke, "list": delegationList})
}

func authorityCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, authorityUsage, map[string]subcommand{
		"add": authorityAdd, "list": authorityList, "abolish": authorityAbolish})
}

func obligationsCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, obligationsUsage, map[string]subcommand{
		"overdue": obligationsOverdue, "flag": obligationsFlag})
}

// runSystem runs the subcommand args[0] of a group over the database of
// --db, as the system actor.
func runSystem(ctx context.Context, args []string, out io.Writer, usage string, subs map[string]subcommand) error {
	if len(args) == 0 || subs[args[0]] == nil {
		return errors.New(usage)
	}
	if asksHelp(args[1:]) {
		return errors.New(usage)
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	db := dbFlag(fs)
	rest, err := splitDB(fs, args[1:])
	if err != nil {
		return err
	}
	st, svc, sys, err := openSystem(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	return subs[args[0]](sys, svc, rest, out)
}

// asksHelp reports whether args ask for help, which is answered before any
// database is opened.
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// dateVar adds a date flag (YYYY-MM-DD) to fs.
func dateVar(fs *flag.FlagSet, name, usage string) *sojourn.Date {
	d := new(sojourn.Date)
	fs.TextVar(d, name, sojourn.Date{}, usage)
	return d
}

func delegationAdd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	var in sojourn.DelegationInput
	if err := readInputFile(args, delegationUsage, &in); err != nil {
		return err
	}
	d, err := svc.CreateDelegation(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "delegation %d: %s\n", d.ID, describeDelegation(d))
	return nil
}

// readInputFile decodes the JSON file args names (the one argument
// allowed, else usage is the error) into in, refusing unknown fields.
func readInputFile(args []string, usage string, in any) error {
	if len(args) != 1 {
		return errors.New(usage)
	}
	src, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(src)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(in); err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	return nil
}

// describeDelegation says in one line what a delegation is.
func describeDelegation(d sojourn.Delegation) string {
	s := fmt.Sprintf("%s delegates %s to %s from %s", d.From, strings.Join(d.Scope.CaseTypes, ", "), d.To, d.ValidFrom)
	if !d.ValidTo.IsZero() {
		s += " to " + d.ValidTo.String()
	}
	if !d.RevokedOn.IsZero() {
		s += ", revoked from " + d.RevokedOn.String()
	}
	return s + fmt.Sprintf(" (%d conditions, %d obligations)", len(d.Conditions), len(d.Obligations))
}

func delegationRevoke(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("delegation revoke", flag.ContinueOnError)
	id := fs.Int64("id", 0, "the delegation's id")
	on := dateVar(fs, "on", "first day on which the delegation no longer holds")
	reason := fs.String("reason", "", "why it is revoked")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := svc.RevokeDelegation(ctx, *id, sojourn.RevocationInput{RevokedOn: *on, Reason: *reason})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "delegation %d: %s\n", d.ID, describeDelegation(d))
	return nil
}

func delegationList(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("delegation list", flag.ContinueOnError)
	authority := fs.String("authority", "", "only delegations from or to this authority")
	if err := fs.Parse(args); err != nil {
		return err
	}
	list, err := svc.Delegations(ctx, *authority)
	for _, d := range list {
		fmt.Fprintf(out, "delegation %d: %s\n", d.ID, describeDelegation(d))
	}
	return err
}

func authorityAbolish(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("authority abolish", flag.ContinueOnError)
	code := fs.String("code", "", "the authority to abolish")
	var in sojourn.AbolitionInput
	fs.TextVar(&in.On, "on", sojourn.Date{}, "first day on which the authority no longer exists")
	fs.StringVar(&in.Successor, "successor", "", "the authority its functions pass to")
	fs.StringVar(&in.Reason, "reason", "", "why, e.g. the decree")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := svc.AbolishAuthority(ctx, *code, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s; %d pending case(s) moved: %v\n", a.Authority.TransferNote(), len(a.Moved), a.Moved)
	return nil
}

func obligationsOverdue(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("obligations overdue", flag.ContinueOnError)
	authority := fs.String("authority", "", "the authority the reports are owed to")
	on := dateVar(fs, "on", "reference date (default today)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	list, err := svc.Overdue(ctx, *authority, *on)
	printObligations(out, list)
	return err
}

func obligationsFlag(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("obligations flag", flag.ContinueOnError)
	on := dateVar(fs, "on", "the day the check runs for (default today)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	list, err := svc.FlagOverdue(ctx, *on)
	if err != nil {
		return err
	}
	printObligations(out, list)
	fmt.Fprintf(out, "%d newly overdue\n", len(list))
	return nil
}

// printObligations writes one line per obligation.
func printObligations(out io.Writer, list []sojourn.Obligation) {
	for _, o := range list {
		flagged := ""
		if !o.FlaggedOn.IsZero() {
			flagged = " [flagged " + o.FlaggedOn.String() + "]"
		}
		fmt.Fprintf(out, "obligation %d due %s: %s owes %s (case %d, %s)%s\n",
			o.ID, o.DueOn, o.Obligor, o.OwedTo, o.CaseID, o.Person, flagged)
	}
}
