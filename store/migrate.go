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

// Migrate applies every migration the database lacks, in version order,
// and returns the names of those it applied. A migration counts as applied
// when its version is recorded, not when a newer one is: work merged from
// parallel branches may add a lower number after a higher one has run. On
// PostgreSQL an advisory lock keeps concurrent instances from migrating at
// once.
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
		have, err := tx.appliedVersions(ctx)
		if err != nil {
			return err
		}
		for _, m := range pending(ms, have) {
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, time.Now().UnixMicro()); err != nil {
				return err
			}
			if after := afterMigration[m.version]; after != nil {
				if err := after(tx, ctx); err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
			}
			applied = append(applied, m.name)
		}
		return tx.ensureSecret(ctx)
	})
	return applied, err
}

// pending lists, in version order, the migrations whose versions are not
// among those applied.
func pending(ms []migration, applied map[int]bool) []migration {
	var out []migration
	for _, m := range ms {
		if !applied[m.version] {
			out = append(out, m)
		}
	}
	return out
}

// afterMigration are the steps SQL cannot take, run in a migration's
// transaction right after it: 11 made the blocking keys of persons, 20
// emptied the full-text index of correspondence to hold folded text.
var afterMigration = map[int]func(*Tx, context.Context) error{
	11: (*Tx).rebuildMatchKeys,
	20: (*Tx).reindexItems,
}

func (t *Tx) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := t.query(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		have[v] = true
	}
	return have, rows.Err()
}

// CheckSchema refuses a database whose schema lacks a migration this build
// knows (the operator runs `sojourn migrate`) or holds one it does not know
// (the operator upgrades the binary).
func (s *Store) CheckSchema(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return err
	}
	var have map[int]bool
	err = s.Read(ctx, func(tx *Tx) error {
		var err error
		have, err = tx.appliedVersions(ctx)
		return err
	})
	if err != nil {
		return sojourn.Errorf(sojourn.CodePreconditionFailed,
			"the database has no Sojourn schema; run `sojourn migrate` first")
	}
	return schemaState(ms, have)
}

// schemaState compares the migrations a build knows with those a database
// has applied.
func schemaState(ms []migration, have map[int]bool) error {
	if missing := pending(ms, have); len(missing) > 0 {
		return sojourn.Errorf(sojourn.CodePreconditionFailed,
			"the database schema lacks migration %s (and %d more); run `sojourn migrate`",
			missing[0].name, len(missing)-1)
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.version] = true
	}
	for v := range have {
		if !known[v] {
			return sojourn.Errorf(sojourn.CodePreconditionFailed,
				"the database schema holds migration %d, which this build does not know; upgrade sojourn", v)
		}
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
