package main

import (
	"os"
	"strings"
	"testing"
)

// TestHelpAndErrorsCreateNothing — asking any command for help, or giving
// it a bad flag or missing arguments, without --db, leaves the working
// directory as it was: no sojourn.db appears (only migrate and serve create
// a database, and only when they run).
func TestHelpAndErrorsCreateNothing(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("SOJOURN_DB", "")
	os.Unsetenv("SOJOURN_DB")
	var calls [][]string
	for name := range commands {
		calls = append(calls, []string{name, "--help"}, []string{name, "-h"}, []string{name, "--no-such-flag"})
	}
	for _, group := range [][]string{
		{"user", "add", "passwd", "disable", "token"},
		{"delegation", "add", "revoke", "list"},
		{"authority", "abolish"},
		{"obligations", "overdue", "flag"},
		{"policy", "upload", "whatif"},
		{"audit", "checkpoint", "export", "verify"},
	} {
		calls = append(calls, group[:1], []string{group[0], "no-such-subcommand"})
		for _, sub := range group[1:] {
			calls = append(calls, []string{group[0], sub, "--help"}, []string{group[0], sub, "--no-such-flag"},
				[]string{group[0], sub})
		}
	}
	calls = append(calls, []string{"user", "add", "--name", "root", "--role", "admin"}) // valid, but there is no database
	for _, args := range calls {
		out, err := runCLI(t, args...)
		if err == nil && args[0] != "version" && !strings.Contains(strings.Join(args, " "), "-h") {
			t.Errorf("sojourn %s succeeded: %q", strings.Join(args, " "), out)
		}
		entries, _ := os.ReadDir(".")
		if len(entries) != 0 {
			t.Fatalf("sojourn %s (%v) created %s", strings.Join(args, " "), err, entries[0].Name())
		}
	}
}
