package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"sojourn"
	"sojourn/store"
)

// TestAbortedWrites — clients that give up mid-request beside clients that
// wait: a write is committed exactly when its client was answered 2xx (an
// answer reported failed never committed, a 2xx answer always did), the
// waiting clients all succeed, and a client that left has its write either
// committed or not, never half. Run it under -race on both dialects.
func TestAbortedWrites(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		const waiting, aborting, each = 4, 8, 25
		// aborting clients give up at a random moment within twice the time a
		// write takes, so that many leave while their write is under way
		abortWithin := 2 * writeTime(t, s, vrd.clerk)
		var mu sync.Mutex
		answered := map[string]int{} // family name → status, for every answer received
		var took []time.Duration
		var wg sync.WaitGroup
		for g := range waiting + aborting {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					family := fmt.Sprintf("W%d-%d", g, i)
					ctx, cancel := context.Background(), context.CancelFunc(func() {})
					if g >= waiting {
						family = fmt.Sprintf("A%d-%d", g, i)
						ctx, cancel = context.WithTimeout(ctx, time.Duration(rand.Int64N(int64(abortWithin))))
					}
					start := time.Now()
					status, err := postPerson(ctx, s, vrd.clerk, family)
					cancel()
					mu.Lock()
					if err == nil {
						answered[family] = status
						if g < waiting {
							took = append(took, time.Since(start))
						}
					} else if g < waiting {
						t.Errorf("waiting client %s: %v", family, err)
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()

		stored := map[string]bool{}
		for _, p := range allPersons(t, s, "VRD") {
			stored[p.Names[0].Family] = true
		}
		for family, status := range answered {
			ok := status >= 200 && status < 300
			switch {
			case ok && !stored[family]:
				t.Errorf("%s: answered %d but not committed", family, status)
			case !ok && stored[family]:
				t.Errorf("%s: answered %d (failed) but committed", family, status)
			case family[0] == 'W' && !ok:
				t.Errorf("waiting client %s: answered %d", family, status)
			}
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.logs)
		}
		slices.Sort(took)
		if len(took) > 0 {
			t.Logf("%s: %d waiting writes beside %d aborting clients: p50 %v, p99 %v; %d of %d aborted requests answered",
				s.store.Dialect(), len(took), aborting, took[len(took)/2], took[len(took)*99/100],
				len(answered)-len(took), aborting*each)
		}
	})
}

// writeTime returns the median time of a few writes.
func writeTime(t *testing.T, s *server, token string) time.Duration {
	var took []time.Duration
	for i := range 9 {
		start := time.Now()
		if status, err := postPerson(context.Background(), s, token, fmt.Sprintf("T%d", i)); err != nil || status != http.StatusCreated {
			t.Fatalf("write: %d %v", status, err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	return took[len(took)/2]
}

// postPerson registers a person named family and returns the status
// answered, or the error of a request given up.
func postPerson(ctx context.Context, s *server, token, family string) (int, error) {
	body, _ := json.Marshal(map[string]any{"authority": "VRD", "birth_date": "1905-03-14", "country_of_origin": "CS", "confirm_new": true,
		"names": []map[string]string{{"script": "Latin", "given": "Anna", "family": family}}})
	req, err := http.NewRequestWithContext(ctx, "POST", s.url+"/api/v1/persons", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := s.checkedClient().Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if _, err := io.ReadAll(res.Body); err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

// allPersons reads every person an authority keeps straight from the store.
func allPersons(t *testing.T, s *server, authority string) []sojourn.Person {
	t.Helper()
	var out []sojourn.Person
	ctx := context.Background()
	for after := int64(0); ; {
		var page []sojourn.Person
		err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListPersons(ctx, authority, after, 500)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		after = page[len(page)-1].ID
	}
}
