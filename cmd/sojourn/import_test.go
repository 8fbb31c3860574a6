package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sojourn/store/storetest"
)

// TestImportExportGenCLI — sojourn gen makes a population, export writes
// it, import of a file with one bad row reports it (in --report FILE),
// fails the command and writes the rest, a dry run writes nothing, and
// audit verify --db passes after it all.
func TestImportExportGenCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			if _, err := runCLI(t, "migrate", "--db", db); err != nil {
				t.Fatal(err)
			}
			out, err := runCLI(t, "gen", "--db", db, "--persons", "120", "--seed", "3", "--batch", "50")
			if err != nil || !strings.Contains(out, "generated 120 persons (seed 3)") {
				t.Fatalf("gen: %q, %v", out, err)
			}
			dir := t.TempDir()
			exported := filepath.Join(dir, "persons.csv")
			if out, err := runCLI(t, "export", "--db", db, "--format", "csv", "--out", exported); err != nil || !strings.Contains(out, "120 persons") {
				t.Fatalf("export: %q, %v", out, err)
			}
			file := filepath.Join(dir, "new.jsonl")
			rows := `{"authority": "GEN-N", "birth_date": "1930-01-01", "country_of_origin": "CS", "names": [{"script": "Latin", "family": "Nová"}]}
{"authority": "GEN-N", "birth_date": "1930-01-01", "country_of_origin": "ZZ", "names": [{"script": "Latin", "family": "Nowhere"}]}
`
			if err := os.WriteFile(file, []byte(rows), 0o600); err != nil {
				t.Fatal(err)
			}
			report := filepath.Join(dir, "report.txt")
			out, err = runCLI(t, "import", "--db", db, "--dry-run", "--report", report, file)
			if err == nil || !strings.Contains(out, "would import (dry run) 1, rejected 1") {
				t.Fatalf("dry run: %q, %v", out, err)
			}
			out, err = runCLI(t, "import", "--db", db, "--report", report, file)
			if err == nil || !strings.Contains(out, "imported 1, rejected 1, in 1 transactions") {
				t.Fatalf("import: %q, %v", out, err)
			}
			if got, _ := os.ReadFile(report); !strings.HasPrefix(string(got), "line 2: country_of_origin: ") {
				t.Fatalf("report: %q", got)
			}
			if out, err := runCLI(t, "export", "--db", db, "--kind", "persons"); err != nil || strings.Count(out, "\n") != 121 {
				t.Fatalf("export after the import: %d lines, %v", strings.Count(out, "\n"), err)
			}
			if out, err := runCLI(t, "audit", "verify", "--db", db); err != nil || !strings.Contains(out, "OK") {
				t.Fatalf("audit verify: %q, %v", out, err)
			}
			for _, args := range [][]string{{"import", file, "--kind", "people"}, {"import", file, "--format", "xml"}, {"import"},
				{"export", "--kind", "documents"}} {
				if out, err := runCLI(t, append(args, "--db", db)...); err == nil {
					t.Errorf("%v: accepted: %q", args, out)
				}
			}
		})
	}
}
