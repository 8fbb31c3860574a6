package e2e

import (
	"net/http"
	"testing"
)

// TestReadOnlyTokenChangesNothing — a token of scope read changes nothing
// on any write route, its owner's password and tokens included, so it can
// never become write access; changing one's own password needs the current
// one.
func TestReadOnlyTokenChangesNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.must(http.StatusNoContent, s.admin, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "correct horse battery"})
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		c := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
		issue := func(owner, token, scope string) (string, int64) {
			k := s.must(http.StatusCreated, token, "POST", "/api/v1/users/"+owner+"/tokens", map[string]any{"name": scope, "scope": scope}).JSON()
			return k["secret"].(string), id(k["token"].(map[string]any))
		}
		ro, _ := issue("VRD-officer", vrd.officer, "read")
		_, writeID := issue("VRD-officer", vrd.officer, "write")
		adminRO, _ := issue("admin", s.admin, "read")
		n := s.auditCount()

		writes := []struct {
			name, token, method, path string
			body                      any
		}{
			{"set own password", ro, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "stolen but long enough"}},
			{"set own password, current given", ro, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "stolen but long enough", "current_password": "correct horse battery"}},
			{"issue a token", ro, "POST", "/api/v1/users/VRD-officer/tokens", map[string]any{"name": "escalate", "scope": "write"}},
			{"revoke a token", ro, "POST", path("/api/v1/users/VRD-officer/tokens/%d/revocation", writeID), nil},
			{"log out", ro, "DELETE", "/api/v1/session", nil},
			{"review a case", ro, "POST", path("/api/v1/cases/%d/review", c), nil},
			{"add evidence", ro, "POST", path("/api/v1/cases/%d/evidence", c), map[string]any{"kind": "stated", "claim": "c", "source": "s", "received_on": "1937-11-03"}},
			{"decide", ro, "POST", path("/api/v1/cases/%d/decision", c), map[string]any{"outcome": "deny", "grounds": "g", "decided_on": "1937-11-20"}},
			{"file a case", ro, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit", "person_id": p, "authority": "VRD", "filed_on": "1937-11-02"}},
			{"admin creates a user", adminRO, "POST", "/api/v1/users", map[string]any{"name": "mole", "role": "admin"}},
			{"admin sets a password", adminRO, "PUT", "/api/v1/users/VRD-clerk/password", map[string]string{"password": "another long password"}},
			{"admin disables a user", adminRO, "POST", "/api/v1/users/VRD-clerk/disable", nil},
			{"admin creates an authority", adminRO, "POST", "/api/v1/authorities", map[string]any{"code": "NEW", "name": "n", "kind": "office", "valid_from": "1930-01-01"}},
		}
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				s := s.with(t)
				if r := s.call(w.token, w.method, w.path, w.body); r.Status != http.StatusForbidden {
					t.Fatalf("with a read-only token: %s, want 403", r)
				}
			})
		}
		if s.auditCount() != n {
			t.Fatal("read-only calls changed the audit log")
		}
		if _, r := s.login("VRD-officer", "stolen but long enough"); r.Status != http.StatusUnauthorized {
			t.Fatalf("login with the password a read-only token tried to set: %s", r)
		}
		s.must(http.StatusOK, ro, "GET", path("/api/v1/cases/%d", c), nil)

		t.Run("own password needs the current one", func(t *testing.T) {
			s := s.with(t)
			pw := "/api/v1/users/VRD-officer/password"
			s.must(http.StatusForbidden, vrd.officer, "PUT", pw, map[string]string{"password": "a new long password"})
			s.must(http.StatusForbidden, vrd.officer, "PUT", pw, map[string]string{"password": "a new long password", "current_password": "wrong password!"})
			s.must(http.StatusNoContent, vrd.officer, "PUT", pw, map[string]string{"password": "a new long password", "current_password": "correct horse battery"})
			if cookie, r := s.login("VRD-officer", "a new long password"); cookie == "" {
				t.Fatalf("login with the new password: %s", r)
			}
		})
	})
}
