// Command sojourn runs the Sojourn server and its administrative tasks.
//
//	sojourn serve      serve the API (add --demo for a fictional data set)
//	sojourn migrate    bring the database schema up to date
//	sojourn user add   create a user and print its API token
//	sojourn audit      keygen, checkpoint, export, verify FILE (offline) or --db (with every business row)
//	sojourn init       set up a new office (first administrator, policy packs)
//	sojourn version    print the version, commit and build date
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: its usage line and what it runs.
type command struct {
	usage string
	run   func(ctx context.Context, args []string, out io.Writer) error
}

// commands maps each subcommand name to its command; each lives in its own file.
var commands = map[string]command{}

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "sojourn:", err)
		}
		os.Exit(1)
	}
}

// run dispatches args to a subcommand.
func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(out)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		usage(out)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return cmd.run(ctx, args[1:], out)
}

func usage(out io.Writer) {
	fmt.Fprintln(out, "usage: sojourn <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(out, "  %-10s %s\n", n, commands[n].usage)
	}
}

// envOr returns the environment variable's value, or def when it is unset.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}
