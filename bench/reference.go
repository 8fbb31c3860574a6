package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// rawBatches is the campaign's same-run reference: durable transactions on
// a new SQLite file (WAL, synchronous=FULL, as the store opens it), each
// inserting batch rows of ten columns 100 per multi-row INSERT, until rows
// rows are in. It reports rows inserted per second: what the disk and the
// SQLite engine give before any of Sojourn's work.
func rawBatches(ctx context.Context, rows, batch int) (Result, error) {
	db, cleanup, err := rawSQLite(ctx, "", `CREATE TABLE raw (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, c TEXT, d TEXT,
		e TEXT, f TEXT, g INTEGER, h INTEGER, i INTEGER, j INTEGER)`)
	if err != nil {
		return Result{}, err
	}
	defer cleanup()
	insert, err := db.PrepareContext(ctx, "INSERT INTO raw (a, b, c, d, e, f, g, h, i, j) VALUES "+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", 100), ", "))
	if err != nil {
		return Result{}, err
	}
	defer insert.Close()
	rows = (rows + 99) / 100 * 100
	start := time.Now()
	for n := 0; n < rows; {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return Result{}, err
		}
		for end := min(n+batch, rows); n < end; n += 100 {
			args := make([]any, 0, 1000)
			for i := range 100 {
				args = append(args, n+i, 1, "review", "C-R1", "filed", "1956-01-10", 0, 1, start.UnixMicro(), start.UnixMicro())
			}
			if _, err := tx.StmtContext(ctx, insert).ExecContext(ctx, args...); err != nil {
				tx.Rollback()
				return Result{}, fmt.Errorf("raw insert: %w", err)
			}
		}
		if err := tx.Commit(); err != nil {
			return Result{}, err
		}
	}
	r := Result{Name: "raw rows, same disk (reference)", Ops: rows, Elapsed: time.Since(start)}
	r.Throughput = float64(rows) / r.Elapsed.Seconds()
	return r, nil
}

// rawOneRow is the decisions' same-run reference: n transactions of one
// row each, from clients goroutines, with nothing of Sojourn's around them.
// On SQLite they go to a new file beside the database (same disk; WAL,
// synchronous=FULL, one connection, as the store writes); on PostgreSQL to
// a new table in the database's schema, one connection per client.
func rawOneRow(ctx context.Context, dialect, dsn string, clients, n int) (Result, error) {
	db, table, cleanup, err := rawTarget(ctx, dialect, dsn, clients)
	if err != nil {
		return Result{}, err
	}
	defer cleanup()
	insert := "INSERT INTO " + table + " (a, b, c) VALUES (?, ?, ?)"
	if dialect == "postgres" {
		insert = "INSERT INTO " + table + " (a, b, c) VALUES ($1, $2, $3)"
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i)
	}
	r, err := drive("raw one-row transactions", ids, clients, func(_ *http.Client, i int64) error {
		_, err := db.ExecContext(ctx, insert, i, "granted", "Requirements met.")
		return err
	})
	return r, err
}

// rawTarget opens the reference's database and makes its table; cleanup
// drops it.
func rawTarget(ctx context.Context, dialect, dsn string, clients int) (*sql.DB, string, func(), error) {
	if dialect == "postgres" {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, "", nil, err
		}
		db.SetMaxOpenConns(clients)
		table := fmt.Sprintf("bench_raw_%d", time.Now().UnixNano())
		if _, err := db.ExecContext(ctx, "CREATE TABLE "+table+" (id bigserial PRIMARY KEY, a bigint, b text, c text)"); err != nil {
			db.Close()
			return nil, "", nil, err
		}
		return db, table, func() { db.ExecContext(context.WithoutCancel(ctx), "DROP TABLE "+table); db.Close() }, nil
	}
	db, cleanup, err := rawSQLite(ctx, filepath.Dir(strings.TrimPrefix(dsn, "sqlite:")),
		"CREATE TABLE raw (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c TEXT)")
	return db, "raw", cleanup, err
}

// rawSQLite makes a new SQLite file in a new folder in dir (the system's
// temporary folder for ""), opened as the store opens its writer (WAL,
// synchronous=FULL, one connection), with one table; cleanup removes it.
func rawSQLite(ctx context.Context, dir, table string) (*sql.DB, func(), error) {
	dir, err := os.MkdirTemp(dir, "sojourn-raw")
	if err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "raw.db")+
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)&_txlock=immediate")
	if err == nil {
		db.SetMaxOpenConns(1)
		_, err = db.ExecContext(ctx, table)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }, nil
}
