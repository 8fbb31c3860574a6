package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestGroupCommitCancelled — a call whose client goes away while its
// statement runs inside the shared transaction fails alone: the other calls
// of the batch are committed exactly when they are told they succeeded.
func TestGroupCommitCancelled(t *testing.T) {
	ctx := context.Background()
	s := openSQLiteTemp(t)
	for round := range 3 {
		// hold the committer so the calls below queue and share one batch
		release := make(chan struct{})
		held := make(chan struct{})
		go s.Write(ctx, func(*Tx) error { close(held); <-release; return nil })
		<-held
		const calls = 12
		results := make([]error, calls)
		var wg sync.WaitGroup
		for i := range calls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code := fmt.Sprintf("R%dC%02d", round, i)
				cctx, leave := ctx, func() {}
				if i%3 == 1 {
					// this client leaves while its slow statement runs
					var cancel context.CancelFunc
					cctx, cancel = context.WithCancel(ctx)
					defer cancel()
					leave = func() { time.AfterFunc(20*time.Millisecond, cancel) }
				}
				results[i] = s.Write(cctx, func(tx *Tx) error {
					if err := createAudited(cctx, tx, code, time.Now()); err != nil {
						return err
					}
					if i%3 != 1 {
						return nil
					}
					leave()
					_, err := tx.exec(cctx, "DELETE FROM audit_heads WHERE chain = (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000000) SELECT -count(*) FROM n)")
					return err
				})
			}()
		}
		time.Sleep(50 * time.Millisecond) // let every call queue
		close(release)
		wg.Wait()
		for i, err := range results {
			code := fmt.Sprintf("R%dC%02d", round, i)
			var stored bool
			if rerr := s.Read(ctx, func(tx *Tx) error {
				_, err := tx.AuthorityByCode(ctx, code)
				stored = err == nil
				return nil
			}); rerr != nil {
				t.Fatal(rerr)
			}
			if (err == nil) != stored {
				t.Errorf("round %d call %d: result %v, committed %v", round, i, err, stored)
			}
			if i%3 != 1 && err != nil {
				t.Errorf("round %d call %d failed beside a cancelled call: %v", round, i, err)
			}
		}
	}
}
