package store

import (
	"context"
	"errors"
	"path/filepath"
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
	s, err := Open(Config{DB: filepath.Join(t.TempDir(), "s.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
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
