package e2e

import (
	"bytes"
	"context"
	"testing"

	"sojourn"
	"sojourn/bulk"
)

// generate writes a synthetic population of n persons from seed.
func (s *server) generate(n int, seed uint64) bulk.Summary {
	s.t.Helper()
	var probs []bulk.Problem
	sum, err := bulk.Generate(context.Background(), s.store, s.svc, bulk.GenConfig{Persons: n, Seed: seed,
		Run: bulk.Run{Batch: 64, Actor: sojourn.System, Clock: s.clock.Now, Rejected: func(p bulk.Problem) { probs = append(probs, p) }}})
	if err != nil || len(probs) > 0 {
		s.t.Fatalf("generate %d persons: %+v %v %v", n, sum, probs, err)
	}
	return sum
}

// export returns everything of a kind exported in a format.
func (s *server) export(kind bulk.Kind, csv bool) []byte {
	s.t.Helper()
	var buf bytes.Buffer
	if _, err := bulk.Export(context.Background(), s.store, &buf, kind, csv, sojourn.System); err != nil {
		s.t.Fatalf("export %s: %v", kind, err)
	}
	return buf.Bytes()
}

// TestGenDeterministic — the same seed makes the same population on two
// databases (persons with their documents, cases, facts, letters),
// another seed another; the population has names in Latin, Cyrillic and
// Hangul, cases in every state and numbered letters in the correspondence
// registry linked to their writers, and the audit log and every row
// verify.
func TestGenDeterministic(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		other := newServer(t, "sqlite")
		s.generate(300, 42)
		other.generate(300, 42)
		for _, kind := range []bulk.Kind{bulk.Persons, bulk.Cases, bulk.Facts} {
			if a, b := s.export(kind, false), other.export(kind, false); !bytes.Equal(a, b) || len(a) == 0 {
				t.Fatalf("%s of seed 42 differ between two runs (%d and %d bytes)", kind, len(a), len(b))
			}
		}
		third := newServer(t, "sqlite")
		third.generate(300, 43)
		if bytes.Equal(s.export(bulk.Persons, false), third.export(bulk.Persons, false)) {
			t.Fatal("seeds 42 and 43 made the same persons")
		}
		persons := string(s.export(bulk.Persons, false))
		for _, script := range []string{`"Latin"`, `"Cyrillic"`, `"Hangul"`} {
			if !bytes.Contains([]byte(persons), []byte(script)) {
				t.Errorf("no %s names generated", script)
			}
		}
		cases := s.export(bulk.Cases, false)
		for _, state := range []string{"filed", "in_review", "decided", "closed", "suspended"} {
			if !bytes.Contains(cases, []byte(`"state":"`+state+`"`)) {
				t.Errorf("no case %s generated", state)
			}
		}
		letters, links := s.rawInt("SELECT COUNT(*) FROM corr_items WHERE number <> ''"), s.rawInt("SELECT COUNT(*) FROM corr_links")
		if letters < 10 || letters > 60 || links != letters || other.rawInt("SELECT COUNT(*) FROM corr_items") != letters {
			t.Errorf("letters: %d numbered, %d links, %d on the other run", letters, links, other.rawInt("SELECT COUNT(*) FROM corr_items"))
		}
		if _, err := s.verifyRows(); err != nil {
			t.Fatalf("audit verify after gen: %v", err)
		}
	})
}

// TestImportExportRoundTrip — what export writes, in JSON Lines and in
// CSV, imports into a fresh database whose export is the same, byte for
// byte: persons with their documents, cases, facts.
func TestImportExportRoundTrip(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s.generate(250, 7)
		for _, csv := range []bool{false, true} {
			fresh := newServer(t, "sqlite")
			fresh.generate(0, 7) // the generated population's offices
			for _, kind := range []bulk.Kind{bulk.Persons, bulk.Cases, bulk.Facts} {
				out := s.export(kind, csv)
				sum, probs, err := fresh.importFile(kind, csv, false, string(out))
				if err != nil || len(probs) > 0 || sum.Imported == 0 {
					t.Fatalf("import of the %s export (csv %v): %+v %v %v", kind, csv, sum, probs, err)
				}
				if again := fresh.export(kind, csv); !bytes.Equal(out, again) {
					t.Fatalf("%s (csv %v): the export of the import differs from the export:\n%.600s\n---\n%.600s", kind, csv, out, again)
				}
			}
			if _, err := fresh.verifyRows(); err != nil {
				t.Fatalf("audit verify after the import: %v", err)
			}
		}
	})
}
