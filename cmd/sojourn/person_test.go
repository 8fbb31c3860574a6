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
			db := demoDB(t, dialect)
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

// TestPersonMergeCLI — sojourn person merge, as the officer holding
// SOJOURN_TOKEN, merges the demo's Kim Min-jun into Jan Novak, which a
// search for Kim then finds; sojourn person split undoes it. Without a
// token, with a clerk's, without a reason, with an id that is none or a
// merge split already, each is refused.
func TestPersonMergeCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := demoDB(t, dialect)
			token := func(name, role string) string {
				out, err := runCLI(t, "user", "add", "--db", db, "--name", name, "--role", role, "--authority", "VRD", "--clearance", "secret")
				if err != nil {
					t.Fatal(err)
				}
				return lastWord.FindStringSubmatch(out)[1]
			}
			officer, clerk := token("cli-officer", "officer"), token("cli-clerk", "clerk")
			first := func(text string) string {
				out, err := runCLI(t, "person", "search", "--db", db, text)
				if err != nil {
					t.Fatal(err)
				}
				return strings.Fields(out)[1]
			}
			novak, kim := first("Jan Novak"), first("Kim Min-jun")

			t.Setenv("SOJOURN_TOKEN", "")
			for _, c := range []struct {
				token string
				args  []string
			}{
				{"", []string{"merge", "--reason", "same", novak, kim}},
				{clerk, []string{"merge", "--reason", "same", novak, kim}},
				{officer, []string{"merge", novak, kim}},
				{officer, []string{"merge", "--reason", "same", novak, "x"}},
				{officer, []string{"merge", "--reason", "same", novak}},
				{officer, []string{"split", "--reason", "two", novak, "99"}},
			} {
				t.Setenv("SOJOURN_TOKEN", c.token)
				if out, err := runCLI(t, append([]string{"person"}, append(c.args, "--db", db)...)...); err == nil {
					t.Errorf("%v: accepted: %q", c.args, out)
				}
			}
			t.Setenv("SOJOURN_TOKEN", officer)
			out, err := runCLI(t, "person", "merge", "--db", db, "--reason", "one person", novak, kim)
			if err != nil || !strings.Contains(out, "merged into person "+novak) || !strings.Contains(out, "1 cases") {
				t.Fatalf("merge: %q, %v", out, err)
			}
			merge := strings.TrimSuffix(strings.Fields(out)[1], ":")
			if got := first("Kim Min-jun"); got != novak {
				t.Errorf("Kim Min-jun finds person %s first, want the survivor %s", got, novak)
			}
			out, err = runCLI(t, "person", "split", "--db", db, "--reason", "two persons", novak, merge)
			if err != nil || !strings.Contains(out, "merge "+merge+" split") {
				t.Fatalf("split: %q, %v", out, err)
			}
			if got := first("Kim Min-jun"); got != kim {
				t.Errorf("after the split Kim Min-jun finds person %s first, want %s", got, kim)
			}
			if out, err := runCLI(t, "person", "split", "--db", db, "--reason", "again", novak, merge); err == nil {
				t.Errorf("split twice: %q", out)
			}
		})
	}
}
