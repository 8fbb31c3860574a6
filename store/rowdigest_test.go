package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"sojourn"
	"sojourn/audit"
)

// createAudited adds an authority and its audit entry in tx, as a service
// call does.
func createAudited(ctx context.Context, tx *Tx, code string, now time.Time) error {
	if _, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: code, Name: code, Kind: sojourn.KindOffice,
		Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01")}}, now); err != nil {
		return err
	}
	_, err := tx.AppendAudit(ctx, audit.Entry{At: now, Actor: "test", Action: "authority.add", Object: "authority/" + code})
	return err
}

// TestAuditedRowsNeedAnAuditEntry checks the store's rule for every write:
// rows of audited tables are written through insert or update (never
// exec, never deleted), and a change that wrote them must append an audit
// entry after them, which carries their digests.
func TestAuditedRowsNeedAnAuditEntry(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	var err error
	now := time.Now()
	err = s.Write(ctx, func(tx *Tx) error {
		_, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "AA", Name: "A", Kind: sojourn.KindOffice,
			Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01")}}, now)
		return err
	})
	if cause := errors.Unwrap(err); cause == nil || !strings.Contains(cause.Error(), "authorities row 1 written without an audit entry") {
		t.Fatalf("unaudited write: %v", err)
	}
	var entry audit.Entry
	err = s.Write(ctx, func(tx *Tx) error {
		if err := createAudited(ctx, tx, "BB", now); err != nil {
			return err
		}
		for _, q := range []string{"UPDATE cases SET state = 'closed' WHERE id = 1", "DELETE FROM status_facts WHERE id = 1",
			"insert into persons (id) values (1)"} {
			if _, err := tx.exec(ctx, q); err == nil {
				t.Errorf("%s: not refused", q)
			}
		}
		list, err := tx.AuditEntries(ctx, AuditFilter{Object: "authority/BB"})
		if len(list) == 1 {
			entry = list[0]
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := audit.ParseRows(entry.Rows)
	if err != nil || len(rows) != 1 || rows[0].Table != "authorities" || rows[0].Version != 1 || rows[0].Columns < 10 {
		t.Fatalf("entry %+v carries rows %+v (%v)", entry, rows, err)
	}
}

// TestSealInChunks checks that a change writing more rows of one table than
// one sealing statement takes (full chunks and a remainder) seals every row
// once, in the order written, with digests that verification accepts, and
// that a row edited afterwards is still caught.
func TestSealInChunks(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	var err error
	const n = 2*sealChunk + 7
	now := time.Now()
	err = s.Write(ctx, func(tx *Tx) error {
		for i := range n {
			if _, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: fmt.Sprintf("A%03d", i), Name: "A",
				Kind: sojourn.KindOffice, Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01")}}, now); err != nil {
				return err
			}
		}
		_, err := tx.AppendAudit(ctx, audit.Entry{At: now, Actor: "test", Action: "authority.add", Object: "authority/A000"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	check := func() error {
		return s.Read(ctx, func(tx *Tx) error {
			entries, err := tx.AuditEntries(ctx, AuditFilter{Limit: 10})
			if err != nil {
				return err
			}
			ix := audit.NewRowIndex()
			for _, e := range entries {
				if err := ix.Add(e); err != nil {
					return err
				}
			}
			if len(entries) == 1 {
				rows, err := audit.ParseRows(entries[0].Rows)
				if err != nil || len(rows) != n {
					t.Fatalf("entry carries %d rows (%v), want %d", len(rows), err, n)
				}
				for i, r := range rows {
					if r.ID != int64(i+1) || r.Version != 1 {
						t.Fatalf("row %d sealed as %+v", i, r)
					}
				}
			}
			_, err = tx.CheckRows(ctx, ix)
			return err
		})
	}
	if err := check(); err != nil {
		t.Fatalf("untouched rows: %v", err)
	}
	if _, err := s.writer.ExecContext(ctx, "UPDATE authorities SET name = 'B' WHERE id = 150"); err != nil {
		t.Fatal(err)
	}
	if err := check(); err == nil || !strings.Contains(err.Error(), "150") {
		t.Fatalf("edited row 150: %v", err)
	}
}
