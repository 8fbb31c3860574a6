package store

import (
	"context"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"
)

// TestInterruptedReadsLeaveNoDeadConnections — on PostgreSQL, reads whose
// clients leave mid-statement beside reads that wait: the waiting ones all
// succeed, because a connection pgx closed is never handed on.
func TestInterruptedReadsLeaveNoDeadConnections(t *testing.T) {
	dsn := os.Getenv("SOJOURN_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("PostgreSQL tests skipped: set SOJOURN_TEST_POSTGRES")
	}
	s, err := Open(Config{DB: dsn, Readers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sleep := func(ctx context.Context) error {
		return s.Read(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, "SELECT pg_sleep(0.005)")
			return err
		})
	}
	var wg sync.WaitGroup
	for g := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 40 {
				if g < 8 { // leaves at a random moment of its read
					ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rand.Int64N(int64(8*time.Millisecond))))
					sleep(ctx)
					cancel()
				} else if err := sleep(context.Background()); err != nil {
					t.Errorf("waiting read: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
