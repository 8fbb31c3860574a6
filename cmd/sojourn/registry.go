package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"sojourn"
	"sojourn/service"
)

func init() {
	commands["sponsor"] = command{"sponsors: sponsor add | list (see sojourn sponsor help)", sponsorCmd}
	commands["accreditation"] = command{"accreditations: accreditation add | revoke (see sojourn accreditation help)", accreditationCmd}
}

const sponsorUsage = `usage:
  sojourn sponsor add --code C --name N --country CC   a sponsor organisation (CC: the country whose nationals it represents)
  sojourn sponsor list                                 every sponsor with its accreditations
every command takes --db and acts as the system`

const accreditationUsage = `usage:
  sojourn accreditation add --sponsor S --authority A --valid-from DATE [--valid-to DATE]
  sojourn accreditation revoke --sponsor S --id N --on DATE --reason R
every command takes --db and acts as the system`

func sponsorCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, sponsorUsage, map[string]subcommand{"add": sponsorAdd, "list": sponsorList})
}

func accreditationCmd(ctx context.Context, args []string, out io.Writer) error {
	return runSystem(ctx, args, out, accreditationUsage, map[string]subcommand{
		"add": accreditationAdd, "revoke": accreditationRevoke})
}

// listVar adds a flag whose value is a comma-separated list.
func listVar(fs *flag.FlagSet, list *[]string, name, usage string) {
	fs.Func(name, usage+" (comma-separated)", func(v string) error {
		for _, s := range strings.Split(v, ",") {
			*list = append(*list, strings.TrimSpace(s))
		}
		return nil
	})
}

// periodVars adds --valid-from and --valid-to to fs.
func periodVars(fs *flag.FlagSet, p *sojourn.Period, what string) {
	fs.TextVar(&p.ValidFrom, "valid-from", sojourn.Date{}, "first day "+what)
	fs.TextVar(&p.ValidTo, "valid-to", sojourn.Date{}, "last day "+what+" (default: open-ended)")
}

func authorityAdd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("authority add", flag.ContinueOnError)
	var in sojourn.AuthorityInput
	fs.StringVar(&in.Code, "code", "", "its code: 2-16 capitals, digits or dashes")
	fs.StringVar(&in.Name, "name", "", "its name")
	fs.StringVar(&in.Kind, "kind", "", strings.Join(sojourn.AuthorityKinds, ", "))
	fs.StringVar(&in.Parent, "parent", "", "code of the authority above it")
	listVar(fs, &in.Places, "places", "places it covers")
	listVar(fs, &in.CaseTypes, "case-types", "case types it decides by its own jurisdiction: "+strings.Join(sojourn.CaseTypes, ", "))
	periodVars(fs, &in.Period, "it exists")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := svc.CreateAuthority(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "authority %s\n", describeAuthority(a))
	return nil
}

// describeAuthority says in one line what an authority is.
func describeAuthority(a sojourn.Authority) string {
	s := fmt.Sprintf("%s: %s (%s) from %s", a.Code, a.Name, a.Kind, a.ValidFrom)
	if !a.ValidTo.IsZero() {
		s += " to " + a.ValidTo.String()
	}
	if a.Parent != "" {
		s += ", under " + a.Parent
	}
	if len(a.CaseTypes) > 0 {
		s += ", decides " + strings.Join(a.CaseTypes, ", ")
	}
	return s
}

func authorityList(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	if err := flag.NewFlagSet("authority list", flag.ContinueOnError).Parse(args); err != nil {
		return err
	}
	list, err := svc.Authorities(ctx)
	for _, a := range list {
		fmt.Fprintf(out, "authority %s\n", describeAuthority(a))
	}
	return err
}

func sponsorAdd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("sponsor add", flag.ContinueOnError)
	var in sojourn.SponsorInput
	fs.StringVar(&in.Code, "code", "", "its code: 2-16 capitals, digits or dashes")
	fs.StringVar(&in.Name, "name", "", "its name")
	fs.StringVar(&in.Country, "country", "", "ISO code of the country whose nationals it represents")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sp, err := svc.CreateSponsor(ctx, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sponsor %s: %s (%s), not accredited yet\n", sp.Code, sp.Name, sp.Country)
	return nil
}

func sponsorList(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	if err := flag.NewFlagSet("sponsor list", flag.ContinueOnError).Parse(args); err != nil {
		return err
	}
	list, err := svc.Sponsors(ctx)
	for _, sp := range list {
		if sp, err = svc.Sponsor(ctx, sp.Code); err != nil {
			return err
		}
		fmt.Fprintf(out, "sponsor %s: %s (%s)\n", sp.Code, sp.Name, sp.Country)
		for _, a := range sp.Accreditations {
			fmt.Fprintf(out, "  %s\n", describeAccreditation(a))
		}
	}
	return err
}

// describeAccreditation says in one line what an accreditation is.
func describeAccreditation(a sojourn.Accreditation) string {
	s := fmt.Sprintf("accreditation %d: %s accredited by %s from %s", a.ID, a.Sponsor, a.Authority, a.ValidFrom)
	if !a.ValidTo.IsZero() {
		s += " to " + a.ValidTo.String()
	}
	if !a.RevokedOn.IsZero() {
		s += ", revoked from " + a.RevokedOn.String()
	}
	return s
}

func accreditationAdd(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("accreditation add", flag.ContinueOnError)
	sponsor := fs.String("sponsor", "", "the sponsor accredited")
	var in sojourn.AccreditationInput
	fs.StringVar(&in.Authority, "authority", "", "the authority that accredits it")
	periodVars(fs, &in.Period, "it counts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := svc.Accredit(ctx, *sponsor, in)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, describeAccreditation(a))
	return nil
}

func accreditationRevoke(ctx context.Context, svc *service.Service, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("accreditation revoke", flag.ContinueOnError)
	sponsor := fs.String("sponsor", "", "the sponsor")
	id := fs.Int64("id", 0, "the accreditation's id (sojourn sponsor list)")
	var in sojourn.RevocationInput
	fs.TextVar(&in.RevokedOn, "on", sojourn.Date{}, "first day on which it no longer counts")
	fs.StringVar(&in.Reason, "reason", "", "why it is revoked")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := svc.RevokeAccreditation(ctx, *sponsor, *id, in)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, describeAccreditation(a))
	return nil
}
