// Package storetest opens real test databases (a SQLite file in a temporary
// folder, and a fresh PostgreSQL schema when SOJOURN_TEST_POSTGRES holds a
// connection URL) and holds the store conformance suite run on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"sojourn/store"
)

// PostgresEnv names the variable holding the PostgreSQL test server's URL.
const PostgresEnv = "SOJOURN_TEST_POSTGRES"

// Dialects are the database engines tests run on.
var Dialects = []string{"sqlite", "postgres"}

// DSN returns a connection string for a new, empty test database of the
// dialect, dropped when the test ends. On PostgreSQL without
// SOJOURN_TEST_POSTGRES the test is skipped with a message.
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "sojourn.db")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set " + PostgresEnv + " to a connection URL, e.g. postgres://postgres@127.0.0.1:5432/test")
	}
	schema := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a migrated store on a new test database of the dialect,
// closed when the test ends.
func Open(t testing.TB, dialect string) *store.Store {
	t.Helper()
	return OpenDSN(t, DSN(t, dialect))
}

// OpenDSN returns a migrated store on the test database dsn (from DSN),
// closed when the test ends.
func OpenDSN(t testing.TB, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(store.Config{DB: dsn, Readers: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
