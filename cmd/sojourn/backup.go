package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"strings"

	"sojourn/store"
)

func init() {
	commands["backup"] = command{"write a consistent backup while serving (--db, --out): SQLite file copy, or pg_dump archive", backup}
}

// backup writes a backup of the database to --out: for SQLite a database
// file (VACUUM INTO, consistent while the server writes), for PostgreSQL
// a pg_dump custom-format archive (one snapshot), restored with
// pg_restore.
func backup(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	db := dbFlag(fs)
	file := fs.String("out", "", "the backup file to write (must not exist)")
	pgDump := fs.String("pg-dump", envOr("SOJOURN_PG_DUMP", "pg_dump"), "the pg_dump program, for a PostgreSQL database [SOJOURN_PG_DUMP]")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("--out FILE is required")
	}
	if store.IsPostgres(*db) {
		if err := dumpPostgres(ctx, *pgDump, *db, *file); err != nil {
			return err
		}
	} else {
		st, err := openStore(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.BackupSQLite(ctx, *file); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "backup written to %s\n", *file)
	return nil
}

// dumpPostgres runs pg_dump for the database of dsn into file, in the
// custom format (pg_restore reads it), of the schema Sojourn uses when
// the URL names one (search_path).
func dumpPostgres(ctx context.Context, pgDump, dsn, file string) error {
	if _, err := os.Stat(file); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s exists already; a backup never overwrites a file", file)
	}
	conn, schema, err := libpqURL(dsn)
	if err != nil {
		return err
	}
	args := []string{"--format=custom", "--no-owner", "--file=" + file, "--dbname=" + conn}
	if schema != "" {
		args = append(args, "--schema="+schema)
	}
	cmd := exec.CommandContext(ctx, pgDump, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		os.Remove(file)
		return fmt.Errorf("pg_dump: %w", err)
	}
	return nil
}

// libpqURL turns a connection URL as Sojourn takes it (pgx) into one
// pg_dump takes (libpq): search_path, which libpq does not know, is taken
// out and returned as the schema to dump.
func libpqURL(dsn string) (string, string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", "", fmt.Errorf("--db: %w", err)
	}
	q := u.Query()
	schema := q.Get("search_path")
	if strings.Contains(schema, ",") {
		return "", "", fmt.Errorf("--db: search_path %q names several schemas; back them up with pg_dump directly", schema)
	}
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String(), schema, nil
}
