package bulk

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// exportPage is how many rows one query of an export reads.
const exportPage = 1000

// Export writes the rows of a kind the actor sees to w, in the form
// Import reads, from one snapshot of the database, and returns how many it
// wrote. Persons carry their documents with their validity as the ledger
// holds it now; facts are those believed now, documents' aside.
func Export(ctx context.Context, st *store.Store, w io.Writer, kind Kind, asCSV bool, actor sojourn.Actor) (int, error) {
	if err := access.Check(actor, access.ImportRows, access.Target{}); err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	err := st.Read(ctx, func(tx *store.Tx) error {
		each := pager(tx, kind, actor)
		var out rowWriter = jsonLines{bw}
		if asCSV {
			cols, err := csvColumns(ctx, kind, each)
			if err != nil {
				return err
			}
			cw := &csvRows{w: csv.NewWriter(bw), cols: cols}
			if err := cw.header(); err != nil {
				return err
			}
			out = cw
		}
		err := each(ctx, func(r any) error {
			n++
			return out.write(r)
		})
		if err != nil {
			return err
		}
		return out.flush()
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// rowWriter writes rows in one format.
type rowWriter interface {
	write(row any) error
	flush() error
}

type jsonLines struct{ w *bufio.Writer }

func (j jsonLines) write(r any) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	j.w.Write(b)
	return j.w.WriteByte('\n')
}

func (j jsonLines) flush() error { return nil }

// csvRows writes rows as CSV records of fixed columns, from their JSON
// form, as csvToJSON reads them back.
type csvRows struct {
	w    *csv.Writer
	cols []column
}

func (c *csvRows) header() error {
	names := make([]string, len(c.cols))
	for i, col := range c.cols {
		names[i] = col.field
		if col.list != "" {
			names[i] = fmt.Sprintf("%s.%d.%s", col.list, col.index, col.field)
		}
	}
	return c.w.Write(names)
}

func (c *csvRows) write(r any) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	rec := make([]string, len(c.cols))
	for i, col := range c.cols {
		v := m[col.field]
		if col.list != "" {
			list, _ := m[col.list].([]any)
			v = nil
			if col.index < len(list) {
				v = list[col.index].(map[string]any)[col.field]
			}
		}
		rec[i] = cell(v)
	}
	return c.w.Write(rec)
}

func (c *csvRows) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// cell renders one JSON value as a CSV cell.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// csvColumns returns the columns of a kind's CSV: for persons, as many
// names and documents as the person holding most has (one pass over
// them first).
func csvColumns(ctx context.Context, kind Kind, each func(context.Context, func(any) error) error) ([]column, error) {
	plain := func(fields ...string) []column {
		out := make([]column, len(fields))
		for i, f := range fields {
			out[i] = column{field: f}
		}
		return out
	}
	switch kind {
	case Cases:
		return plain("id", "type", "person_id", "authority", "state", "filed_on", "classification"), nil
	case Facts:
		return plain("person_id", "kind", "ref", "label", "authority", "valid_from", "valid_to"), nil
	}
	names, docs := 1, 0
	err := each(ctx, func(r any) error {
		p := r.(PersonRow)
		names, docs = max(names, len(p.Names)), max(docs, len(p.Documents))
		return nil
	})
	cols := plain("id", "authority", "birth_date", "country_of_origin")
	for i := range names {
		for _, f := range []string{"script", "family", "given"} {
			cols = append(cols, column{list: "names", index: i, field: f})
		}
	}
	for i := range docs {
		for _, f := range []string{"kind", "number", "issuing_state", "valid_from", "valid_to"} {
			cols = append(cols, column{list: "documents", index: i, field: f})
		}
	}
	return cols, err
}

// pager returns a function calling fn with every row of a kind the actor
// sees, a page of rows per query.
func pager(tx *store.Tx, kind Kind, actor sojourn.Actor) func(context.Context, func(any) error) error {
	sees := func(code string, level sojourn.Level) bool {
		return access.Sees(actor, access.Target{Authority: code, Classification: level})
	}
	switch kind {
	case Cases:
		return func(ctx context.Context, fn func(any) error) error {
			return pages(ctx, func(after int64) ([]sojourn.Case, error) { return tx.CasesAfter(ctx, after, exportPage) },
				func(c sojourn.Case) int64 { return c.ID }, func(c sojourn.Case) error {
					if !sees(c.Authority, c.Classification) {
						return nil
					}
					return fn(CaseRow{ID: c.ID, Type: c.Type, PersonID: c.PersonID, Authority: c.Authority, State: c.State,
						FiledOn: c.FiledOn, Classification: c.Classification})
				})
		}
	case Facts:
		return func(ctx context.Context, fn func(any) error) error {
			return pages(ctx, func(after int64) ([]sojourn.StatusFact, error) { return tx.CurrentFactsAfter(ctx, after, exportPage) },
				func(f sojourn.StatusFact) int64 { return f.ID }, func(f sojourn.StatusFact) error {
					if f.Retracted || !sees(f.Authority, "") {
						return nil
					}
					return fn(FactRow{PersonID: f.PersonID, Kind: f.Kind, Ref: f.Ref, Label: f.Label, Authority: f.Authority,
						Period: f.Period})
				})
		}
	}
	return func(ctx context.Context, fn func(any) error) error {
		return eachPerson(ctx, tx, sees, fn)
	}
}

// pages calls fn with every item next returns, page after page.
func pages[T any](ctx context.Context, next func(after int64) ([]T, error), id func(T) int64, fn func(T) error) error {
	var after int64
	for {
		page, err := next(after)
		if err != nil || len(page) == 0 {
			return err
		}
		for _, v := range page {
			if err := fn(v); err != nil {
				return err
			}
		}
		after = id(page[len(page)-1])
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// current is a record time after every record: documents' validity as
// the ledger holds it now.
var current = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// eachPerson calls fn with every person the actor sees with their
// documents (those the ledger has not retracted), a page at a time.
func eachPerson(ctx context.Context, tx *store.Tx, sees func(string, sojourn.Level) bool, fn func(any) error) error {
	var after int64
	for {
		page, err := tx.ListPersons(ctx, "", after, exportPage)
		if err != nil || len(page) == 0 {
			return err
		}
		ids := make([]int64, len(page))
		for i, p := range page {
			ids[i] = p.ID
		}
		docs, err := tx.DocumentsOfPersons(ctx, ids)
		if err != nil {
			return err
		}
		facts, err := tx.DocumentFactsOfPersons(ctx, ids)
		if err != nil {
			return err
		}
		for _, p := range page {
			if !sees(p.Authority, "") {
				continue
			}
			r := PersonRow{ID: p.ID, Authority: p.Authority, Names: p.Names, BirthDate: p.BirthDate, CountryOfOrigin: p.CountryOfOrigin}
			for _, d := range sojourn.DocumentsAsKnown(docs[p.ID], facts[p.ID], current) {
				if !d.Retracted {
					r.Documents = append(r.Documents, DocumentRow{Kind: d.Kind, Number: d.Number, IssuingState: d.IssuingState, Period: d.Period})
				}
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		after = page[len(page)-1].ID
	}
}
