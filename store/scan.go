package store

import (
	"database/sql"
	"encoding/json"
	"time"

	"sojourn"
)

// micros converts a record time to its stored form (UTC microseconds).
func micros(t time.Time) int64 { return t.UTC().UnixMicro() }

// fromMicros converts a stored record time back.
func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// nullMicros converts an optional stored record time back.
func nullMicros(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMicros(v.Int64)
	return &t
}

// jsonText encodes v for a JSON text column.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with plain data types
	}
	return string(b)
}

// nullString maps "" to NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ensure the Date type satisfies the database interfaces.
var _ sql.Scanner = (*sojourn.Date)(nil)
