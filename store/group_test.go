package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sojourn"
)

// TestGroupCommit — concurrent writes that share a commit each succeed or
// fail on their own: a failing or panicking write leaves nothing behind and
// does not take the others down with it.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	create := func(tx *Tx, code string) error { return createAudited(ctx, tx, code, time.Now()) }
	refused := errors.New("refused on purpose")
	var wg sync.WaitGroup
	results := make([]error, 60)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code := fmt.Sprintf("G%02d", i)
			results[i] = s.Write(ctx, func(tx *Tx) error {
				if err := create(tx, code); err != nil {
					return err
				}
				switch i % 3 {
				case 1:
					return refused // its authority must not remain
				case 2:
					if i%6 == 2 {
						panic("write blew up")
					}
				}
				return nil
			})
		}()
	}
	wg.Wait()
	want := 0
	for i, err := range results {
		switch {
		case i%3 == 1 && !errors.Is(err, refused):
			t.Errorf("write %d: %v, want the refusal", i, err)
		case i%6 == 2 && sojourn.ErrorCode(err) != sojourn.CodeInternal:
			t.Errorf("write %d panicked but got %v", i, err)
		case i%3 == 0 || (i%3 == 2 && i%6 != 2):
			if err != nil {
				t.Errorf("write %d: %v", i, err)
			}
			want++
		}
	}
	err := s.Read(ctx, func(tx *Tx) error {
		list, err := tx.ListAuthorities(ctx)
		if len(list) != want {
			t.Errorf("%d authorities remain, want %d", len(list), want)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// alone, too: a panicking write in a batch of one
	err = s.Write(ctx, func(tx *Tx) error {
		if err := create(tx, "ALONE"); err != nil {
			return err
		}
		panic("alone")
	})
	if sojourn.ErrorCode(err) != sojourn.CodeInternal {
		t.Fatalf("lone panicking write: %v", err)
	}
	if err := s.Write(ctx, func(tx *Tx) error { return create(tx, "AFTER") }); err != nil {
		t.Fatalf("write after a panic: %v", err)
	}
	err = s.Read(ctx, func(tx *Tx) error {
		_, err := tx.AuthorityByCode(ctx, "ALONE")
		if sojourn.ErrorCode(err) != sojourn.CodeNotFound {
			t.Errorf("the panicking write left its authority: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openSQLiteTemp opens a migrated SQLite store in a temporary file.
func openSQLiteTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(Config{DB: filepath.Join(t.TempDir(), "g.db"), Readers: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
