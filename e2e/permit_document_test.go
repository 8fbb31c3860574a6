package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"sojourn/paper/papertest"
)

// threeScriptPerson registers Anna Wirth with her name in Latin, Cyrillic
// and Hangul.
func (s *server) threeScriptPerson(token, authority string) int64 {
	s.t.Helper()
	return id(s.must(http.StatusCreated, token, "POST", "/api/v1/persons", map[string]any{
		"authority": authority, "birth_date": "1905-03-14", "country_of_origin": "CS",
		"names": []map[string]string{{"script": "Latin", "given": "Anna", "family": "Wirth"},
			{"script": "Cyrillic", "given": "Анна", "family": "Вирт"}, {"script": "Hangul", "given": "안나", "family": "비르트"}},
	}).JSON())
}

// verifyPath is the path of a verification URL on the test server.
func (s *server) verifyPath(t *testing.T, url string) string {
	t.Helper()
	p, ok := strings.CutPrefix(url, s.url)
	if !ok || !strings.HasPrefix(p, "/verify/") {
		t.Fatalf("verification URL %q is not %s/verify/…", url, s.url)
	}
	return p
}

// checkPage fetches a verification page as HTML with no login, and checks
// it says status and shows nothing of the holder but their initials.
func (s *server) checkPage(t *testing.T, path, status string) string {
	t.Helper()
	want := http.StatusOK
	if status == "unknown" {
		want = http.StatusNotFound
	}
	r := s.must(want, "", "GET", path, nil, "Accept: text/html")
	page := string(r.Body)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(page, `<strong id="status">`+status+`</strong>`) {
		t.Fatalf("page %s should say %s: %s", path, status, page)
	}
	for _, secret := range []string{"Anna", "Wirth", "Вирт", "Анна", "비르트", "1905-03-14", "VRD", "Visa"} {
		if strings.Contains(page, secret) {
			t.Fatalf("the public page shows %q: %s", secret, page)
		}
	}
	return page
}

// checkJSON fetches a verification page as JSON and returns it; it has
// only the allowed keys.
func (s *server) checkJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	r := s.call("", "GET", path, nil, "Accept: application/json")
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("GET %s as JSON: %s", path, r)
	}
	for k := range m {
		if !slices.Contains([]string{"status", "number", "initials", "valid_from", "valid_to"}, k) {
			t.Fatalf("the public check shows %q: %v", k, m)
		}
	}
	return m
}

// TestPermitDocument: a grant's permit as PDF holds the names in three
// scripts and a QR code of its public verification page, which says valid,
// and revoked after a reasoned revocation (which also ends the permit in
// the ledger); an expired permit and unknown codes; nothing else shown;
// jurisdiction, clearance and bad input.
func TestPermitDocument(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		anna := s.threeScriptPerson(vrd.clerk, "VRD")
		s.grantPermit(vrd, anna, "2026-01-15", "2027-01-14")

		p := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/permits/R-000001", nil).JSON()
		url, _ := p["verify_url"].(string)
		if p["status"] != "valid" || p["issued_on"] != "2026-01-15" || len(p["holder"].([]any)) != 3 || url == "" {
			t.Fatalf("permit = %v", p)
		}
		verify := s.verifyPath(t, url)
		if len(strings.TrimPrefix(verify, "/verify/")) < 22 {
			t.Fatalf("token in %s is shorter than 128 bits", verify)
		}

		t.Run("pdf", func(t *testing.T) {
			s := s.with(t)
			r := s.must(http.StatusOK, vrd.clerk, "GET", "/api/v1/permits/R-000001", nil, "Accept: application/pdf")
			if r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(r.Body), "%PDF-") {
				t.Fatalf("PDF answer: %s %q", r.Header.Get("Content-Type"), r.Body[:min(len(r.Body), 16)])
			}
			text, err := papertest.Text(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"R-000001", "Wirth, Anna", "Вирт, Анна", "비르트, 안나", "2026-01-15", "2027-01-14", "Visa and Registration Department"} {
				if !strings.Contains(text, want) {
					t.Errorf("the permit lacks %q:\n%s", want, text)
				}
			}
			codes, err := papertest.QRCodes(r.Body)
			if err != nil || len(codes) != 1 || codes[0] != url {
				t.Fatalf("QR codes %q (%v), want [%s]", codes, err, url)
			}
		})

		t.Run("valid_then_revoked", func(t *testing.T) {
			s := s.with(t)
			page := s.checkPage(t, verify, "valid")
			if !strings.Contains(page, "R-000001") || !strings.Contains(page, "A. W.") || !strings.Contains(page, "2027-01-14") {
				t.Fatalf("page lacks number, initials or validity: %s", page)
			}
			if m := s.checkJSON(t, verify); m["status"] != "valid" || m["initials"] != "A. W." || m["valid_to"] != "2027-01-14" {
				t.Fatalf("JSON check = %v", m)
			}
			before := s.auditCount()
			rev := "/api/v1/permits/R-000001/revocation"
			for _, bad := range []struct {
				token string
				body  any
				want  int
				field string
			}{
				{vrd.officer, map[string]any{}, http.StatusUnprocessableEntity, "grounds"},
				{vrd.officer, map[string]any{"revoked_on": "2026-02-01", "grounds": "Fraud.", "legal_refs": []string{}}, http.StatusUnprocessableEntity, "legal_refs"},
				{vrd.officer, map[string]any{"revoked_on": "2026-09-01", "grounds": "Fraud.", "legal_refs": []string{"Decree §9"}}, http.StatusUnprocessableEntity, "revoked_on"},
				{vrd.officer, map[string]any{"revoked_on": "2026-01-01", "grounds": "Fraud.", "legal_refs": []string{"Decree §9"}}, http.StatusUnprocessableEntity, "revoked_on"},
				{vrd.officer, map[string]any{"revoked_on": "2026-02-30", "grounds": "Fraud.", "legal_refs": []string{"Decree §9"}}, http.StatusUnprocessableEntity, "revoked_on"},
				{vrd.clerk, map[string]any{"revoked_on": "2026-02-01", "grounds": "Fraud.", "legal_refs": []string{"Decree §9"}}, http.StatusForbidden, ""},
			} {
				r := s.malformed().call(bad.token, "POST", rev, bad.body)
				if r.Status != bad.want || !strings.Contains(string(r.Body), bad.field) {
					t.Fatalf("revocation %v: %s, want %d naming %q", bad.body, r, bad.want, bad.field)
				}
			}
			if n := s.auditCount(); n != before {
				t.Fatalf("refused revocations wrote %d audit entries", n-before)
			}
			r := s.must(http.StatusOK, vrd.officer, "POST", rev, map[string]any{
				"revoked_on": "2026-02-01", "grounds": "Obtained by false statements.", "legal_refs": []string{"Residence Decree 1930 §9"}}).JSON()
			if r["status"] != "revoked" || r["revocation"].(map[string]any)["revoked_by"] != "VRD-officer" {
				t.Fatalf("revoked permit = %v", r)
			}
			if s.auditCount() != before+1 {
				t.Fatal("the revocation is not audited")
			}
			s.must(http.StatusConflict, vrd.officer, "POST", rev, map[string]any{
				"revoked_on": "2026-02-01", "grounds": "Again.", "legal_refs": []string{"Residence Decree 1930 §9"}})
			s.checkPage(t, verify, "revoked")
			if m := s.checkJSON(t, verify); m["status"] != "revoked" {
				t.Fatalf("JSON check after revocation = %v", m)
			}
			st := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=2026-02-15", anna), nil).JSON()
			if st["state"] != "no_legal_status" {
				t.Fatalf("status after the revocation = %v", st)
			}
			st = s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons/%d/status?on=2026-01-20", anna), nil).JSON()
			if st["state"] != "resident" {
				t.Fatalf("status before the revocation = %v", st)
			}
		})

		t.Run("expired", func(t *testing.T) {
			s := s.with(t)
			old := s.person(vrd.clerk, "VRD", "Karl", "Brenner", "1900-01-01")
			c := s.grantPermit(vrd, old, "2024-01-01", "2024-12-31")
			num := c["decisions"].([]any)[0].(map[string]any)["permit"].(map[string]any)["number"].(string)
			p := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/permits/"+num, nil).JSON()
			if p["status"] != "expired" {
				t.Fatalf("permit = %v", p)
			}
			s.checkPage(t, s.verifyPath(t, p["verify_url"].(string)), "expired")
		})

		t.Run("unknown", func(t *testing.T) {
			s := s.with(t)
			tampered := verify[:len(verify)-1] + "A"
			if tampered == verify {
				tampered = verify[:len(verify)-1] + "B"
			}
			for _, p := range []string{tampered, "/verify/x", "/verify/" + strings.Repeat("Z", 300), "/verify/%3Cscript%3E"} {
				page := s.checkPage(t, p, "unknown")
				if strings.Contains(page, "R-0000") || strings.Contains(page, "<script>") {
					t.Fatalf("unknown page shows more: %s", page)
				}
				if m := s.checkJSON(t, p); len(m) != 1 || m["status"] != "unknown" {
					t.Fatalf("unknown JSON = %v", m)
				}
			}
		})

		t.Run("jurisdiction_clearance_input", func(t *testing.T) {
			s := s.with(t)
			rso := s.setupOffice("RSO", "Regional Service Office")
			s.grantPermit(rso, s.person(rso.clerk, "RSO", "Lena", "Roth", "1912-02-02"), "2026-01-10", "2026-12-31")
			if p := s.must(http.StatusOK, rso.clerk, "GET", "/api/v1/permits/R-000001", nil).JSON(); p["authority"] != "RSO" {
				t.Fatalf("RSO's R-000001 = %v", p)
			}
			s.must(http.StatusNotFound, rso.clerk, "GET", "/api/v1/permits/R-000002", nil)
			s.must(http.StatusNotFound, rso.clerk, "GET", "/api/v1/permits/R-000001?authority=VRD", nil)
			s.must(http.StatusNotFound, rso.officer, "POST", "/api/v1/permits/R-000001/revocation?authority=VRD", map[string]any{
				"revoked_on": "2026-02-01", "grounds": "x", "legal_refs": []string{"y"}})
			if r := s.call(s.admin, "GET", "/api/v1/permits/R-000001", nil); r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "authority") {
				t.Fatalf("an ambiguous number: %s", r)
			}
			s.must(http.StatusOK, s.admin, "GET", "/api/v1/permits/R-000001?authority=VRD", nil)

			secret := s.person(vrd.clerk, "VRD", "Otto", "Keller", "1901-01-01")
			c := s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit", "person_id": secret,
				"authority": "VRD", "filed_on": "2026-02-01", "classification": "secret"}).JSON()
			d := s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", id(c)), byHand(map[string]any{
				"outcome": "grant", "grounds": "Requirements met.", "decided_on": "2026-02-01"})).JSON()
			num := d["decisions"].([]any)[0].(map[string]any)["permit"].(map[string]any)["number"].(string)
			s.must(http.StatusNotFound, vrd.clerk, "GET", "/api/v1/permits/"+num, nil)
			before := s.auditCount()
			s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/permits/"+num, nil, "Accept: application/pdf")
			if s.auditCount() != before+1 {
				t.Fatal("reading a classified permit is not audited")
			}
			for _, bad := range []struct{ path, field string }{
				{"/api/v1/permits/" + strings.Repeat("R", 40), "number"},
				{"/api/v1/permits/R-000001?authority=" + strings.Repeat("V", 20), "authority"},
				{"/api/v1/permits/R-000001?colour=red", "colour"},
			} {
				if r := s.malformed().call(vrd.clerk, "GET", bad.path, nil); r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), bad.field) {
					t.Fatalf("GET %s: %s, want 422 naming %s", bad.path, r, bad.field)
				}
			}
			s.malformed().must(http.StatusUnauthorized, "", "GET", "/api/v1/permits/R-000001", nil)
		})
	})
}

// TestVerifyRateLimited: one client address gets 20 checks at once, then
// 429 with Retry-After.
func TestVerifyRateLimited(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		for i := range 20 {
			if r := s.call("", "GET", "/verify/nothing-here", nil); r.Status != http.StatusNotFound {
				t.Fatalf("check %d: %s", i+1, r)
			}
		}
		r := s.call("", "GET", "/verify/nothing-here", nil)
		if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" ||
			!strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("check 21: %s %v", r, r.Header)
		}
	})
}
