package main

import (
	"context"
	"flag"

	"sojourn/store"
)

// dbFlag adds --db (default $SOJOURN_DB or sojourn.db) to a flag set.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("SOJOURN_DB", store.DefaultConfig().DB),
		"database: a SQLite file (or sqlite:PATH) or a postgres:// URL [SOJOURN_DB]")
}

// openStore opens an existing database and checks its schema is current;
// it never creates one.
func openStore(ctx context.Context, dsn string) (*store.Store, error) {
	cfg := store.DefaultConfig()
	cfg.DB, cfg.Existing = dsn, true
	st, err := store.Open(cfg)
	if err != nil {
		return nil, err
	}
	if err := st.CheckSchema(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
