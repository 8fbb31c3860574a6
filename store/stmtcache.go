package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements of one SQLite handle, so that a query
// is parsed once rather than on every call (parsing was about a quarter of
// the CPU time of a decision). A query met for the first time runs
// unprepared and is prepared after its transaction ends, when the handle's
// connection is free: preparing inside the transaction would wait for a
// second writer connection that does not exist. PostgreSQL needs no cache:
// pgx keeps prepared statements per connection itself.
type stmtCache struct {
	db     *sql.DB
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool // met, not yet prepared; false: preparing failed
}

// maxCached bounds the cache; queries past it run unprepared.
const maxCached = 1000

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// stmt returns the transaction's copy of the prepared statement for query,
// or nil (noting the query for preparing) when there is none yet.
func (c *stmtCache) stmt(ctx context.Context, tx *sql.Tx, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	st, ok := c.stmts[query]
	if !ok {
		if _, seen := c.wanted[query]; !seen && len(c.stmts)+len(c.wanted) < maxCached {
			c.wanted[query] = true
		}
	}
	c.mu.Unlock()
	if !ok {
		return nil
	}
	return tx.StmtContext(ctx, st)
}

// prepareWanted prepares the queries met since the last call. It runs after
// a transaction has ended, outside any transaction.
func (c *stmtCache) prepareWanted(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	var todo []string
	for q, ok := range c.wanted {
		if ok {
			todo = append(todo, q)
			c.wanted[q] = false // claimed: another caller will not prepare it too
		}
	}
	c.mu.Unlock()
	for _, q := range todo {
		st, err := c.db.PrepareContext(ctx, q)
		c.mu.Lock()
		if err == nil && c.stmts != nil {
			c.stmts[q] = st
			delete(c.wanted, q)
		} else if err == nil {
			st.Close() // the cache was closed meanwhile
		}
		c.mu.Unlock()
	}
}

// close closes every prepared statement.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}
