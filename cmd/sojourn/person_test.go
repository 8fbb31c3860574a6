package main

import (
	"strings"
	"testing"

	"sojourn/store/storetest"
)

// TestPersonSearchCLI — sojourn person search finds the demo's Kim Min-jun
// (entered in Latin and Hangul) searched in Cyrillic, with reasons, and
// refuses a bad birth date, a bad country and an empty text.
func TestPersonSearchCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			if _, err := runCLI(t, "migrate", "--db", db); err != nil {
				t.Fatal(err)
			}
			loadDemoData(t, db)
			out, err := runCLI(t, "person", "search", "--db", db, "--born", "1921", "Ким", "Мин", "Чун")
			if err != nil || !strings.Contains(strings.SplitN(out, "\n", 2)[0], "Min-jun Kim / 민준 김") || !strings.Contains(out, "family") {
				t.Fatalf("person search: %q, %v", out, err)
			}
			for _, args := range [][]string{
				{"person", "search"}, {"person", "search", "--born", "1990-13", "Kim"}, {"person", "search", "--country", "ZZ", "Kim"},
				{"person", "find", "Kim"},
			} {
				if out, err := runCLI(t, append(args, "--db", db)...); err == nil {
					t.Errorf("%v: accepted: %q", args, out)
				}
			}
		})
	}
}
