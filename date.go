package sojourn

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the ISO 8601 calendar date layout used everywhere in Sojourn.
const DateLayout = "2006-01-02"

// Date is a civil calendar date (no time of day, no zone), the unit of valid
// time. Its zero value is "no date"; use IsZero to test for it.
type Date struct {
	t time.Time // midnight UTC; zero time means no date
}

// NewDate returns the date year-month-day. It does not normalise: callers that
// need validation use ParseDate.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	return NewDate(t.Year(), t.Month(), t.Day())
}

// MinYear is the earliest year a date may have. Files reach back to the
// nineteenth century at most; the year 1 would also collide with the zero
// "no date" value.
const MinYear = 1000

// MaxYear is the latest year a date given to Sojourn may have. Dates are
// written with four-digit years, and Sojourn derives later dates from the
// ones it is given (a permit ends a year after its decision, a report is
// due up to ten years after it, a lapse report looks ten years ahead); the
// century of headroom keeps every derived date writable.
const MaxYear = 9899

// ParseDate parses "YYYY-MM-DD" and rejects impossible dates such as
// 1937-02-30, and dates before MinYear or after MaxYear.
func ParseDate(s string) (Date, error) {
	d, err := parseStored(s)
	if err == nil && d.t.Year() > MaxYear {
		return Date{}, fmt.Errorf("%q is after the year %d", s, MaxYear)
	}
	return d, err
}

// parseStored parses a date as stored: derived dates may lie past MaxYear.
func parseStored(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a calendar date (YYYY-MM-DD)", s)
	}
	if t.Year() < MinYear {
		return Date{}, fmt.Errorf("%q is before the year %d", s, MinYear)
	}
	return Date{t}, nil
}

// MustDate parses s and panics if it is not a date; for tests and fixtures.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero "no date" value.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return d.t }

// String formats d as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddYears returns d moved by n years (29 February moves to 1 March).
func (d Date) AddYears(n int) Date { return Date{d.t.AddDate(n, 0, 0)} }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.t.Compare(e.t) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// MarshalJSON encodes d as "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON decodes "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string YYYY-MM-DD")
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// MarshalText encodes d as "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes "YYYY-MM-DD"; the empty string is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value stores d as "YYYY-MM-DD" text (a DATE literal on PostgreSQL), or NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date stored as text (SQLite) or DATE (PostgreSQL); NULL is zero.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = NewDate(v.Year(), v.Month(), v.Day())
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("cannot scan %T into a date", src)
}

// scanText reads a stored date; the empty string is the zero date.
func (d *Date) scanText(s string) (err error) {
	if s == "" {
		*d = Date{}
		return nil
	}
	*d, err = parseStored(s)
	return err
}
