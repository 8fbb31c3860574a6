package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"sojourn"
)

// advance moves the test clock on.
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// login logs in and returns the session cookie header, or the response.
func (s *server) login(name, password string, headers ...string) (string, response) {
	return s.loginWith(map[string]string{"name": name, "password": password}, headers...)
}

// loginWith logs in with a login body (name, password, new_password) and
// returns the session cookie as a header ("" if none was set).
func (s *server) loginWith(body map[string]string, headers ...string) (string, response) {
	r := s.call("", "POST", "/api/v1/session", body, headers...)
	for _, c := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "sojourn_session=") {
			return "Cookie: " + strings.SplitN(c, ";", 2)[0], r
		}
	}
	return "", r
}

// TestAuthentication — passwords and sessions for people, scoped and
// expiring tokens for programs; everything refused is refused with 401/403.
func TestAuthentication(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.must(http.StatusNoContent, s.admin, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "correct horse battery"})

		t.Run("short password refused", func(t *testing.T) {
			s := s.with(t)
			s.malformed().must(http.StatusUnprocessableEntity, s.admin, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "short"})
		})
		t.Run("login, use, logout, replay", func(t *testing.T) {
			s := s.with(t)
			cookie, r := s.login("VRD-officer", "correct horse battery")
			if cookie == "" || !strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), ";"), "HttpOnly") {
				t.Fatalf("login: %s %v", r, r.Header)
			}
			me := s.must(http.StatusOK, "", "GET", "/api/v1/session", nil, cookie).JSON()
			if me["name"] != "VRD-officer" || me["authority"] != "VRD" {
				t.Fatalf("whoami = %v", me)
			}
			s.must(http.StatusNoContent, "", "DELETE", "/api/v1/session", nil, cookie)
			s.must(http.StatusUnauthorized, "", "GET", "/api/v1/session", nil, cookie)
			s.must(http.StatusUnauthorized, "", "DELETE", "/api/v1/session", nil, cookie)
		})
		t.Run("session rotates on login", func(t *testing.T) {
			s := s.with(t)
			first, _ := s.login("VRD-officer", "correct horse battery")
			second, _ := s.login("VRD-officer", "correct horse battery", first)
			if first == second {
				t.Fatal("same session id after a new login")
			}
			s.must(http.StatusUnauthorized, "", "GET", "/api/v1/session", nil, first)
			s.must(http.StatusOK, "", "GET", "/api/v1/session", nil, second)
		})
		t.Run("idle and absolute timeouts", func(t *testing.T) {
			s := s.with(t)
			cookie, _ := s.login("VRD-officer", "correct horse battery")
			s.clock.advance(31 * time.Minute)
			s.must(http.StatusUnauthorized, "", "GET", "/api/v1/session", nil, cookie)
			cookie, _ = s.login("VRD-officer", "correct horse battery")
			for i := range 25 { // active every 29 minutes, but for over 12 hours
				s.clock.advance(29 * time.Minute)
				if r := s.call("", "GET", "/api/v1/session", nil, cookie); r.Status != http.StatusOK {
					if i < 24 { // 24 × 29 minutes is within the 12 hours
						t.Fatalf("a session in use ended after %d uses: %s", i, r)
					}
					return
				}
			}
			t.Fatal("session outlived the absolute timeout")
		})
		t.Run("wrong password and throttling", func(t *testing.T) {
			s := s.with(t)
			for range 5 {
				_, r := s.login("VRD-officer", "wrong password!")
				if r.Status != http.StatusUnauthorized {
					t.Fatalf("wrong password: %s", r)
				}
			}
			if _, r := s.login("VRD-officer", "correct horse battery"); r.Status != http.StatusTooManyRequests {
				t.Fatalf("sixth attempt: %s", r)
			}
			s.clock.advance(16 * time.Minute)
			if c, r := s.login("VRD-officer", "correct horse battery"); c == "" {
				t.Fatalf("after the window: %s", r)
			}
			if _, r := s.login("nobody", "x"); r.Status != http.StatusUnauthorized {
				t.Fatalf("unknown user: %s", r)
			}
		})
		t.Run("cross-site POST refused", func(t *testing.T) {
			s := s.with(t)
			cookie, _ := s.login("VRD-officer", "correct horse battery")
			r := s.malformed().call("", "POST", "/api/v1/persons", map[string]any{}, cookie, "Sec-Fetch-Site: cross-site", "Origin: https://evil.example")
			if r.Status != http.StatusForbidden {
				t.Fatalf("cross-site request: %s", r)
			}
		})
		t.Run("read-only token", func(t *testing.T) {
			s := s.with(t)
			k := s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/users/VRD-officer/tokens", map[string]any{"name": "report script", "scope": "read"}).JSON()
			ro := k["secret"].(string)
			s.must(http.StatusOK, ro, "GET", "/api/v1/persons", nil)
			s.must(http.StatusForbidden, ro, "POST", "/api/v1/persons", map[string]any{"authority": "VRD", "birth_date": "1910-01-01",
				"country_of_origin": "CS", "names": []map[string]string{{"script": "Latin", "family": "Lang"}}})
		})
		t.Run("revoked token", func(t *testing.T) {
			s := s.with(t)
			k := s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/users/VRD-officer/tokens", map[string]any{"name": "laptop", "scope": "write"}).JSON()
			secret, tokenID := k["secret"].(string), id(k["token"].(map[string]any))
			s.must(http.StatusOK, secret, "GET", "/api/v1/session", nil)
			s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/users/VRD-officer/tokens/%d/revocation", tokenID), nil)
			s.must(http.StatusUnauthorized, secret, "GET", "/api/v1/session", nil)
			s.must(http.StatusNotFound, vrd.clerk, "GET", "/api/v1/users/VRD-officer/tokens", nil)
		})
		t.Run("expired token", func(t *testing.T) {
			s := s.with(t)
			k := s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/users/VRD-officer/tokens", map[string]any{"name": "short", "scope": "write", "expires_in_days": 1}).JSON()
			secret := k["secret"].(string)
			s.must(http.StatusOK, secret, "GET", "/api/v1/session", nil)
			s.clock.advance(25 * time.Hour)
			s.must(http.StatusUnauthorized, secret, "GET", "/api/v1/session", nil)
		})
		t.Run("disabled user", func(t *testing.T) {
			s := s.with(t)
			clerk := s.user("temp-clerk", sojourn.RoleClerk, "VRD", sojourn.Unclassified)
			s.must(http.StatusOK, clerk, "GET", "/api/v1/session", nil)
			s.must(http.StatusNoContent, s.admin, "POST", "/api/v1/users/temp-clerk/disable", nil)
			s.must(http.StatusUnauthorized, clerk, "GET", "/api/v1/session", nil)
		})
		t.Run("logins and logouts are audited", func(t *testing.T) {
			s := s.with(t)
			auditor := s.user("aud", sojourn.RoleAuditor, "", sojourn.TopSecret)
			entries := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?limit=500", nil).List()
			seen := map[string]bool{}
			for _, e := range entries {
				seen[e["action"].(string)] = true
			}
			for _, a := range []string{"session.login", "session.logout", "session.login_failed"} {
				if !seen[a] {
					t.Errorf("no %s in the audit log", a)
				}
			}
		})
	})
}
