package store

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sojourn"
)

// Full-text search over correspondence: an FTS5 table (corr_fts, tokenizer
// unicode61 with diacritics removed) on SQLite, a tsvector with a GIN
// index (corr_search, configuration 'simple') on PostgreSQL; both hold the
// subject and body of each item under its id, folded by foldText, as the
// words searched for are, so that both engines find the same items: "Dvorak"
// finds "Dvořák" and "трех" finds "трёх".

// foldText is text as the index holds it: lower case, without diacritics
// (so ё reads as е and ř as r).
func foldText(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return norm.NFC.String(b.String())
}

// index adds an item's subject and body to the full-text index.
func (t *Tx) index(ctx context.Context, id int64, subject, body string) error {
	subject, body = foldText(subject), foldText(body)
	q := "INSERT INTO corr_fts (rowid, subject, body) VALUES (?, ?, ?)"
	args := []any{id, subject, body}
	if t.d.name == "postgres" {
		q = "INSERT INTO corr_search (item_id, doc) VALUES (?, to_tsvector('simple', ?))"
		args = []any{id, subject + "\n" + body}
	}
	_, err := t.exec(ctx, q, args...)
	return t.d.translate(err)
}

// reindexItems writes the full-text index anew from every item's subject
// and (unless destroyed) body, after the migration that emptied it.
func (t *Tx) reindexItems(ctx context.Context) error {
	type doc struct {
		id            int64
		subject, body string
	}
	docs, err := getAll(ctx, t, func(s scanner) (doc, error) {
		var d doc
		return d, s.Scan(&d.id, &d.subject, &d.body)
	}, "SELECT i.id, i.subject, COALESCE(b.body, '') FROM corr_items i LEFT JOIN corr_bodies b ON b.item_id = i.id ORDER BY i.id")
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := t.index(ctx, d.id, d.subject, d.body); err != nil {
			return err
		}
	}
	return nil
}

// unindex leaves only an item's subject in the full-text index: its body
// is gone from it.
func (t *Tx) unindex(ctx context.Context, id int64, subject string) error {
	if t.d.name == "postgres" {
		_, err := t.exec(ctx, "UPDATE corr_search SET doc = to_tsvector('simple', ?) WHERE item_id = ?", foldText(subject), id)
		return t.d.translate(err)
	}
	if _, err := t.exec(ctx, "DELETE FROM corr_fts WHERE rowid = ?", id); err != nil {
		return t.d.translate(err)
	}
	return t.index(ctx, id, subject, "")
}

// ftsQuery makes a search text into a query of its words, all required:
// each word quoted for FTS5; plain words for PostgreSQL's plainto_tsquery.
func (t *Tx) ftsQuery(text string) string {
	words := strings.FieldsFunc(foldText(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if t.d.name == "postgres" {
		return strings.Join(words, " ")
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

// SearchItems returns the items matching a query that v may see, newest
// first: the full text of subject and body, the series, number, date
// range, sender, addressee (an authority's code, or part of the free text)
// and classification, all selected in the query before the limit.
func (t *Tx) SearchItems(ctx context.Context, q sojourn.ItemQuery, v Visibility, limit int) ([]sojourn.ItemSummary, error) {
	var b strings.Builder
	text := t.ftsQuery(q.Text)
	head, args, order, err := t.searchHead(ctx, q, text)
	if err != nil {
		return nil, err
	}
	b.WriteString(head)
	cond := func(c string, a ...any) {
		b.WriteString(" AND " + c)
		args = append(args, a...)
	}
	if q.SeriesID != 0 {
		cond("i.series_id = ?", q.SeriesID)
	}
	if q.Number != "" {
		cond("i.number = ?", q.Number)
	}
	if !q.From.IsZero() {
		cond("i.item_date >= ?", q.From)
	}
	if !q.To.IsZero() {
		cond("i.item_date <= ?", q.To)
	}
	if q.Sender != "" {
		cond("(i.sender_authority = ? OR lower(i.sender_text) LIKE ?)", q.Sender, likeLower(q.Sender))
	}
	if q.Addressee != "" {
		cond("(i.addressee_authority = ? OR lower(i.addressee_text) LIKE ?)", q.Addressee, likeLower(q.Addressee))
	}
	if q.Classification != "" {
		cond("i.classification = ?", q.Classification)
	}
	vis, vargs := v.where("i.authority", "i.classification")
	b.WriteString(vis + order)
	args = append(append(args, vargs...), limit)
	return getAll(ctx, t, scanSummary, b.String(), args...)
}

// fewDated bounds the items a date range may hold for the range to drive a
// search on SQLite: they are all read, then sorted newest first.
const fewDated = 1000

// searchHead returns the start of a search's statement, up to its
// conditions, with its arguments and the order it ends with, read the way
// that stops soonest. On PostgreSQL the planner, which has statistics,
// chooses. SQLite's has none (the store does not ANALYZE), and without
// them it reads a search without words through the authority's index:
// every item of the authority when the filter is rare (about a second at a
// million items). So on SQLite a number, nearly unique, drives through its
// index (words then checked item by item). Else words drive through the
// full-text index, newest match first (CROSS JOIN keeps SQLite from
// scanning every item and probing the index for each; checking words item
// by item costs more than reading a word's matches). Else a date range
// holding few items (of any authority) drives through the date index, or
// a series through its own index. The limit stops the read but for the few
// dated items, which are sorted.
func (t *Tx) searchHead(ctx context.Context, q sojourn.ItemQuery, text string) (string, []any, string, error) {
	order := " ORDER BY i.id DESC LIMIT ?"
	if t.d.name == "postgres" {
		if text != "" {
			return summaryColumns + " JOIN corr_search f ON f.item_id = i.id WHERE f.doc @@ plainto_tsquery('simple', ?)", []any{text}, order, nil
		}
		return summaryColumns + " WHERE 1 = 1", nil, order, nil
	}
	driveBy := func(index string) (string, []any, string, error) {
		if text != "" {
			return summaryColumns + " INDEXED BY " + index + " WHERE EXISTS (SELECT 1 FROM corr_fts WHERE corr_fts MATCH ? AND rowid = i.id)", []any{text}, order, nil
		}
		return summaryColumns + " INDEXED BY " + index + " WHERE 1 = 1", nil, order, nil
	}
	if q.Number != "" {
		return driveBy("corr_items_number")
	}
	if text != "" {
		return summarySelect + " FROM corr_fts f CROSS JOIN corr_items i ON i.id = f.rowid WHERE corr_fts MATCH ?", []any{text}, " ORDER BY f.rowid DESC LIMIT ?", nil
	}
	few, err := t.fewInRange(ctx, q.From, q.To)
	switch {
	case err != nil:
		return "", nil, "", err
	case few:
		return driveBy("corr_items_date")
	case q.SeriesID != 0:
		return driveBy("corr_items_series")
	}
	return summaryColumns + " WHERE 1 = 1", nil, order, nil
}

// fewInRange reports whether a date range (either end may be open; none
// given is no range) holds at most fewDated items, counting through the
// date index up to one more.
func (t *Tx) fewInRange(ctx context.Context, from, to sojourn.Date) (bool, error) {
	if from.IsZero() && to.IsZero() {
		return false, nil
	}
	q, args := "SELECT count(*) FROM (SELECT 1 FROM corr_items INDEXED BY corr_items_date WHERE 1 = 1", []any{}
	if !from.IsZero() {
		q, args = q+" AND item_date >= ?", append(args, from)
	}
	if !to.IsZero() {
		q, args = q+" AND item_date <= ?", append(args, to)
	}
	var n int
	err := t.queryRow(ctx, q+" LIMIT ?)", append(args, fewDated+1)...).Scan(&n)
	return n <= fewDated, t.d.translate(err)
}

// likeLower makes s a LIKE pattern matching text containing it, in lower
// case, with LIKE's wildcards in s taken literally.
func likeLower(s string) string {
	r := strings.NewReplacer("%", "", "_", "")
	return "%" + strings.ToLower(r.Replace(s)) + "%"
}
