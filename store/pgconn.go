package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// openPgx opens a PostgreSQL pool whose connections tell database/sql when
// they are dead. pgx closes a connection whose statement was interrupted
// (a client that left, a read past its deadline) but does not say so when
// the connection goes back to the pool, so database/sql would keep it and
// hand it on: three dead ones in a row and an unrelated request's begin
// fails with "bad connection".
func openPgx(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(validating{stdlib.GetConnector(*cfg)}), nil
}

// validating is a connector whose connections are validConns.
type validating struct{ driver.Connector }

// Connect opens a connection that reports its validity.
func (v validating) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := v.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return validConn{c.(*stdlib.Conn)}, nil
}

// validConn is a pgx connection that database/sql discards on its return
// to the pool once pgx has closed it.
type validConn struct{ *stdlib.Conn }

// IsValid reports whether the connection may be used again.
func (c validConn) IsValid() bool { return !c.Conn.Conn().IsClosed() }
