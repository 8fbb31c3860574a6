package e2e

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sojourn"
	"sojourn/audit"
	"sojourn/service"
)

// rawSQL runs statements on the server's database behind Sojourn's back,
// as someone holding the database could; each must change one row.
func (s *server) rawSQL(stmts ...string) {
	s.t.Helper()
	s.raw(func(db *sql.DB) error {
		for _, q := range stmts {
			res, err := db.Exec(q)
			if err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return fmt.Errorf("%s changed %d rows, want 1", q, n)
			}
		}
		return nil
	})
}

// raw runs fn on a connection of its own to the server's database.
func (s *server) raw(fn func(*sql.DB) error) {
	s.t.Helper()
	driver, dsn := "pgx", s.dsn
	if rest, ok := strings.CutPrefix(s.dsn, "sqlite:"); ok {
		driver, dsn = "sqlite", rest
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		s.t.Fatal(err)
	}
	defer db.Close()
	if err := fn(db); err != nil {
		s.t.Fatal(err)
	}
}

// rawInt reads one number from the database directly.
func (s *server) rawInt(query string) int64 {
	s.t.Helper()
	var n int64
	s.raw(func(db *sql.DB) error { return db.QueryRow(query).Scan(&n) })
	return n
}

// verifyRows verifies the stored log and every business row, as
// `sojourn audit verify --db` does.
func (s *server) verifyRows() (audit.Report, error) {
	ctx := service.WithActor(context.Background(), sojourn.Actor{Name: "auditor", Role: sojourn.RoleAuditor, Clearance: sojourn.TopSecret})
	return s.svc.VerifyAudit(ctx, service.VerifyOptions{})
}

// TestRowDigestsCatchBusinessRowsChangedBehindSojournsBack makes changes
// over the HTTP API, then edits a decision's grounds, declassifies a case,
// deletes a status fact, edits a user's role and inserts a person directly
// in the database: verification names each row.
func TestRowDigestsCatchBusinessRowsChangedBehindSojournsBack(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(ids map[string]int64) string
		table  string
		id     func(ids map[string]int64) int64
		reason string
	}{
		{"untouched", nil, "", nil, ""},
		{"grounds edited", func(ids map[string]int64) string {
			return fmt.Sprintf("UPDATE decisions SET grounds = 'Requirements not met.' WHERE id = %d", ids["decision"])
		}, "decisions", func(ids map[string]int64) int64 { return ids["decision"] }, "differs from its audited digest"},
		{"case declassified", func(ids map[string]int64) string {
			return fmt.Sprintf("UPDATE cases SET classification = 'unclassified' WHERE id = %d", ids["secret"])
		}, "cases", func(ids map[string]int64) int64 { return ids["secret"] }, "differs from its audited digest"},
		{"status fact deleted", func(ids map[string]int64) string {
			return fmt.Sprintf("DELETE FROM status_facts WHERE id = %d", ids["fact"])
		}, "status_facts", func(ids map[string]int64) int64 { return ids["fact"] }, "is missing"},
		{"clerk made admin", func(ids map[string]int64) string {
			return fmt.Sprintf("UPDATE users SET role = 'admin' WHERE id = %d", ids["clerk"])
		}, "users", func(ids map[string]int64) int64 { return ids["clerk"] }, "differs from its audited digest"},
		{"person inserted", func(ids map[string]int64) string {
			return "INSERT INTO persons (id, authority, names, birth_date, country, created_at) VALUES (999, 'VRD', '[]', '1900-01-01', 'CS', 0)"
		}, "persons", func(map[string]int64) int64 { return 999 }, "has no audit entry"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachDialect(t, func(t *testing.T, s *server) {
				ids := rowDigestFixture(t, s)
				if tc.tamper == nil {
					rep, err := s.verifyRows()
					if err != nil || rep.Rows < 10 {
						t.Fatalf("untouched database: %+v, %v", rep, err)
					}
					return
				}
				s.rawSQL(tc.tamper(ids))
				_, err := s.verifyRows()
				var re *audit.RowError
				if !errors.As(err, &re) || re.Table != tc.table || re.ID != tc.id(ids) || !strings.Contains(re.Reason, tc.reason) {
					t.Fatalf("got %v, want %s row %d: %s", err, tc.table, tc.id(ids), tc.reason)
				}
			})
		})
	}
}

// rowDigestFixture decides a case granting a permit (a decision, a permit
// and status facts), files a secret case and a user, over the API, and
// returns their ids.
func rowDigestFixture(t *testing.T, s *server) map[string]int64 {
	vrd := s.setupOffice("VRD", "Aliens office")
	p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1901-02-03")
	decision := s.grantPermit(vrd, p, "1937-11-02", "1938-11-01")
	secret := id(s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit",
		"person_id": p, "authority": "VRD", "filed_on": "1937-11-02", "classification": "secret"}).JSON())
	facts := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", p), nil).List()
	if len(facts) == 0 {
		t.Fatal("the grant recorded no status fact")
	}
	return map[string]int64{"decision": id(decision), "secret": secret, "fact": id(facts[0]),
		"clerk": s.rawInt("SELECT id FROM users WHERE name = 'VRD-clerk'")}
}
