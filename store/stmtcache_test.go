package store

import (
	"context"
	"sync"
	"testing"
	"time"

	"sojourn"
)

// TestStatementCache — a query runs unprepared the first time, is prepared
// after its transaction, and runs prepared from then on with the same
// results; concurrent writers and readers neither deadlock nor see wrong
// rows while statements are being prepared.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	now := time.Now()
	create := func(code string) error {
		return s.Write(ctx, func(tx *Tx) error { return createAudited(ctx, tx, code, now) })
	}
	if err := create("AA"); err != nil {
		t.Fatal(err)
	}
	if len(s.writes.stmts) == 0 {
		t.Fatal("nothing was prepared after the first write")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 32 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			errs <- create("C" + string(rune('A'+i%26)) + string(rune('A'+i/26)))
		}()
		go func() {
			defer wg.Done()
			errs <- s.Read(ctx, func(tx *Tx) error {
				a, err := tx.AuthorityByCode(ctx, "AA")
				if err == nil && a.Code != "AA" {
					t.Errorf("read %q for AA", a.Code)
				}
				return err
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	err := s.Read(ctx, func(tx *Tx) error {
		list, err := tx.ListAuthorities(ctx)
		if len(list) != 33 {
			t.Errorf("%d authorities, want 33", len(list))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := create("AA"); sojourn.ErrorCode(err) != sojourn.CodeConflict {
		t.Fatalf("duplicate through a prepared statement: %v", err)
	}
}
