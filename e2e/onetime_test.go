package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestOneTimePassword — an administrator's reset gives a one-time password
// (shown once) and ends the user's sessions; it logs in only together with
// a new password ("password change required" otherwise, and only to
// someone who knows it), which then replaces it; nobody else may reset.
func TestOneTimePassword(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.must(http.StatusNoContent, s.admin, "PUT", "/api/v1/users/VRD-officer/password", map[string]string{"password": "correct horse battery"})
		old, _ := s.login("VRD-officer", "correct horse battery")
		reset := func() string {
			r := s.must(http.StatusOK, s.admin, "POST", "/api/v1/users/VRD-officer/password-reset", nil).JSON()
			return r["one_time_password"].(string)
		}
		once := reset()
		if len(once) < 20 {
			t.Fatalf("one-time password %q", once)
		}
		s.must(http.StatusUnauthorized, "", "GET", "/api/v1/session", nil, old)
		s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/session", nil) // tokens stay

		login := func(password, newPassword string) (string, response) {
			return s.loginWith(map[string]string{"name": "VRD-officer", "password": password, "new_password": newPassword})
		}
		if _, r := login("correct horse battery", ""); r.Status != http.StatusUnauthorized {
			t.Fatalf("the old password after a reset: %s", r)
		}
		if _, r := login("not the password", ""); r.Status != http.StatusUnauthorized {
			t.Fatalf("a wrong password: %s", r)
		}
		for newPassword, want := range map[string]string{
			"":      "is required: this is a one-time password",
			"short": "must be at least 12 characters",
			once:    "must differ from the password it replaces",
		} {
			cookie, r := login(once, newPassword)
			if r.Status != http.StatusForbidden || cookie != "" || r.JSON()["detail"] != "password change required" ||
				!strings.HasPrefix(problemFields(r)["body.new_password"], want) {
				t.Fatalf("one-time password with new_password %q: %s", newPassword, r)
			}
		}
		cookie, r := login(once, "a passphrase of my own")
		if cookie == "" {
			t.Fatalf("one-time password with a new one: %s", r)
		}
		if me := s.must(http.StatusOK, "", "GET", "/api/v1/session", nil, cookie).JSON(); me["name"] != "VRD-officer" {
			t.Fatalf("session after the change = %v", me)
		}
		if _, r := login(once, ""); r.Status != http.StatusUnauthorized {
			t.Fatalf("the one-time password once used: %s", r)
		}
		if cookie, r := s.login("VRD-officer", "a passphrase of my own"); cookie == "" {
			t.Fatalf("the new password: %s", r)
		}
		s.must(http.StatusForbidden, vrd.officer, "POST", "/api/v1/users/VRD-clerk/password-reset", nil)
		s.must(http.StatusNotFound, s.admin, "POST", "/api/v1/users/nobody/password-reset", nil)
		byActor := map[string]int{}
		for _, e := range s.must(http.StatusOK, s.user("auditor", "auditor", "", "top_secret"), "GET",
			"/api/v1/audit?action=users.manage&limit=500", nil).List() {
			byActor[e["actor"].(string)]++
		}
		if byActor["VRD-officer"] != 1 {
			t.Fatalf("the change at login is not audited as the user's: %v", byActor)
		}
	})
}
