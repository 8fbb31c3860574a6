package e2e

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/audit"
	"sojourn/service"
	"sojourn/store"
	"sojourn/store/storetest"
)

func TestClassifiedReadsAreAudited(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Aliens office")
		auditor := s.user("auditor", "auditor", "", "top_secret")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1901-02-03")
		open := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
		secret := id(s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit",
			"person_id": p, "authority": "VRD", "filed_on": "1937-11-02", "classification": "secret"}).JSON())

		before := s.auditCount()
		s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/cases/%d", open), nil)
		if n := s.auditCount(); n != before {
			t.Fatalf("an unclassified read added %d audit entries", n-before)
		}
		s.must(http.StatusNotFound, vrd.clerk, "GET", path("/api/v1/cases/%d", secret), nil)
		if n := s.auditCount(); n != before {
			t.Fatalf("a refused read added %d audit entries", n-before)
		}
		s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/cases/%d", secret), nil)
		if n := s.auditCount(); n != before+1 {
			t.Fatalf("a secret read added %d audit entries, want 1", n-before)
		}
		l := s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?action=case.read&object=case/%d", secret), nil).List()
		if len(l) != 1 || l[0]["actor"] != "VRD-officer" {
			t.Fatalf("audit of the secret read = %v", l)
		}
	})
}

func TestAuditorsSearchTheLog(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Aliens office")
		auditor := s.user("auditor", "auditor", "", "top_secret")
		for _, family := range []string{"Wirth", "Novak", "Kovac", "Horak"} {
			s.person(vrd.clerk, "VRD", "A.", family, "1900-01-01")
		}
		all := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit", nil).List()
		if len(all) != s.auditCount() {
			t.Fatalf("unfiltered search: %d entries, log has %d", len(all), s.auditCount())
		}
		byClerk := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?actor=VRD-clerk&action=person.register", nil).List()
		if len(byClerk) != 4 {
			t.Fatalf("the clerk's registrations = %v", byClerk)
		}
		from := byClerk[0]["at"].(string)
		q := url.Values{"actor": {"VRD-clerk"}, "from": {from}, "to": {byClerk[len(byClerk)-1]["at"].(string)}}
		if got := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?"+q.Encode(), nil).List(); len(got) == 0 || len(got) >= 4 {
			t.Fatalf("from %s to the last registration (exclusive): %d entries", from, len(got))
		}

		var paged []map[string]any
		after := ""
		for range len(all) + 1 {
			r := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit?limit=2"+after, nil)
			page := r.List()
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			after = "&after=" + r.Header.Get("Audit-Next-After")
		}
		if len(paged) != len(all) {
			t.Fatalf("paging by 2 gave %d entries, want %d", len(paged), len(all))
		}

		for _, bad := range []string{"after=abc", "after=16/1", "after=3", "from=yesterday", "to=1937-13-01T00:00:00Z",
			"from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "limit=501", "limit=-1", "colour=red",
			"actor=" + strings.Repeat("x", 201)} {
			r := s.malformed().must(http.StatusUnprocessableEntity, auditor, "GET", "/api/v1/audit?"+bad, nil)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("%s: content type %q", bad, ct)
			}
		}
		s.must(http.StatusForbidden, vrd.officer, "GET", "/api/v1/audit?actor=VRD-clerk", nil)
	})
}

func TestAuditorsExportTheLog(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Aliens office")
		auditor := s.user("auditor", "auditor", "", "top_secret")
		s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1901-02-03")
		pub, priv, err := audit.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		signer := service.New(s.store, service.Config{Clock: s.clock.Now, AuditKey: priv})
		if _, err := signer.Checkpoint(context.Background()); err != nil {
			t.Fatal(err)
		}
		s.person(vrd.clerk, "VRD", "Jan", "Novak", "1902-02-03") // after the checkpoint

		r := s.must(http.StatusOK, auditor, "GET", "/api/v1/audit/export", nil)
		if ct := r.Header.Get("Content-Type"); ct != "application/x-ndjson" {
			t.Errorf("content type %q", ct)
		}
		rep, err := audit.VerifyExport(bytes.NewReader(r.Body), []ed25519.PublicKey{pub})
		if err != nil || rep.Entries != s.auditCount() || rep.Checkpoints != 1 {
			t.Fatalf("export: %+v, %v (log has %d entries)", rep, err, s.auditCount())
		}
		refused := s.must(http.StatusForbidden, vrd.officer, "GET", "/api/v1/audit/export", nil)
		if ct := refused.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("refused export: content type %q", ct)
		}
		s.malformed().must(http.StatusUnauthorized, "", "GET", "/api/v1/audit/export", nil)
	})
}

// TestLargeExportOutlastsWriteTimeout exports a log that takes longer to
// stream than the server's write timeout: the export moves the deadline on
// as it writes, so the auditor gets all of it.
func TestLargeExportOutlastsWriteTimeout(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	svc := service.New(st, service.DefaultConfig())
	ctx := service.WithActor(context.Background(), sojourn.System)
	_, token, err := svc.CreateUser(ctx, sojourn.UserInput{Name: "auditor", Role: sojourn.RoleAuditor, Clearance: sojourn.TopSecret})
	if err != nil {
		t.Fatal(err)
	}
	const n = 100_000
	err = st.Write(ctx, func(tx *store.Tx) error {
		for i := range n {
			o := fmt.Sprint("case/", i)
			if _, err := tx.AppendAudit(ctx, audit.Entry{At: time.Now(), Actor: "olga", Action: "case.review", Object: o,
				Digest: audit.Keyed([]byte("test key"), []byte(o))}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := api.DefaultConfig()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ts := httptest.NewUnstartedServer(api.Handler(svc, st.Ping, cfg))
	ts.Config.WriteTimeout = 50 * time.Millisecond
	ts.Start()
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/v1/audit/export", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := (&server{t: t, url: ts.URL}).checkedClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	start := time.Now()
	rep, err := audit.VerifyExport(res.Body, nil)
	if err != nil || rep.Entries < n {
		t.Fatalf("export: %d entries, %v", rep.Entries, err)
	}
	if took := time.Since(start); took < ts.Config.WriteTimeout {
		t.Logf("the export took only %v; the write timeout was not tested", took)
	}
}
