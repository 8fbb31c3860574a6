package bulk

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// CSV files have a header line naming their columns. A column is a field
// of the row's JSON form ("authority", "birth_date") or a field of the
// n-th element of one of its lists ("names.0.family",
// "documents.1.valid_to"); an empty cell is an absent field. One record
// per line: quoted fields may hold commas and doubled quotes, not line
// breaks.

// splitCSV splits one CSV line into its fields (RFC 4180 quoting).
func splitCSV(line string) ([]string, error) {
	var out []string
	var b strings.Builder
	for i := 0; ; {
		b.Reset()
		if i < len(line) && line[i] == '"' {
			i++
			for {
				j := strings.IndexByte(line[i:], '"')
				if j < 0 {
					return nil, errors.New("a quoted field is not closed")
				}
				b.WriteString(line[i : i+j])
				i += j + 1
				if i < len(line) && line[i] == '"' {
					b.WriteByte('"')
					i++
					continue
				}
				break
			}
			if i < len(line) && line[i] != ',' {
				return nil, fmt.Errorf("text after a closing quote at byte %d", i+1)
			}
		} else {
			j := strings.IndexByte(line[i:], ',')
			if j < 0 {
				j = len(line) - i
			}
			field := line[i : i+j]
			if strings.ContainsRune(field, '"') {
				return nil, fmt.Errorf("a quote inside an unquoted field at byte %d", i+strings.IndexByte(field, '"')+1)
			}
			b.WriteString(field)
			i += j
		}
		out = append(out, b.String())
		if i >= len(line) {
			return out, nil
		}
		i++ // the comma
	}
}

// column is one header column: a field, or a field of a list's element.
type column struct {
	list  string // "" for a field of the row itself
	index int
	field string
}

// header reads a CSV header line into its columns.
func parseHeader(line string) ([]column, error) {
	names, err := splitCSV(line)
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	cols := make([]column, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[n] {
			return nil, fmt.Errorf("header: column %d is empty or repeated (%q)", i+1, n)
		}
		seen[n] = true
		parts := strings.Split(n, ".")
		switch len(parts) {
		case 1:
			cols[i] = column{field: n}
		case 3:
			idx, err := strconv.Atoi(parts[1])
			if err != nil || idx < 0 || idx > 99 {
				return nil, fmt.Errorf("header: column %q: the middle part must be a number from 0 to 99", n)
			}
			cols[i] = column{list: parts[0], index: idx, field: parts[2]}
		default:
			return nil, fmt.Errorf("header: column %q is neither FIELD nor LIST.N.FIELD", n)
		}
	}
	return cols, nil
}

// numeric are the fields whose cells are numbers.
var numeric = []string{"id", "person_id"}

// csvToJSON turns one CSV record into the JSON form of its row.
func csvToJSON(cols []column, line string) ([]byte, error) {
	cells, err := splitCSV(line)
	if err != nil {
		return nil, err
	}
	if len(cells) != len(cols) {
		return nil, fmt.Errorf("%d fields where the header has %d", len(cells), len(cols))
	}
	row := map[string]any{}
	lists := map[string]map[int]map[string]any{}
	for i, c := range cols {
		if cells[i] == "" {
			continue
		}
		var v any = cells[i]
		if slices.Contains(numeric, c.field) {
			if n, err := strconv.ParseInt(cells[i], 10, 64); err == nil {
				v = n
			}
		}
		if c.list == "" {
			row[c.field] = v
			continue
		}
		if lists[c.list] == nil {
			lists[c.list] = map[int]map[string]any{}
		}
		if lists[c.list][c.index] == nil {
			lists[c.list][c.index] = map[string]any{}
		}
		lists[c.list][c.index][c.field] = v
	}
	for name, elems := range lists {
		idx := make([]int, 0, len(elems))
		for i := range elems {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		list := make([]any, 0, len(idx))
		for _, i := range idx {
			list = append(list, elems[i])
		}
		row[name] = list
	}
	return json.Marshal(row)
}
