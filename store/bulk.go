package store

import (
	"context"
	"fmt"
	"strings"

	"sojourn"
	"sojourn/match"
)

// Bulk writes: a batch of thousands of rows of one import (sojourn import,
// sojourn gen) goes in with multi-row INSERTs whose ids are known before
// they are written (ReserveIDs), so no statement needs to return anything,
// and every row of an audited table is remembered for the batch's one audit
// entry, as insert does for one row.

// BulkBatch is what one bulk transaction writes. Every row carries its id.
// A document's validity is its fact among Facts (Document.Fact), as the
// service records it.
type BulkBatch struct {
	Persons   []sojourn.Person
	Documents []sojourn.Document
	Facts     []sojourn.StatusFact
	Cases     []sojourn.Case
}

// bulkRows is how many rows one bulk INSERT carries: fewer statements
// than batchRows, still within either engine's limit of parameters.
const bulkRows = 400

// bulkTable is one table a batch writes: its columns, id first.
type bulkTable struct {
	name string
	cols []string
}

var (
	bulkPersons   = bulkTable{"persons", []string{"id", "authority", "names", "birth_date", "country", "created_at", "recorded_at"}}
	bulkDocuments = bulkTable{"documents", []string{"id", "person_id", "kind", "number", "issuing_state", "created_at", "recorded_at"}}
	bulkFacts     = bulkTable{"status_facts", []string{"id", "person_id", "kind", "ref", "label", "authority", "document_id",
		"valid_from", "valid_to", "recorded_at", "recorded_by"}}
	bulkCases = bulkTable{"cases", []string{"id", "type", "person_id", "authority", "state", "filed_on", "classification",
		"appeals", "version", "created_at", "updated_at"}}
)

// WriteBulk writes a batch at the transaction's record time: persons with
// their blocking keys, documents, facts (a document's among them) and
// cases. Ids must be set (ReserveIDs).
func (t *Tx) WriteBulk(ctx context.Context, b BulkBatch) error {
	now := micros(t.Now())
	rows := make([][]any, 0, len(b.Persons))
	for _, p := range b.Persons {
		rows = append(rows, []any{p.ID, p.Authority, jsonText(p.Names), p.BirthDate, p.CountryOfOrigin, now, now})
	}
	if err := t.insertKnown(ctx, bulkPersons, rows); err != nil {
		return err
	}
	if err := t.bulkMatchKeys(ctx, b.Persons); err != nil {
		return err
	}
	if err := t.PassIDs(ctx, "persons"); err != nil {
		return err
	}
	rows = rows[:0]
	for _, d := range b.Documents {
		rows = append(rows, []any{d.ID, d.PersonID, d.Kind, d.Number, d.IssuingState, now, now})
	}
	if err := t.insertKnown(ctx, bulkDocuments, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, f := range b.Facts {
		rows = append(rows, []any{f.ID, f.PersonID, f.Kind, f.Ref, f.Label, nullString(f.Authority), nullID(f.DocumentID),
			f.ValidFrom, f.ValidTo, now, f.RecordedBy})
	}
	if err := t.insertKnown(ctx, bulkFacts, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, c := range b.Cases {
		rows = append(rows, []any{c.ID, c.Type, c.PersonID, c.Authority, c.State, c.FiledOn, c.Classification, c.Appeals, 1, now, now})
	}
	if err := t.insertKnown(ctx, bulkCases, rows); err != nil {
		return err
	}
	return t.PassIDs(ctx, "cases")
}

// insertKnown inserts rows whose ids are set with one multi-row INSERT per
// bulkRows rows (the rest one row at a time, so that the statement texts
// stay few and prepared), remembering each row of an audited table.
func (t *Tx) insertKnown(ctx context.Context, tbl bulkTable, rows [][]any) error {
	for start := 0; start < len(rows); {
		n := bulkRows
		if len(rows)-start < bulkRows {
			n = 1
		}
		chunk := rows[start : start+n]
		q := "INSERT INTO " + tbl.name + " (" + strings.Join(tbl.cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat("("+placeholders(len(tbl.cols))+"), ", n), ", ")
		args := make([]any, 0, n*len(tbl.cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := t.execBulk(ctx, q, args); err != nil {
			return err
		}
		for _, r := range chunk {
			t.wrote(tbl.name, r[0].(int64))
		}
		start += n
	}
	return nil
}

// execBulk runs a multi-row INSERT of an audited table whose rows the
// caller remembers itself (insertKnown).
func (t *Tx) execBulk(ctx context.Context, query string, args []any) (any, error) {
	ctx = t.stmtCtx(ctx)
	if st := t.cache.stmt(ctx, t.tx, query); st != nil {
		res, err := st.ExecContext(ctx, args...)
		return res, t.d.translate(err)
	}
	res, err := t.tx.ExecContext(ctx, t.d.rebind(query), args...)
	return res, t.d.translate(err)
}

// bulkMatchKeys writes the blocking keys of new persons, many persons per
// statement.
func (t *Tx) bulkMatchKeys(ctx context.Context, persons []sojourn.Person) error {
	if t.noMatchKeys {
		return nil
	}
	var rows [][]any
	for _, p := range persons {
		for _, k := range match.BlockingKeys(match.Prepare(MatchRecord(p))) {
			rows = append(rows, []any{k, p.ID})
		}
	}
	for start := 0; start < len(rows); {
		n := min(2*bulkRows, len(rows)-start)
		if n < 2*bulkRows {
			n = 1
		}
		args := make([]any, 0, 2*n)
		for _, r := range rows[start : start+n] {
			args = append(args, r...)
		}
		if _, err := t.exec(ctx, "INSERT INTO person_match_keys (key, person_id) VALUES "+
			strings.TrimSuffix(strings.Repeat("(?, ?), ", n), ", "), args...); err != nil {
			return err
		}
		start += n
	}
	return nil
}

// bulkTables are the tables whose ids ReserveIDs hands out.
var bulkTables = map[string]bool{"persons": true, "documents": true, "status_facts": true, "cases": true}

// ReserveIDs returns n ids above above that no row of table has or will
// be given by anyone else: on SQLite the transaction holds the write lock,
// so they follow the highest id; on PostgreSQL they are taken from the
// table's identity sequence, moved past above first.
func (t *Tx) ReserveIDs(ctx context.Context, table string, n int, above int64) ([]int64, error) {
	if !bulkTables[table] {
		return nil, sojourn.Internal(fmt.Errorf("store: no ids to reserve in %s", table))
	}
	if n == 0 {
		return nil, nil
	}
	if t.d.name == "postgres" {
		if err := t.passSequence(ctx, table, above); err != nil {
			return nil, err
		}
		return getAll(ctx, t, scanID, "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", table, n)
	}
	var first int64
	if err := t.queryRow(ctx, "SELECT MAX(COALESCE(MAX(id), 0), ?) + 1 FROM "+table, above).Scan(&first); err != nil {
		return nil, t.d.translate(err)
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = first + int64(i)
	}
	return out, nil
}

// PassIDs moves a table's identity sequence past the highest id in it
// (PostgreSQL), after rows were written with ids of their own choosing, so
// that the ids it hands out next are free; SQLite needs nothing.
func (t *Tx) PassIDs(ctx context.Context, table string) error {
	if t.d.name != "postgres" || !bulkTables[table] {
		return nil
	}
	var top int64
	if err := t.queryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&top); err != nil {
		return t.d.translate(err)
	}
	return t.passSequence(ctx, table, top)
}

// passSequence moves table's identity sequence to at least id
// (PostgreSQL).
func (t *Tx) passSequence(ctx context.Context, table string, id int64) error {
	if id <= 0 {
		return nil
	}
	var last int64
	err := t.queryRow(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'),
		GREATEST(?, (SELECT last_value FROM pg_sequences WHERE schemaname || '.' || sequencename = pg_get_serial_sequence(?, 'id'))))`,
		table, id, table).Scan(&last)
	return t.d.translate(err)
}

// ExistingIDs returns which of ids are ids of rows of table.
func (t *Tx) ExistingIDs(ctx context.Context, table string, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if !bulkTables[table] {
		return out, sojourn.Internal(fmt.Errorf("store: no ids to look up in %s", table))
	}
	for start := 0; start < len(ids); start += batchRows {
		chunk := ids[start:min(start+batchRows, len(ids))]
		found, err := getAll(ctx, t, scanID, "SELECT id FROM "+table+" WHERE id IN ("+placeholders(len(chunk))+")", anys(chunk)...)
		if err != nil {
			return out, err
		}
		for _, id := range found {
			out[id] = true
		}
	}
	return out, nil
}

func scanID(s scanner) (int64, error) {
	var id int64
	return id, s.Scan(&id)
}

// DocumentKey identifies a document: no two share one.
type DocumentKey struct{ IssuingState, Kind, Number string }

// ExistingDocuments returns which of keys name documents already recorded.
func (t *Tx) ExistingDocuments(ctx context.Context, keys []DocumentKey) (map[DocumentKey]bool, error) {
	out := map[DocumentKey]bool{}
	for start := 0; start < len(keys); start += batchRows {
		chunk := keys[start:min(start+batchRows, len(keys))]
		args := make([]any, 0, 3*len(chunk))
		for _, k := range chunk {
			args = append(args, k.IssuingState, k.Kind, k.Number)
		}
		// CROSS JOIN: SQLite looks each key up in the unique index
		found, err := getAll(ctx, t, func(s scanner) (DocumentKey, error) {
			var k DocumentKey
			return k, s.Scan(&k.IssuingState, &k.Kind, &k.Number)
		}, `SELECT d.issuing_state, d.kind, d.number FROM (VALUES `+strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(chunk)), ", ")+
			`) v CROSS JOIN documents d WHERE d.issuing_state = v.column1 AND d.kind = v.column2 AND d.number = v.column3`, args...)
		if err != nil {
			return out, err
		}
		for _, k := range found {
			out[k] = true
		}
	}
	return out, nil
}

// PersonAuthorities returns the authority keeping each of the persons ids
// that exist, by id.
func (t *Tx) PersonAuthorities(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for start := 0; start < len(ids); start += batchRows {
		chunk := ids[start:min(start+batchRows, len(ids))]
		rows, err := t.query(ctx, "SELECT id, authority FROM persons WHERE id IN ("+placeholders(len(chunk))+")", anys(chunk)...)
		if err != nil {
			return out, err
		}
		for rows.Next() {
			var id int64
			var code string
			if err := rows.Scan(&id, &code); err != nil {
				rows.Close()
				return out, t.d.translate(err)
			}
			out[id] = code
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return out, t.d.translate(err)
		}
	}
	return out, nil
}

// CasesAfter returns at most limit cases after the id after, by id.
func (t *Tx) CasesAfter(ctx context.Context, after int64, limit int) ([]sojourn.Case, error) {
	return getAll(ctx, t, scanCase, caseColumns+" WHERE id > ? ORDER BY id LIMIT ?", after, limit)
}

// CurrentFactsAfter returns at most limit facts of the ledger after the id
// after, by id: those believed now, documents' aside (they go with their
// documents).
func (t *Tx) CurrentFactsAfter(ctx context.Context, after int64, limit int) ([]sojourn.StatusFact, error) {
	return getAll(ctx, t, scanFact, factColumns+" WHERE id > ? AND kind <> 'document' AND superseded_at IS NULL ORDER BY id LIMIT ?",
		after, limit)
}
