package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// BackupSQLite writes a consistent copy of a SQLite database to file while
// it serves (VACUUM INTO: one read transaction, so the copy is the
// database as of one commit, and writers are not held up; WAL contents
// are included). The copy is a complete database file, compacted; file
// must not exist. PostgreSQL is backed up with pg_dump instead.
func (s *Store) BackupSQLite(ctx context.Context, file string) error {
	if s.dialect.name != sqlite.name {
		return errors.New("a PostgreSQL database is backed up with pg_dump")
	}
	if _, err := os.Stat(file); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s exists already; a backup never overwrites a file", file)
	}
	if _, err := s.reader.ExecContext(ctx, "VACUUM INTO ?", file); err != nil {
		os.Remove(file)
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	return nil
}
