package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"sojourn"
	"sojourn/policy"
	"sojourn/service"
	"sojourn/store"
)

func init() {
	commands["policy"] = command{"policy packs: policy test FILE | diff FILE FROM TO | upload FILE | whatif --pack P --version V", policyCmd}
}

const policyUsage = `usage:
  sojourn policy test FILE             run the examples of a pack
  sojourn policy diff FILE FROM TO     list rule changes between two versions
  sojourn policy upload FILE [--db]    store a pack as the revision in use
  sojourn policy whatif --pack P --version V [--draft FILE] [--scope open|all] [--from DATE] [--to DATE] [--db]`

var policyCommands = map[string]func(ctx context.Context, args []string, out io.Writer) error{
	"test": policyTest, "diff": policyDiff, "upload": policyUpload, "whatif": policyWhatIf,
}

func policyCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || policyCommands[args[0]] == nil {
		return errors.New(policyUsage)
	}
	return policyCommands[args[0]](ctx, args[1:], out)
}

// parseInterleaved parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// positional parses args and requires exactly n positional arguments.
func positional(fs *flag.FlagSet, args []string, n int) ([]string, error) {
	pos, err := parseInterleaved(fs, args)
	if err == nil && len(pos) != n {
		err = errors.New(policyUsage)
	}
	return pos, err
}

func policyTest(_ context.Context, args []string, out io.Writer) error {
	p, _, err := packArgs("policy test", args, 1)
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range policy.RunExamples(p) {
		verdict := "PASS"
		if !r.Pass {
			verdict, failed = "FAIL", failed+1
		}
		fmt.Fprintf(out, "%s  %s/%s on %s: expected %s, got %s", verdict, r.Version, r.Name, r.On, r.Expected, r.Got)
		if r.Error != "" {
			fmt.Fprintf(out, " (%s)", r.Error)
		}
		fmt.Fprintf(out, "  [line %d]\n", r.Line)
	}
	if failed > 0 {
		return fmt.Errorf("%d example(s) of pack %s failed", failed, p.Name)
	}
	fmt.Fprintf(out, "ok  pack %s (%s)\n", p.Name, p.Hash)
	return nil
}

func policyDiff(_ context.Context, args []string, out io.Writer) error {
	p, pos, err := packArgs("policy diff", args, 3)
	if err != nil {
		return err
	}
	changes, err := p.Diff(pos[1], pos[2])
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "pack %s: %s → %s, %d rule change(s)\n", p.Name, pos[1], pos[2], len(changes))
	for _, c := range changes {
		fmt.Fprintf(out, "%s %s", map[string]string{policy.ChangeAdded: "+", policy.ChangeRemoved: "-", policy.ChangeChanged: "~"}[c.Change], c.ID)
		if len(c.Fields) > 0 {
			fmt.Fprintf(out, " (%s)", strings.Join(c.Fields, ", "))
		}
		fmt.Fprintln(out)
	}
	return nil
}

// packArgs parses n positional arguments, the first a pack file, and
// compiles the pack.
func packArgs(name string, args []string, n int) (*policy.Pack, []string, error) {
	pos, err := positional(flag.NewFlagSet(name, flag.ContinueOnError), args, n)
	if err != nil {
		return nil, nil, err
	}
	src, err := os.ReadFile(pos[0])
	if err != nil {
		return nil, nil, err
	}
	p, err := policy.Compile(src)
	return p, pos, err
}

// openSystem opens the database of --db and a service, and returns a
// context in which the system acts.
func openSystem(ctx context.Context, db string) (*store.Store, *service.Service, context.Context, error) {
	st, err := openStore(ctx, db)
	if err != nil {
		return nil, nil, nil, err
	}
	return st, service.New(st, service.DefaultConfig()), service.WithActor(ctx, sojourn.System), nil
}

func policyUpload(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("policy upload", flag.ContinueOnError)
	db := dbFlag(fs)
	pos, err := positional(fs, args, 1)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	st, svc, ctx, err := openSystem(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	info, err := svc.UploadPolicyPack(ctx, sojourn.PolicyUpload{Source: string(src)})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "uploaded pack %s revision %d (%s), %d version(s), now in use\n",
		info.Name, info.Revision, info.Hash, len(info.Versions))
	return nil
}
