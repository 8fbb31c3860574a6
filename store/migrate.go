package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"sojourn"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered .sql file of a dialect.
type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := "migrations/" + s.dialect.name
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the newest migration this build knows.
func (s *Store) SchemaVersion() int {
	ms, err := s.migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)`

// Migrate applies every migration the database lacks, each in its own
// transaction, and returns the names of those it applied. On PostgreSQL an
// advisory lock keeps concurrent instances from migrating at once.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := s.migrations()
	if err != nil {
		return nil, err
	}
	var applied []string
	err = s.Write(ctx, func(tx *Tx) error {
		if s.dialect.name == "postgres" {
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(7411)"); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, migrationsTable); err != nil {
			return err
		}
		current, err := tx.schemaVersion(ctx)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.version <= current {
				continue
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, time.Now().UnixMicro()); err != nil {
				return err
			}
			applied = append(applied, m.name)
		}
		return tx.ensureSecret(ctx)
	})
	return applied, err
}

func (t *Tx) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := t.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

// CheckSchema refuses a database whose schema is older or newer than this
// build: the operator runs `sojourn migrate` (or upgrades the binary) first.
func (s *Store) CheckSchema(ctx context.Context) error {
	want := s.SchemaVersion()
	var have int
	err := s.Read(ctx, func(tx *Tx) error {
		var err error
		have, err = tx.schemaVersion(ctx)
		return err
	})
	if err != nil {
		return sojourn.Errorf(sojourn.CodePreconditionFailed,
			"the database has no Sojourn schema; run `sojourn migrate` first")
	}
	switch {
	case have < want:
		return sojourn.Errorf(sojourn.CodePreconditionFailed,
			"the database schema is at version %d, this build needs %d; run `sojourn migrate`", have, want)
	case have > want:
		return sojourn.Errorf(sojourn.CodePreconditionFailed,
			"the database schema is at version %d, newer than this build (%d); upgrade sojourn", have, want)
	}
	return nil
}

// HasSchema reports whether the database holds a Sojourn schema at all (of
// any version, however old); a brand-new database does not.
func (s *Store) HasSchema(ctx context.Context) bool {
	var n int
	err := s.Read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n)
	})
	return err == nil && n > 0
}
