// Package store keeps Sojourn's data in SQLite (embedded, the default) or
// PostgreSQL through one database/sql implementation. Dialect differences are
// confined to dialect.go and the per-dialect migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // SQLite driver "sqlite"

	"sojourn"
)

// Config says where the data lives.
type Config struct {
	// DB is a SQLite file path (optionally prefixed "sqlite:") or a
	// postgres:// URL.
	DB string
	// Readers is the size of the read connection pool.
	Readers int
	// Existing opens only a database that exists: a SQLite file that does
	// not is refused, never created (only migrate and serve create one).
	Existing bool
}

// DefaultConfig returns a SQLite file sojourn.db in the working directory.
func DefaultConfig() Config {
	return Config{DB: "sojourn.db", Readers: max(4, runtime.NumCPU()*2)}
}

// Store is an open database. On SQLite it holds one writer connection (all
// writes queue on it, as SQLite allows one writer) and a pool of readers; on
// PostgreSQL both are the same pool.
type Store struct {
	writer  *sql.DB
	reader  *sql.DB
	dialect dialect
	// prepared statements of the writer and of the readers (SQLite only)
	writes, reads *stmtCache
	// committer folds concurrent writes into one commit (SQLite only)
	committer *committer
	// sec is the installation's digest key, read once (rowdigest.go)
	sec    secretCache
	closed atomic.Bool
	// noMatchKeys: persons are written without blocking keys (matchkeys.go)
	noMatchKeys atomic.Bool
	// batchObserver is told every group commit's size (gauges.go)
	batchObserver atomic.Pointer[func(int)]
}

// Open connects to the database named by cfg. It does not migrate; call
// Migrate or CheckSchema next.
func Open(cfg Config) (*Store, error) {
	if cfg.Readers <= 0 {
		cfg.Readers = DefaultConfig().Readers
	}
	if IsPostgres(cfg.DB) {
		return openPostgres(cfg)
	}
	return openSQLite(cfg)
}

// IsPostgres reports whether a database address names PostgreSQL (else it
// is a SQLite file).
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func openPostgres(cfg Config) (*Store, error) {
	db, err := openPgx(cfg.DB)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(cfg.Readers * 2)
	db.SetMaxIdleConns(cfg.Readers * 2)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	return &Store{writer: db, reader: db, dialect: postgres}, nil
}

const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"

func openSQLite(cfg Config) (*Store, error) {
	path := strings.TrimPrefix(cfg.DB, "sqlite:")
	if path == "" {
		return nil, errors.New("no SQLite file given")
	}
	if _, err := os.Stat(path); cfg.Existing && errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s: create it with sojourn migrate (or give --db)", path)
	}
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqlitePragmas
	// The writer keeps its savepoint journals in memory (temp_store): a
	// group commit runs each call in a savepoint, which copies every page
	// the call changes; past 64 KiB SQLite would spill the copies to a
	// temporary file, two system calls a page (a registration writing its
	// blocking keys crossed that line). They are bounded by what one call
	// writes and freed as it ends.
	writer, err := sql.Open("sqlite", base+"&_txlock=immediate&_pragma=temp_store(2)")
	if err != nil {
		return nil, err
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxIdleTime(0)
	if err := writer.Ping(); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite", base)
	if err != nil {
		writer.Close()
		return nil, err
	}
	reader.SetMaxOpenConns(cfg.Readers)
	reader.SetMaxIdleConns(cfg.Readers)
	s := &Store{writer: writer, reader: reader, dialect: sqlite,
		writes: newStmtCache(writer), reads: newStmtCache(reader)}
	s.startCommitter()
	return s, nil
}

// Close closes every connection; closing again does nothing.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if s.committer != nil {
		s.committer.close()
	}
	s.writes.close()
	s.reads.close()
	err := s.writer.Close()
	if s.reader != s.writer {
		err = errors.Join(err, s.reader.Close())
	}
	return err
}

// Dialect names the database engine: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.reader.PingContext(ctx) }

// Write runs fn in one read-write transaction and commits it if fn returns
// nil; when fn fails, nothing it did remains. Everything a service call
// changes goes through one Write. On SQLite, concurrent writes share one
// durable commit (group.go); each still succeeds or fails on its own.
func (s *Store) Write(ctx context.Context, fn func(*Tx) error) error {
	if s.committer != nil {
		return s.committer.submit(ctx, fn)
	}
	return s.run(ctx, s.writer, s.writes, nil, fn)
}

// Read runs fn in one read-only transaction: a consistent snapshot (on
// PostgreSQL, repeatable read: every query of fn sees the same data).
func (s *Store) Read(ctx context.Context, fn func(*Tx) error) error {
	opts := &sql.TxOptions{}
	if s.dialect.name == "postgres" {
		opts = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	return s.run(ctx, s.reader, s.reads, opts, fn)
}

// run runs fn in a transaction of its own. A read's statements stop when
// ctx ends, failing fn. A write is begun without ctx's cancellation, so
// that it commits exactly when fn succeeded (database/sql would otherwise
// roll it back, or refuse the commit, when ctx ends after fn's last
// statement, and a client that left could make a committed write look
// failed or the other way round), and its statements are never interrupted
// (see stmtCtx).
func (s *Store) run(ctx context.Context, db *sql.DB, cache *stmtCache, opts *sql.TxOptions, fn func(*Tx) error) error {
	txCtx, write := ctx, opts == nil || !opts.ReadOnly
	if write {
		txCtx = context.WithoutCancel(ctx)
	}
	sqlTx, err := db.BeginTx(txCtx, opts)
	if err != nil {
		return sojourn.Internal(fmt.Errorf("begin: %w", err))
	}
	defer cache.prepareWanted(context.WithoutCancel(ctx))
	defer sqlTx.Rollback() // undoes a failing or panicking fn; a no-op after Commit
	tx := s.newTx(sqlTx, cache)
	tx.whole = write
	if err := tx.runCall(ctx, fn); err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("%w: %w", cerr, err) // the client left: not an internal error
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return sojourn.Internal(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// Tx is one transaction; its methods are the store's queries.
type Tx struct {
	tx    *sql.Tx
	d     dialect
	cache *stmtCache
	now   time.Time    // the record time of the change; see At
	w     *writeSet    // audited rows written and not yet sealed in an audit entry
	sec   *secretCache // the installation's digest key
	// whole: the transaction writes, so its statements run to their end
	// (see stmtCtx)
	whole bool
	// the audit entries of the change, appended when it is done
	audit *auditQueue
	// noMatchKeys: write persons without their blocking keys
	noMatchKeys bool
}

// newTx wraps a database transaction for one change.
func (s *Store) newTx(sqlTx *sql.Tx, cache *stmtCache) *Tx {
	return &Tx{tx: sqlTx, d: s.dialect, cache: cache, w: &writeSet{}, sec: &s.sec, audit: &auditQueue{},
		noMatchKeys: s.noMatchKeys.Load()}
}

// runCall runs fn on t, refuses the change if it wrote audited rows after
// its last audit entry, and appends its audit entries.
func (t *Tx) runCall(ctx context.Context, fn func(*Tx) error) error {
	if err := fn(t); err != nil {
		return err
	}
	if err := t.w.sealed(); err != nil {
		return err
	}
	return t.flushAudit(ctx)
}

// At returns the transaction stamped with the record time of the change it
// carries: every row the change writes and its audit entry carry Now, so
// "as known at T" sees all of a change or none of it. In a group commit
// each call is stamped on its own.
func (t *Tx) At(now time.Time) *Tx {
	c := *t
	c.now = now
	return &c
}

// Now returns the record time the transaction was stamped with (see At).
// A write that was not stamped is a programming error and panics rather
// than writing rows with different record times.
func (t *Tx) Now() time.Time {
	if t.now.IsZero() {
		panic("store: record time asked of a transaction not stamped with At")
	}
	return t.now
}

// stmtCtx returns the context a statement runs under. No statement of a
// write may be interrupted: SQLite rolls a whole transaction back when a
// write statement in it is interrupted, taking the other calls of a group
// commit with it, and pgx interrupts a PostgreSQL statement by cutting its
// connection short, which database/sql may then hand, still inside the
// transaction, to another client's request. So the statement of a write
// whose client has left is refused before it reaches the database
// (database/sql checks the context first) and any other runs to its end.
func (t *Tx) stmtCtx(ctx context.Context) context.Context {
	if !t.whole || ctx.Err() != nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := guardWrite(query); err != nil {
		return nil, err
	}
	ctx = t.stmtCtx(ctx)
	var res sql.Result
	var err error
	if st := t.cache.stmt(ctx, t.tx, query); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = t.tx.ExecContext(ctx, t.d.rebind(query), args...)
	}
	return res, t.d.translate(err)
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = t.stmtCtx(ctx)
	var rows *sql.Rows
	var err error
	if st := t.cache.stmt(ctx, t.tx, query); st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = t.tx.QueryContext(ctx, t.d.rebind(query), args...)
	}
	return rows, t.d.translate(err)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = t.stmtCtx(ctx)
	if st := t.cache.stmt(ctx, t.tx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, t.d.rebind(query), args...)
}

// insert runs an INSERT … RETURNING id and returns the new id; a row of
// an audited table is remembered for the change's audit entry.
func (t *Tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	if err == nil {
		t.wrote(writeTarget(query), id)
	}
	return id, t.d.translate(err)
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// getOne runs a query for one row and scans it; "no rows" becomes a
// not-found error naming what.
func getOne[T any](ctx context.Context, t *Tx, what string, scan func(scanner) (T, error), query string, args ...any) (T, error) {
	v, err := scan(t.queryRow(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return v, sojourn.Errorf(sojourn.CodeNotFound, "%s not found", what)
	}
	return v, t.d.translate(err)
}

// getAll runs a query and scans every row.
func getAll[T any](ctx context.Context, t *Tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, t.d.translate(err)
		}
		out = append(out, v)
	}
	return out, t.d.translate(rows.Err())
}
