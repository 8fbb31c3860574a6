package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sojourn/store/storetest"
)

const itemJSON = `{"series_id": 2, "kind": "telegram", "direction": "incoming", "date": "1956-03-01",
 "sender": {"text": "Embassy in Prague"}, "sender_ref": "45", "addressee": {"authority": "HQ"},
 "subject": "Возвращение граждан", "body": "Return within 3 days.", "retention": "5y"}`

func TestCorrCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			db := storetest.DSN(t, dialect)
			if _, err := runCLI(t, "migrate", "--db", db); err != nil {
				t.Fatal(err)
			}
			loadDemoData(t, db) // the demo holds series 1 and item 1
			file := filepath.Join(t.TempDir(), "item.json")
			os.WriteFile(file, []byte(itemJSON), 0o600)
			for _, step := range []struct {
				args []string
				want string
			}{
				{[]string{"corr", "series-add", "--authority", "HQ", "--code", "S", "--format", "25-S-{n}"}, "series 2: HQ S (25-S-{n})"},
				{[]string{"corr", "series"}, "2\tHQ\tS\t25-S-{n}"},
				{[]string{"corr", "register", file}, "item 2: 25-S-1 of 1956-03-01, Возвращение граждан"},
				{[]string{"corr", "register", file}, "item 3: 25-S-2 of 1956-03-01"},
				{[]string{"corr", "search", "возвращение", "--from", "1956-01-01"}, "3\t25-S-2\t1956-03-01\ttelegram"},
				{[]string{"corr", "list", "--number", "25-S-1"}, "2\t25-S-1\t1956-03-01"},
				{[]string{"corr", "due", "--on", "1962-01-01"}, "2\t25-S-1"},
			} {
				out, err := runCLI(t, append(step.args, "--db", db)...)
				if err != nil || !strings.Contains(out, step.want) {
					t.Fatalf("%v: %q, %v", step.args, out, err)
				}
			}
			for _, args := range [][]string{
				{"corr"}, {"corr", "burn"}, {"corr", "series-add", "--authority", "HQ", "--code", "S", "--format", "{n}"},
				{"corr", "series-add", "--authority", "HQ", "--code", "X", "--format", "no number"},
				{"corr", "register", "no-such-file.json"}, {"corr", "search", "--from", "1956-02-30"},
			} {
				if out, err := runCLI(t, append(args, "--db", db)...); err == nil {
					t.Errorf("%v: accepted: %q", args, out)
				}
			}
		})
	}
}
