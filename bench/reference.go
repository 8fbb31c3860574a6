package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // SQLite driver "sqlite"
)

// rawBatches is the campaign's same-run reference: durable transactions on
// a new SQLite file (WAL, synchronous=FULL, as the store opens it), each
// inserting batch rows of ten columns 100 per multi-row INSERT, until rows
// rows are in. It reports rows inserted per second: what the disk and the
// SQLite engine give before any of Sojourn's work.
func rawBatches(ctx context.Context, rows, batch int) (Result, error) {
	dir, err := os.MkdirTemp("", "sojourn-raw")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "raw.db")+
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)&_txlock=immediate")
	if err != nil {
		return Result{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE raw (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, c TEXT, d TEXT,
		e TEXT, f TEXT, g INTEGER, h INTEGER, i INTEGER, j INTEGER)`); err != nil {
		return Result{}, err
	}
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
