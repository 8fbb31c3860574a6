package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sojourn/store/storetest"
)

const delegationJSON = `{"from": "HQ", "to": "EMB-P", "valid_from": "1956-02-10",
 "scope": {"case_types": ["return_request"], "countries": ["CS"]},
 "conditions": [{"id": "host_concurrence", "when": "host_concurrence", "message": "HOST concurrence must be recorded"}],
 "obligations": [{"id": "report", "within_days": 14, "report": "Report naming the person dispatched and the reason"}]}`

func TestDelegationAuthorityObligationsCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := demoDB(t, dialect) // the demo holds delegation 1
			file := filepath.Join(t.TempDir(), "delegation.json")
			os.WriteFile(file, []byte(delegationJSON), 0o600)
			for _, step := range []struct {
				args []string
				want string
			}{
				{[]string{"delegation", "add", file}, "delegation 2: HQ delegates return_request to EMB-P from 1956-02-10 (1 conditions, 1 obligations)"},
				{[]string{"delegation", "list", "--authority", "EMB-P"}, "delegation 2: HQ delegates"},
				{[]string{"delegation", "revoke", "--id", "2", "--on", "1957-01-01", "--reason", "ended"}, "revoked from 1957-01-01"},
				{[]string{"obligations", "overdue", "--authority", "HQ", "--on", "1956-04-01"}, ""},
				{[]string{"obligations", "flag", "--on", "1956-04-01"}, "0 newly overdue"},
				{[]string{"authority", "abolish", "--code", "EMB-P", "--on", "1960-01-01", "--successor", "HQ", "--reason", "closed"},
					"functions of EMB-P passed to HQ on 1960-01-01; 0 pending case(s) moved"},
			} {
				out, err := runCLI(t, append(step.args, "--db", db)...)
				if err != nil || !strings.Contains(out, step.want) {
					t.Fatalf("%v: %q, %v", step.args, out, err)
				}
			}
			for _, args := range [][]string{
				{"delegation"}, {"delegation", "grant"}, {"authority", "abolish", "--code", "EMB-P", "--on", "1961-01-01", "--successor", "HQ", "--reason", "again"},
				{"obligations", "flag", "--on", "1956-02-30"}, {"delegation", "add", "no-such-file.json"},
				{"delegation", "revoke", "--id", "2", "--on", "1958-01-01", "--reason", "twice"},
			} {
				if out, err := runCLI(t, append(args, "--db", db)...); err == nil {
					t.Errorf("%v: accepted: %q", args, out)
				}
			}
		})
	}
}
