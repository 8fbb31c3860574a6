package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"sojourn"
)

// dialect holds what differs between SQLite and PostgreSQL.
type dialect struct {
	name string
	// forUpdate is appended to a SELECT that locks the rows it reads; SQLite
	// needs none because its writer holds the database lock.
	forUpdate string
	dollar    bool // placeholders $1, $2 … instead of ?
}

var (
	sqlite   = dialect{name: "sqlite"}
	postgres = dialect{name: "postgres", forUpdate: " FOR UPDATE", dollar: true}
)

// rebind rewrites ? placeholders as $1, $2 … for PostgreSQL. Queries in this
// package never contain a literal question mark.
func (d dialect) rebind(q string) string {
	if !d.dollar || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// translate turns constraint violations into Sojourn errors; other database
// errors become internal errors whose details are logged, never shown.
func (d dialect) translate(err error) error {
	if err == nil {
		return nil
	}
	var se *sojourn.Error
	if errors.As(err, &se) {
		return err
	}
	msg := err.Error()
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		msg = pg.Code
	}
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"), msg == "23505":
		return sojourn.Errorf(sojourn.CodeConflict, "already exists")
	case strings.Contains(msg, "FOREIGN KEY constraint failed"), msg == "23503":
		return sojourn.Errorf(sojourn.CodeInvalid, "refers to something that does not exist")
	}
	return sojourn.Internal(err)
}
