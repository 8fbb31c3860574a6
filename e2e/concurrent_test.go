package e2e

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentUsers — many users created at once (each creation appends
// to two audit chains, in no fixed order of the callers) all succeed: no
// transaction deadlocks on the audit chain heads, and every entry is
// written.
func TestConcurrentUsers(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		const clients, each = 32, 8
		before := s.auditCount()
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					r := s.call(s.admin, "POST", "/api/v1/users", map[string]any{
						"name": fmt.Sprintf("auditor-%d-%d", c, i), "role": "auditor"})
					if r.Status != http.StatusCreated {
						t.Errorf("create user: %s", r)
					}
				}
			}()
		}
		wg.Wait()
		if got, want := s.auditCount()-before, 2*clients*each; got != want {
			t.Errorf("%d audit entries written, want %d", got, want)
		}
	})
}
