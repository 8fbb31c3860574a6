package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"sojourn"
)

const caseColumns = `SELECT id, type, person_id, authority, state, filed_on, petition_sponsor, petition_filed_on,
	classification, appeals, version, created_at, updated_at FROM cases`

func scanCase(s scanner) (sojourn.Case, error) {
	var c sojourn.Case
	var sponsor sql.NullString
	var petitionOn sojourn.Date
	var created, updated int64
	err := s.Scan(&c.ID, &c.Type, &c.PersonID, &c.Authority, &c.State, &c.FiledOn, &sponsor, &petitionOn,
		&c.Classification, &c.Appeals, &c.Version, &created, &updated)
	if sponsor.Valid {
		c.Petition = &sojourn.Petition{Sponsor: sponsor.String, FiledOn: petitionOn}
	}
	c.CreatedAt, c.UpdatedAt = fromMicros(created), fromMicros(updated)
	return c, err
}

// CreateCase inserts a case in state filed, version 1.
func (t *Tx) CreateCase(ctx context.Context, in sojourn.CaseInput, now time.Time) (sojourn.Case, error) {
	var sponsor any
	var petitionOn sojourn.Date
	if in.Petition != nil {
		sponsor, petitionOn = in.Petition.Sponsor, in.Petition.FiledOn
	}
	id, err := t.insert(ctx, `INSERT INTO cases (type, person_id, authority, state, filed_on, petition_sponsor,
		petition_filed_on, classification, appeals, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)`,
		in.Type, in.PersonID, in.Authority, sojourn.StateFiled, in.FiledOn, sponsor, petitionOn,
		in.Classification, micros(now), micros(now))
	if err != nil {
		return sojourn.Case{}, err
	}
	return t.CaseByID(ctx, id, false)
}

// CaseByID returns a case without its evidence and decisions; lock holds the
// row until the transaction ends (PostgreSQL), for a change that follows.
func (t *Tx) CaseByID(ctx context.Context, id int64, lock bool) (sojourn.Case, error) {
	q := caseColumns + " WHERE id = ?"
	if lock {
		q += t.d.forUpdate
	}
	return getOne(ctx, t, "case", scanCase, q, id)
}

// CaseFilter selects cases for a listing: those v may see, of a person (0:
// any), type, state, authority and petition sponsor ("": any), filed in a
// range of dates (zero: open), in an order, after a case.
type CaseFilter struct {
	Visibility
	PersonID           int64
	Type               string
	State              sojourn.CaseState
	Authority, Sponsor string
	FiledFrom, FiledTo sojourn.Date
	Sort               CaseSort
	After              int64
	Limit              int
}

// CaseSort is the order of a case listing.
type CaseSort string

// The orders of a case listing; each breaks ties by id.
const (
	ByID            CaseSort = "id"
	ByIDDesc        CaseSort = "-id"
	ByFiledOn       CaseSort = "filed_on"
	ByFiledOnDesc   CaseSort = "-filed_on"
	ByUpdatedAt     CaseSort = "updated_at"
	ByUpdatedAtDesc CaseSort = "-updated_at"
)

// caseOrders maps each order to its column and direction.
var caseOrders = map[CaseSort]struct{ col, cmp, dir string }{
	"": {"id", ">", "ASC"}, ByID: {"id", ">", "ASC"}, ByIDDesc: {"id", "<", "DESC"},
	ByFiledOn: {"filed_on", ">", "ASC"}, ByFiledOnDesc: {"filed_on", "<", "DESC"},
	ByUpdatedAt: {"updated_at", ">", "ASC"}, ByUpdatedAtDesc: {"updated_at", "<", "DESC"},
}

// where returns the conditions of f (less the page position), and their
// arguments.
func (f CaseFilter) where() (string, []any) {
	var b strings.Builder
	var args []any
	cond := func(c string, v any) {
		b.WriteString(" AND " + c)
		args = append(args, v)
	}
	b.WriteString(" WHERE 1 = 1")
	if f.PersonID != 0 {
		cond("person_id = ?", f.PersonID)
	}
	if f.Type != "" {
		cond("type = ?", f.Type)
	}
	if f.State != "" {
		cond("state = ?", string(f.State))
	}
	if f.Authority != "" {
		cond("authority = ?", f.Authority)
	}
	if f.Sponsor != "" {
		cond("petition_sponsor = ?", f.Sponsor)
	}
	if !f.FiledFrom.IsZero() {
		cond("filed_on >= ?", f.FiledFrom.String())
	}
	if !f.FiledTo.IsZero() {
		cond("filed_on <= ?", f.FiledTo.String())
	}
	vis, vargs := f.Visibility.where("authority", "classification")
	b.WriteString(vis)
	return b.String(), append(args, vargs...)
}

// ListCases returns the cases matching f in f's order, selecting what f's
// visibility allows before the limit. The page starts after the case After
// in that order (a case the reader may not see starts no page).
func (t *Tx) ListCases(ctx context.Context, f CaseFilter) ([]sojourn.Case, error) {
	o, ok := caseOrders[f.Sort]
	if !ok {
		return nil, sojourn.Errorf(sojourn.CodeInvalid, "unknown case order %q", f.Sort)
	}
	where, args := f.where()
	if f.After > 0 {
		if o.col == "id" {
			where += " AND id " + o.cmp + " ?"
			args = append(args, f.After)
		} else {
			vis, vargs := f.Visibility.where("authority", "classification")
			where += " AND (" + o.col + ", id) " + o.cmp + " (SELECT " + o.col + ", id FROM cases WHERE id = ?" + vis + ")"
			args = append(append(args, f.After), vargs...)
		}
	}
	order := " ORDER BY " + o.col + " " + o.dir
	if o.col != "id" {
		order += ", id " + o.dir
	}
	return getAll(ctx, t, scanCase, caseColumns+where+order+" LIMIT ?", append(args, f.Limit)...)
}

// CountCases counts the cases matching f, whatever the page.
func (t *Tx) CountCases(ctx context.Context, f CaseFilter) (int64, error) {
	where, args := f.where()
	var n int64
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM cases"+where, args...).Scan(&n)
	return n, t.d.translate(err)
}

// UpdateCase stores a case's new state and appeal count, moving its version
// on by one, provided it is still at version c.Version.
func (t *Tx) UpdateCase(ctx context.Context, c sojourn.Case, now time.Time) (sojourn.Case, error) {
	n, err := t.update(ctx, `UPDATE cases SET state = ?, appeals = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, c.State, c.Appeals, micros(now), c.ID, c.Version)
	if err != nil {
		return c, err
	}
	if n != 1 {
		return c, sojourn.Errorf(sojourn.CodePreconditionFailed, "case %d changed since version %d", c.ID, c.Version)
	}
	c.Version++
	c.UpdatedAt = fromMicros(micros(now))
	return c, nil
}

const evidenceColumns = "SELECT id, case_id, kind, claim, source, received_on, recorded_by, recorded_at FROM evidence"

func scanEvidence(s scanner) (sojourn.Evidence, error) {
	var e sojourn.Evidence
	var at int64
	err := s.Scan(&e.ID, &e.CaseID, &e.Kind, &e.Claim, &e.Source, &e.ReceivedOn, &e.RecordedBy, &at)
	e.RecordedAt = fromMicros(at)
	return e, err
}

// AddEvidence inserts evidence on a case.
func (t *Tx) AddEvidence(ctx context.Context, caseID int64, in sojourn.EvidenceInput, by string, now time.Time) (sojourn.Evidence, error) {
	id, err := t.insert(ctx, `INSERT INTO evidence (case_id, kind, claim, source, received_on, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, caseID, in.Kind, in.Claim, in.Source, in.ReceivedOn, by, micros(now))
	return sojourn.Evidence{ID: id, CaseID: caseID, Kind: in.Kind, Claim: in.Claim, Source: in.Source,
		ReceivedOn: in.ReceivedOn, RecordedBy: by, RecordedAt: fromMicros(micros(now))}, err
}

// EvidenceOf returns the evidence on a case, oldest first.
func (t *Tx) EvidenceOf(ctx context.Context, caseID int64) ([]sojourn.Evidence, error) {
	return getAll(ctx, t, scanEvidence, evidenceColumns+" WHERE case_id = ? ORDER BY id", caseID)
}
