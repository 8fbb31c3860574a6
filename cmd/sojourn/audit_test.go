package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sojourn/api"
	"sojourn/audit"
	"sojourn/service"
	"sojourn/store/storetest"
)

// auditedDB returns a migrated database holding changes made over the HTTP
// API (four of them about person 1, so its chain has at least four
// entries) and a signed checkpoint of them, with the file of the public key.
func auditedDB(t *testing.T, dialect string) (db, pubFile string) {
	db = storetest.DSN(t, dialect)
	dir := t.TempDir()
	cli := func(args ...string) string { t.Helper(); return mustCLI(t, args...) }
	cli("migrate", "--db", db)
	admin := lastWord.FindStringSubmatch(cli("user", "add", "--db", db, "--name", "root", "--role", "admin"))[1]
	changeOverHTTP(t, db, admin, func(call func(token, path string, body any)) {
		call(admin, "/api/v1/authorities", map[string]any{"code": "VRD", "name": "Aliens office", "kind": "department",
			"places": []string{"Capital"}, "valid_from": "1930-01-01", "case_types": []string{"residence_permit"}})
		clerk := lastWord.FindStringSubmatch(cli("user", "add", "--db", db, "--name", "clerk", "--role", "clerk", "--authority", "VRD"))[1]
		for _, family := range []string{"Wirth", "Novak", "Kovac"} {
			call(clerk, "/api/v1/persons", map[string]any{"authority": "VRD", "birth_date": "1900-01-01",
				"country_of_origin": "CS", "names": []map[string]string{{"script": "Latin", "given": "A.", "family": family}}})
		}
		for i := range 3 {
			call(clerk, "/api/v1/persons/1/documents", map[string]any{"kind": "passport", "number": fmt.Sprint("P", i),
				"issuing_state": "CS", "valid_from": "1930-01-01"})
		}
	})
	key := filepath.Join(dir, "audit.pem")
	out := cli("audit", "keygen", "--out", key)
	pubFile = filepath.Join(dir, "audit.pub")
	if err := os.WriteFile(pubFile, []byte(out[strings.Index(out, "-----BEGIN"):]), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := cli("audit", "checkpoint", "--db", db, "--audit-key", key); !strings.HasPrefix(out, "checkpoint 1 of ") {
		t.Fatalf("checkpoint: %q", out)
	}
	return db, pubFile
}

// mustCLI runs sojourn with args and returns its output; it must succeed.
func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	out, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("sojourn %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// changeOverHTTP serves the API over db while fn makes changes through it;
// every call must answer 201.
func changeOverHTTP(t *testing.T, db, admin string, fn func(call func(token, path string, body any))) {
	st, err := openStore(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := api.DefaultConfig()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewServer(api.Handler(service.New(st, service.DefaultConfig()), st.Ping, cfg))
	defer ts.Close()
	fn(func(token, path string, body any) {
		t.Helper()
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, res.StatusCode, msg)
		}
	})
}

// rawSQL runs statements on the database behind Sojourn's back.
func rawSQL(t *testing.T, dialect, db string, stmts ...string) {
	raw := rawDB(t, dialect, db)
	defer raw.Close()
	for _, s := range stmts {
		res, err := raw.Exec(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%s changed %d rows, want 1", s, n)
		}
	}
}

// rawDB opens a connection of its own to the database.
func rawDB(t *testing.T, dialect, db string) *sql.DB {
	driver, dsn := "pgx", db
	if dialect == "sqlite" {
		driver, dsn = "sqlite", strings.TrimPrefix(db, "sqlite:")
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// exportAndVerify runs `sojourn audit export` and `sojourn audit verify`.
func exportAndVerify(t *testing.T, db, pubFile string) (string, error) {
	file := filepath.Join(t.TempDir(), "audit.jsonl")
	if out, err := runCLI(t, "audit", "export", "--db", db, "--out", file); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	return runCLI(t, "audit", "verify", file, "--key", pubFile)
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	chain := audit.ChainOf("person/1")
	row := func(seq int) string { return fmt.Sprintf("chain = %d AND seq = %d", chain, seq) }
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			t.Run("intact", func(t *testing.T) {
				t.Parallel()
				db, pub := auditedDB(t, dialect)
				out, err := exportAndVerify(t, db, pub)
				if err != nil || !strings.HasPrefix(out, "OK: ") || !strings.Contains(out, "in 16 chains, 1 checkpoints verified") {
					t.Fatalf("intact log: %q, %v", out, err)
				}
			})
			for _, tc := range []struct {
				name   string
				tamper func(last int) []string
				seq    func(last int) int
				reason string
			}{
				{"row edited", func(int) []string {
					return []string{"UPDATE audit_log SET actor = 'mallory' WHERE " + row(2)}
				}, func(int) int { return 2 }, "changed"},
				{"row deleted in the middle", func(int) []string {
					return []string{"DELETE FROM audit_log WHERE " + row(2)}
				}, func(int) int { return 2 }, "removed"},
				{"rows swapped", func(int) []string {
					return []string{"UPDATE audit_log SET seq = -1 WHERE " + row(2), "UPDATE audit_log SET seq = 2 WHERE " + row(3),
						"UPDATE audit_log SET seq = 3 WHERE " + row(-1)}
				}, func(int) int { return 2 }, "reordered"},
				{"last row deleted after a checkpoint", func(last int) []string {
					return []string{"DELETE FROM audit_log WHERE " + row(last)}
				}, func(last int) int { return last }, "truncated"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					db, pub := auditedDB(t, dialect)
					last := chainLength(t, db, chain)
					if last < 4 {
						t.Fatalf("chain %d has %d entries; the test needs 4", chain, last)
					}
					rawSQL(t, dialect, db, tc.tamper(last)...)
					_, err := exportAndVerify(t, db, pub)
					want := fmt.Sprintf("chain %d entry %d: ", chain, tc.seq(last))
					if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), tc.reason) {
						t.Fatalf("got %v, want %q… (%s)", err, want, tc.reason)
					}
				})
			}
		})
	}
}

// chainLength returns the number of entries of a chain, from an export.
func chainLength(t *testing.T, db string, chain int) int {
	var buf bytes.Buffer
	if err := run(t.Context(), []string{"audit", "export", "--db", db}, &buf); err != nil {
		t.Fatal(err)
	}
	return strings.Count(buf.String(), fmt.Sprintf("\n{\"chain\":%d,", chain))
}

func TestAuditCommandsRefuseBadUse(t *testing.T) {
	db := storetest.DSN(t, "sqlite")
	if _, err := runCLI(t, "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	key := filepath.Join(dir, "k.pem")
	if _, err := runCLI(t, "audit", "keygen", "--out", key); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(key); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("private key file: %v, %v", info, err)
	}
	t.Setenv("SOJOURN_AUDIT_KEY", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"audit"}, "usage:"},
		{[]string{"audit", "frob"}, "usage:"},
		{[]string{"audit", "keygen", "--out", key}, "file exists"},
		{[]string{"audit", "keygen"}, "usage:"},
		{[]string{"audit", "checkpoint", "--db", db}, "no audit signing key"},
		{[]string{"audit", "checkpoint", "--db", db, "--audit-key", filepath.Join(dir, "none")}, "no such file"},
		{[]string{"audit", "verify"}, "usage:"},
		{[]string{"audit", "verify", filepath.Join(dir, "none.jsonl")}, "no such file"},
		{[]string{"audit", "verify", key}, "not an export line"},
		{[]string{"audit", "verify", key, "--key", key}, "not a PEM or base64 Ed25519 public key"},
	} {
		if out, err := runCLI(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sojourn %s: %v (%q), want %q", strings.Join(tc.args, " "), err, out, tc.want)
		}
	}
	export := filepath.Join(dir, "empty.jsonl")
	if _, err := runCLI(t, "audit", "export", "--db", db, "--out", export); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "audit", "verify", export); err != nil || !strings.Contains(out, "the log has no checkpoints") {
		t.Fatalf("verify without checkpoints: %q, %v", out, err)
	}
	t.Setenv("SOJOURN_AUDIT_KEY", key)
	witness := filepath.Join(dir, "witness.jsonl")
	t.Setenv("SOJOURN_AUDIT_WITNESS", witness)
	if out, err := runCLI(t, "audit", "checkpoint", "--db", db); err != nil || !strings.HasPrefix(out, "checkpoint 1 of 0 entries") {
		t.Fatalf("checkpoint with the key and witness from the environment: %q, %v", out, err)
	}
	if held, err := os.ReadFile(witness); err != nil || strings.Count(string(held), "\n") != 1 || !strings.HasPrefix(string(held), `{"seq":1,`) {
		t.Fatalf("witness file after one checkpoint: %q, %v", held, err)
	}
}
