package store

import (
	"strings"
	"testing"
)

func TestPendingMigrationsFillGaps(t *testing.T) {
	ms := []migration{{version: 1, name: "0001_a.sql"}, {version: 2, name: "0002_b.sql"},
		{version: 3, name: "0003_c.sql"}, {version: 4, name: "0004_d.sql"}}
	// A database that ran 1, 2 and 4 (4 merged first from another branch)
	// still lacks 3: a "newest applied" rule would skip it.
	got := pending(ms, map[int]bool{1: true, 2: true, 4: true})
	if len(got) != 1 || got[0].version != 3 {
		t.Fatalf("pending = %v, want only migration 3", got)
	}
	if err := schemaState(ms, map[int]bool{1: true, 2: true, 4: true}); err == nil ||
		!strings.Contains(err.Error(), "0003_c.sql") {
		t.Fatalf("schemaState with a gap = %v, want it to name 0003_c.sql", err)
	}
	if err := schemaState(ms, map[int]bool{1: true, 2: true, 3: true, 4: true, 9: true}); err == nil ||
		!strings.Contains(err.Error(), "upgrade") {
		t.Fatalf("schemaState with an unknown migration = %v, want an upgrade refusal", err)
	}
	if err := schemaState(ms, map[int]bool{1: true, 2: true, 3: true, 4: true}); err != nil {
		t.Fatalf("schemaState, all applied = %v", err)
	}
}
