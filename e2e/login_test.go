package e2e

import (
	"net/http"
	"sync"
	"testing"
)

// TestLoginThrottleIsAtomic — parallel wrong guesses at one account are
// counted one at a time: no more than the limit (5) are checked at all, on
// PostgreSQL as on SQLite; unknown names answer and are audited alike; and
// successful logins do not use up their address's allowance.
func TestLoginThrottleIsAtomic(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s.setupOffice("VRD", "Visa and Registration Department")
		auditor := s.user("auditor", "auditor", "", "top_secret")
		s.must(http.StatusNoContent, s.admin, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "correct horse battery"})

		t.Run("successes are not failures", func(t *testing.T) {
			s := s.with(t)
			for range 25 { // the address allows 20 failures
				if cookie, r := s.login("VRD-officer", "correct horse battery"); cookie == "" {
					t.Fatalf("login: %s", r)
				}
			}
		})
		t.Run("parallel guesses", func(t *testing.T) {
			s := s.with(t)
			var mu sync.Mutex
			statuses := map[int]int{}
			var wg sync.WaitGroup
			for range 40 {
				wg.Go(func() {
					_, r := s.login("VRD-officer", "wrong password!")
					mu.Lock()
					statuses[r.Status]++
					mu.Unlock()
				})
			}
			wg.Wait()
			if statuses[http.StatusUnauthorized] != 5 || statuses[http.StatusTooManyRequests] != 35 {
				t.Fatalf("40 parallel wrong guesses answered %v; want 5 checked (401), 35 refused (429)", statuses)
			}
			failed := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?action=session.login_failed&limit=500", nil).List()
			if len(failed) != 5 {
				t.Fatalf("%d failed logins audited, want 5", len(failed))
			}
		})
		t.Run("unknown names", func(t *testing.T) {
			s := s.with(t)
			_, known := s.login("VRD-clerk", "wrong password!")
			_, unknown := s.login("nobody", "wrong password!")
			if known.Status != http.StatusUnauthorized || known.withoutInstance() != unknown.withoutInstance() {
				t.Fatalf("a known name answers %s but an unknown one %s", known, unknown)
			}
			l := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?action=session.login_failed&object=user/unknown", nil).List()
			if len(l) != 1 {
				t.Fatalf("failed logins of unknown names audited: %v", l)
			}
		})
	})
}
