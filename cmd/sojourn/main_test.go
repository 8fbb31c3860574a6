package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sojourn/store/storetest"
)

func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, &out)
	return out.String(), err
}

var lastWord = regexp.MustCompile(`(\S+)\s*$`)

func TestMigrateUserAndVersion(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			out, err := runCLI(t, "migrate", "--db", db)
			if err != nil || !strings.Contains(out, "applied 0001_init.sql") {
				t.Fatalf("migrate: %q, %v", out, err)
			}
			if out, err = runCLI(t, "migrate", "--db", db); err != nil || strings.Contains(out, "applied") {
				t.Fatalf("second migrate: %q, %v", out, err)
			}
			if _, err := runCLI(t, "user", "add", "--db", db, "--name", "root", "--role", "admin"); err != nil {
				t.Fatal(err)
			}
			out, err = runCLI(t, "user", "add", "--db", db, "--name", "auditor", "--role", "auditor", "--clearance", "secret")
			if err != nil || !strings.HasPrefix(lastWord.FindStringSubmatch(out)[1], "sj_") {
				t.Fatalf("user add: %q, %v", out, err)
			}
			if _, err := runCLI(t, "user", "add", "--db", db, "--name", "auditor", "--role", "auditor"); err == nil {
				t.Fatal("duplicate user accepted")
			}
			if _, err := runCLI(t, "user", "add", "--db", db, "--name", "c", "--role", "clerk"); err == nil {
				t.Fatal("clerk without an authority accepted")
			}
		})
	}
	if out, err := runCLI(t, "version"); err != nil || !strings.HasPrefix(out, "sojourn ") {
		t.Fatalf("version: %q, %v", out, err)
	}
	if _, err := runCLI(t, "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestServeRefusesOutdatedSchema(t *testing.T) {
	file := filepath.Join(t.TempDir(), "old.db")
	if _, err := runCLI(t, "migrate", "--db", file); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)"); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (0, 'baseline', 0)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = runCLI(t, "serve", "--db", file, "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "sojourn migrate") {
		t.Fatalf("serve on an outdated schema: %v", err)
	}
}

// TestServeDemo starts a real server with demo data on a fresh SQLite file,
// reads a person's status with the printed token, logs in to the web
// application with each printed demo login and opens its pages, and shuts
// it down.
func TestServeDemo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--db", file, "--addr", "127.0.0.1:0", "--log-level", "error"}, pw)
		pw.Close()
	}()
	var token, addr string
	buf := make([]byte, 4096)
	var seen strings.Builder
	for addr == "" || !strings.Contains(seen.String(), "demo-admin") {
		n, err := pr.Read(buf)
		if err != nil {
			t.Fatalf("server output ended: %q, %v", seen.String(), err)
		}
		seen.Write(buf[:n])
		if m := regexp.MustCompile(`token: (sj_\S+)`).FindStringSubmatch(seen.String()); m != nil {
			token = m[1]
		}
		if m := regexp.MustCompile(`serving on (http://\S+)`).FindStringSubmatch(seen.String()); m != nil {
			addr = m[1]
		}
	}
	go io.Copy(io.Discard, pr)
	req, _ := http.NewRequest("GET", addr+"/api/v1/persons/1/status?on=1938-01-01", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"state":"resident"`) {
		t.Fatalf("status: %d %s", res.StatusCode, body)
	}
	logins := regexp.MustCompile(`(?m)^  (\w+) +(demo-\S+) / (\S+)$`).FindAllStringSubmatch(seen.String(), -1)
	if len(logins) != 5 || !strings.Contains(seen.String(), "open "+addr+"/app/") {
		t.Fatalf("demo logins: %q", seen.String())
	}
	for _, l := range logins {
		checkDemoPages(t, addr, l[1], l[2], l[3])
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve ended with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func TestUserTokenAndDisable(t *testing.T) {
	db := storetest.DSN(t, "sqlite")
	if _, err := runCLI(t, "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "user", "add", "--db", db, "--name", "ana", "--role", "auditor"); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "user", "token", "--db", db, "--name", "ana", "--scope", "read", "--days", "7")
	if err != nil || !strings.HasPrefix(lastWord.FindStringSubmatch(out)[1], "sj_") || !strings.Contains(out, "read") {
		t.Fatalf("token: %q, %v", out, err)
	}
	if out, err = runCLI(t, "user", "token", "--db", db, "--name", "ana", "--revoke", "2"); err != nil || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: %q, %v", out, err)
	}
	if _, err = runCLI(t, "user", "token", "--db", db, "--name", "ana", "--revoke", "2"); err == nil {
		t.Fatal("revoked twice")
	}
	if out, err = runCLI(t, "user", "disable", "--db", db, "--name", "ana"); err != nil || !strings.Contains(out, "disabled") {
		t.Fatalf("disable: %q, %v", out, err)
	}
	if _, err = runCLI(t, "user", "frob"); err == nil {
		t.Fatal("unknown user command accepted")
	}
}

// demoPages are the main pages of the web application, each with what
// shows that its list has rows on the demo data, and the roles it is for
// (none: every role).
var demoPages = []struct {
	path, rows string
	roles      []string
}{
	{"/app/", "<tbody><tr>", []string{"clerk", "officer", "head"}},
	{"/app/dashboard", "<svg", nil},
	{"/app/persons", "<tbody><tr>", nil},
	{"/app/cases", "<tbody><tr>", nil},
	{"/app/correspondence", "<tbody><tr>", nil},
	{"/app/lapses", "<tbody><tr>", nil},
	{"/app/delegations", `<ul id="delegations"><li>`, []string{"clerk", "officer", "head"}},
	{"/app/approvals", `<table id="approvals">`, nil},
	{"/app/decrees", `<ul id="decrees"><li>`, nil},
	{"/app/decrees/1", `<ul id="elections"><li`, nil},
	{"/app/policies", "<tbody><tr>", nil},
	{"/app/audit?object=case/1", "<tbody><tr>", []string{"auditor"}},
}

// checkDemoPages logs in to the web application and opens each main page
// for the role, which must show rows of the demo data (the decree's
// elections, which a job opens, within a few seconds).
func checkDemoPages(t *testing.T, addr, role, name, password string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.PostForm(addr+"/app/login", url.Values{"name": {name}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "sojourn_session" {
			cookie = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || cookie == nil {
		t.Fatalf("%s could not log in: %d", name, res.StatusCode)
	}
	for _, page := range demoPages {
		if page.roles != nil && !slices.Contains(page.roles, role) {
			continue
		}
		for try := 0; ; try++ {
			req, _ := http.NewRequest("GET", addr+page.path, nil)
			req.AddCookie(cookie)
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !strings.Contains(string(body), name) {
				t.Fatalf("%s on %s: %d %s", name, page.path, res.StatusCode, body)
			}
			if strings.Contains(string(body), page.rows) {
				break
			}
			if try == 50 {
				t.Fatalf("%s on %s: no rows (%q): %s", name, page.path, page.rows, body)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}
