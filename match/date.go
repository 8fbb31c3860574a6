package match

import (
	"fmt"
	"strconv"
	"strings"
)

// Date is a birth date that may be known only in part: Month and Day are 0
// when unknown; the zero Date is no date at all.
type Date struct {
	Year, Month, Day int
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" is no date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	bad := fmt.Errorf("%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s)
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || (i > 0 && len(p) != 2) || v < 0 {
			return Date{}, bad
		}
		n[i] = v
	}
	d := Date{n[0], n[1], n[2]}
	if d.Year < 1000 || len(parts) > 1 && (d.Month < 1 || d.Month > 12) || len(parts) > 2 && (d.Day < 1 || d.Day > 31) {
		return Date{}, bad
	}
	return d, nil
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.Year == 0 }

// String writes d as much as it is known.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// compareDates scores two birth dates: 1 when they agree in full, a little
// less when they agree as far as the less complete one goes, less when day
// and month are swapped or the day alone differs, near nothing when the
// years differ.
func compareDates(a, b Date) (float64, string) {
	switch {
	case a.Year != b.Year:
		if a.Month != 0 && a.Month == b.Month && a.Day == b.Day && abs(a.Year-b.Year) == 1 {
			return 0.3, "day and month agree, years one apart"
		}
		return 0, "years differ"
	case a.Month == 0 || b.Month == 0:
		return 0.9, "year agrees (partial date)"
	case a.Month != b.Month:
		if a.Day != 0 && a.Day == b.Month && a.Month == b.Day {
			return 0.7, "day and month swapped"
		}
		return 0.1, "months differ"
	case a.Day == 0 || b.Day == 0:
		return 0.95, "year and month agree (partial date)"
	case a.Day != b.Day:
		return 0.3, "days differ"
	}
	return 1, "same date"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
