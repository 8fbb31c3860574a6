package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sojourn/demo"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
	"sojourn/store/storetest"
)

const residenceFile = "../../policies/residence.yaml"

func TestPolicyTestAndDiff(t *testing.T) {
	out, err := runCLI(t, "policy", "test", residenceFile)
	if err != nil || !strings.Contains(out, "PASS  1930/anna_wirth on 1937-11-02: expected grant, got grant") ||
		!strings.Contains(out, "ok  pack residence") {
		t.Fatalf("policy test: %q, %v", out, err)
	}
	src, _ := os.ReadFile(residenceFile)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(src), "expect: deny", "expect: grant", 1)), 0o600)
	out, err = runCLI(t, "policy", "test", bad)
	if err == nil || !strings.Contains(out, "FAIL  1930/no_passport_no_petition") {
		t.Fatalf("failing example: %q, %v", out, err)
	}
	out, err = runCLI(t, "policy", "diff", residenceFile, "1930", "1938")
	if err != nil || !strings.Contains(out, "- sponsor_exception") || !strings.Contains(out, "~ passport_required (ref, message)") {
		t.Fatalf("policy diff: %q, %v", out, err)
	}
	for _, args := range [][]string{{"policy"}, {"policy", "test"}, {"policy", "diff", residenceFile, "1930"},
		{"policy", "diff", residenceFile, "1930", "1999"}, {"policy", "test", "no-such-file.yaml"}} {
		if out, err := runCLI(t, args...); err == nil {
			t.Errorf("%v: accepted: %q", args, out)
		}
	}
}

func TestPolicyUploadAndWhatIf(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := demoDB(t, dialect)
			out, err := runCLI(t, "policy", "upload", residenceFile, "--db", db)
			// the demo data set loaded revision 1; its open cases are Jan Novak's and a recent one
			if err != nil || !strings.Contains(out, "uploaded pack residence revision 2") {
				t.Fatalf("policy upload: %q, %v", out, err)
			}
			out, err = runCLI(t, "policy", "whatif", "--pack", "residence", "--version", "1930", "--db", db)
			if err != nil || !strings.Contains(out, "2 of 2 evaluated, 1 changed") || !strings.Contains(out, "Jan Novak") ||
				!strings.Contains(out, "deny → grant") {
				t.Fatalf("policy whatif: %q, %v", out, err)
			}
			if out, err := runCLI(t, "policy", "whatif", "--pack", "residence", "--version", "1999", "--db", db); err == nil {
				t.Fatalf("what-if of a missing version: %q", out)
			}
		})
	}
}

// demoDB returns a new database of the dialect, migrated through the CLI
// and holding the demo data set.
func demoDB(t *testing.T, dialect string) string {
	t.Helper()
	db := storetest.DSN(t, dialect)
	if _, err := runCLI(t, "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	loadDemoData(t, db)
	return db
}

// loadDemoData loads the fictional demo data set into the database (its
// jobs queued, for a server to run).
func loadDemoData(t *testing.T, db string) {
	t.Helper()
	st, err := store.Open(store.Config{DB: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := service.New(st, service.DefaultConfig())
	if _, err := jobs.ForService(context.Background(), st, svc, jobs.DefaultConfig()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
}
