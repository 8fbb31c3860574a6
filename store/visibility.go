package store

import (
	"strings"

	"sojourn"
)

// Visibility is what a reader may see, for a listing to select in its
// query before any limit: objects of one authority ("" for every
// authority) at one of the levels (none: nothing classified at all is
// seen, not even unclassified objects).
type Visibility struct {
	Authority string
	Levels    []sojourn.Level
}

// where returns the conditions, each prefixed " AND ", that select what v
// may see, given the columns holding an object's authority ("" when the
// objects belong to no authority) and classification, and their arguments.
func (v Visibility) where(authorityCol, levelCol string) (string, []any) {
	var b strings.Builder
	var args []any
	if authorityCol != "" && v.Authority != "" {
		b.WriteString(" AND " + authorityCol + " = ?")
		args = append(args, v.Authority)
	}
	if len(v.Levels) == 0 {
		b.WriteString(" AND 1 = 0")
		return b.String(), args
	}
	b.WriteString(" AND " + levelCol + " IN (" + placeholders(len(v.Levels)) + ")")
	for _, l := range v.Levels {
		args = append(args, string(l))
	}
	return b.String(), args
}

// placeholders returns n comma-separated ? placeholders.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
