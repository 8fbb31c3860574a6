package storetest

import (
	"errors"
	"testing"
	"time"

	"sojourn/audit"
	"sojourn/store"
)

var errStop = errors.New("stop")

// seedAudit appends entries by two actors about several objects, one
// second apart from now on.
func seedAudit(t *testing.T, s *store.Store) []audit.Entry {
	var out []audit.Entry
	writeLog(t, s, func(tx *store.Tx) error {
		for i, o := range []string{"case/1", "case/2", "person/7", "case/1", "case/3", "person/7"} {
			actor, action := "olga", "case.review"
			if i%2 == 1 {
				actor, action = "ivan", "case.read"
			}
			e, err := tx.AppendAudit(ctx, audit.Entry{At: now.Add(time.Duration(i) * time.Second), Actor: actor,
				Action: action, Object: o, Digest: audit.Keyed([]byte("test key"), []byte(o))})
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out
}

func testAuditSearch(t *testing.T, s *store.Store) {
	seeded := seedAudit(t, s)
	count := func(f store.AuditFilter) []audit.Entry {
		var got []audit.Entry
		read(t, s, func(tx *store.Tx) (err error) {
			got, err = tx.AuditEntries(ctx, f)
			return err
		})
		return got
	}
	for _, tc := range []struct {
		name string
		f    store.AuditFilter
		want int
	}{
		{"all", store.AuditFilter{}, 6},
		{"actor", store.AuditFilter{Actor: "ivan"}, 3},
		{"action and object", store.AuditFilter{Action: "case.read", Object: "person/7"}, 1},
		{"from", store.AuditFilter{From: now.Add(4 * time.Second)}, 2},
		{"from and to", store.AuditFilter{From: now.Add(time.Second), To: now.Add(3 * time.Second)}, 2},
		{"limit", store.AuditFilter{Limit: 4}, 4},
		{"nothing", store.AuditFilter{Actor: "nobody"}, 0},
	} {
		if got := count(tc.f); len(got) != tc.want {
			t.Errorf("%s: %d entries, want %d", tc.name, len(got), tc.want)
		}
	}
	var paged []audit.Entry
	var after *audit.Head
	for range 10 {
		page := count(store.AuditFilter{After: after, Limit: 4})
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		last := page[len(page)-1]
		after = &audit.Head{Chain: last.Chain, Seq: last.Seq}
	}
	if len(paged) != len(seeded) {
		t.Fatalf("paging returned %d entries, want %d", len(paged), len(seeded))
	}
	for i := 1; i < len(paged); i++ {
		a, b := paged[i-1], paged[i]
		if b.Chain < a.Chain || b.Chain == a.Chain && b.Seq <= a.Seq {
			t.Fatalf("paging out of order at %d: %+v after %+v", i, b, a)
		}
	}
}

func testAuditExport(t *testing.T, s *store.Store) {
	seedAudit(t, s)
	var got []audit.Entry
	read(t, s, func(tx *store.Tx) error {
		return tx.EachAudit(ctx, func(e audit.Entry) error {
			got = append(got, e)
			return nil
		})
	})
	if len(got) != 6 {
		t.Fatalf("streamed %d entries, want 6", len(got))
	}
	if _, err := audit.Verify(got); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Chain < got[i-1].Chain || got[i].Chain == got[i-1].Chain && got[i].Seq != got[i-1].Seq+1 {
			t.Fatalf("not in chain order: %+v after %+v", got[i], got[i-1])
		}
	}
	stop := s.Read(ctx, func(tx *store.Tx) error {
		n := 0
		return tx.EachAudit(ctx, func(audit.Entry) error {
			if n++; n == 2 {
				return errStop
			}
			return nil
		})
	})
	if stop != errStop {
		t.Fatalf("EachAudit did not stop at the callback's error: %v", stop)
	}
}

func testAuditCheckpoints(t *testing.T, s *store.Store) {
	_, priv, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	var heads []audit.Head
	read(t, s, func(tx *store.Tx) (err error) {
		heads, err = tx.AuditHeads(ctx)
		return err
	})
	if len(heads) != audit.Chains || heads[5] != (audit.Head{Chain: 5, Hash: audit.Genesis}) {
		t.Fatalf("heads of an empty log = %+v", heads)
	}
	seeded := seedAudit(t, s)
	for range 2 {
		write(t, s, func(tx *store.Tx) error {
			seq, err := tx.NextCheckpointSeq(ctx)
			if err != nil {
				return err
			}
			if heads, err = tx.AuditHeads(ctx); err != nil {
				return err
			}
			c, err := audit.Sign(seq, heads, now, priv)
			if err != nil {
				return err
			}
			return tx.AddCheckpoint(ctx, c)
		})
	}
	last := seeded[len(seeded)-1]
	if heads[last.Chain] != (audit.Head{Chain: last.Chain, Seq: last.Seq, Hash: last.Hash}) {
		t.Errorf("head of chain %d = %+v, want the last entry %+v", last.Chain, heads[last.Chain], last)
	}
	read(t, s, func(tx *store.Tx) error {
		cps, err := tx.Checkpoints(ctx)
		if err != nil || len(cps) != 2 || cps[0].Seq != 1 || cps[1].Seq != 2 {
			t.Fatalf("checkpoints = %+v, %v", cps, err)
		}
		pub, err := audit.ParsePublicKey([]byte(cps[1].PublicKey))
		if err != nil {
			return err
		}
		if err := cps[1].Verify(pub); err != nil || !cps[1].At.Equal(now.Truncate(time.Microsecond)) {
			t.Errorf("stored checkpoint does not verify: %v (%+v)", err, cps[1])
		}
		return nil
	})
	err = s.Write(ctx, func(tx *store.Tx) error {
		c, _ := audit.Sign(2, heads, now, priv)
		return tx.AddCheckpoint(ctx, c)
	})
	if err == nil {
		t.Error("a second checkpoint 2 was stored")
	}
}
