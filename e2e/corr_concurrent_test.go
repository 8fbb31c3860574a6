package e2e

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentRegistrationNumbers — 1,000 registrations at once in one
// series get 1,000 distinct, consecutive numbers, 1 to 1,000, with no
// gap, on both databases; a registration refused midway takes no number.
func TestConcurrentRegistrationNumbers(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS9()
		const n = 1000
		numbers := make([]string, n)
		var wg sync.WaitGroup
		sem := make(chan struct{}, 32)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				in := letter(w.s, "1956-05-01", "Concurrent "+strconv.Itoa(i))
				if i%100 == 0 { // refused after its references are read: takes no number
					in["reply_to"] = 999999
					if r := s.call(w.vrd.clerk, "POST", "/api/v1/correspondence", in); r.Status != http.StatusUnprocessableEntity {
						t.Errorf("bad reply_to: %s", r)
					}
					delete(in, "reply_to")
				}
				r := s.call(w.vrd.clerk, "POST", "/api/v1/correspondence", in)
				if r.Status != http.StatusCreated {
					t.Errorf("registration %d: %s", i, r)
					return
				}
				numbers[i], _ = r.JSON()["number"].(string)
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}
		seqs := make([]int, n)
		for i, num := range numbers {
			v, err := strconv.Atoi(strings.TrimPrefix(num, "25-S-"))
			if err != nil {
				t.Fatalf("number %q", num)
			}
			seqs[i] = v
		}
		slices.Sort(seqs)
		for i, v := range seqs {
			if v != i+1 {
				t.Fatalf("sorted numbers at %d: %d (want %d); a gap or a number given twice", i, v, i+1)
			}
		}
	})
}
