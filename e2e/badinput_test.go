package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"sojourn"
	"sojourn/match"
)

// endpoint is a POST endpoint with a valid body, a string field, a required
// field and (if any) a date field to spoil.
type endpoint struct {
	path     string
	token    string
	valid    map[string]any
	str      string // a string field, to send as a number
	required string // a field whose absence is invalid
	date     string // a date field, to send as 1937-02-30
}

// TestBadInput — every endpoint answers malformed JSON, unknown fields, wrong
// types, missing fields, impossible dates, huge bodies and bad tokens with a
// 4xx problem+json, and nothing changes (the audit log stays as it was);
// the same valid bodies with a valid token are then accepted.
func TestBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		open := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
		decided := id(s.grantPermit(vrd, p, "1937-11-10", "1938-11-09"))
		fact := id(s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/facts", p), nil).List()[0])
		s.passport(vrd.clerk, p, "P-1", "1930-01-01", "1945-01-09")
		doc := id(s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d", p), nil).JSON()["documents"].([]any)[0].(map[string]any))

		endpoints := []endpoint{
			{"/api/v1/authorities", s.admin, map[string]any{"code": "NEW", "name": "New office", "kind": "office", "valid_from": "1930-01-01"}, "name", "code", "valid_from"},
			{"/api/v1/sponsors", s.admin, map[string]any{"code": "CAD", "name": "Cadres Department", "country": "CS"}, "name", "country", ""},
			{"/api/v1/sponsors/IAS/accreditations", s.admin, map[string]any{"authority": "VRD", "valid_from": "1936-01-01"}, "authority", "valid_from", "valid_from"},
			{"/api/v1/sponsors/IAS/accreditations/1/revocation", s.admin, map[string]any{"revoked_on": "1939-01-01", "reason": "r"}, "reason", "reason", "revoked_on"},
			{"/api/v1/users", s.admin, map[string]any{"name": "new-clerk", "role": "clerk", "authority": "VRD"}, "name", "role", ""},
			{"/api/v1/persons", vrd.clerk, map[string]any{"authority": "VRD", "birth_date": "1910-01-01", "country_of_origin": "CS",
				"names": []map[string]string{{"script": "Latin", "family": "Lang"}}}, "country_of_origin", "names", "birth_date"},
			{path("/api/v1/persons/%d/documents", p), vrd.clerk, map[string]any{"kind": "passport", "number": "X1", "issuing_state": "CS",
				"valid_from": "1930-01-01"}, "number", "number", "valid_from"},
			{"/api/v1/cases", vrd.clerk, map[string]any{"type": "residence_permit", "person_id": p, "authority": "VRD",
				"filed_on": "1937-12-01"}, "authority", "filed_on", "filed_on"},
			{path("/api/v1/cases/%d/evidence", open), vrd.clerk, map[string]any{"kind": "stated", "claim": "c", "source": "s",
				"received_on": "1937-11-03"}, "claim", "source", "received_on"},
			{path("/api/v1/cases/%d/decision", open), vrd.officer, byHand(map[string]any{"outcome": "deny", "grounds": "g",
				"decided_on": "1937-11-20"}), "grounds", "grounds", "decided_on"},
			{path("/api/v1/cases/%d/appeal", decided), vrd.clerk, map[string]any{"grounds": "g", "lodged_on": "1937-12-01"}, "grounds", "grounds", "lodged_on"},
			{path("/api/v1/cases/%d/close", decided), vrd.officer, map[string]any{"reason": "done", "closed_on": "1937-12-01"}, "reason", "reason", "closed_on"},
			{path("/api/v1/persons/%d/facts/%d/corrections", p, fact), vrd.officer, map[string]any{"valid_to": "1938-01-31", "reason": "r"}, "reason", "reason", "valid_to"},
			{path("/api/v1/persons/%d/corrections", p), vrd.officer, map[string]any{"birth_date": "1905-03-15", "reason": "r"}, "reason", "reason", "birth_date"},
			{path("/api/v1/persons/%d/documents/%d/corrections", p, doc), vrd.officer, map[string]any{"valid_to": "1944-01-09", "reason": "r"}, "reason", "reason", "valid_to"},
			{"/api/v1/match/config", s.admin, map[string]any{"source": match.DefaultSource()}, "source", "source", ""},
		}
		before := s.auditCount()
		for _, e := range endpoints {
			t.Run(strings.ReplaceAll(strings.TrimPrefix(e.path, "/api/v1/"), "/", "_"), func(t *testing.T) {
				s := s.with(t)
				bad := s.malformed()
				for name, body := range spoil(e) {
					r := bad.call(e.token, "POST", e.path, body)
					expectProblem(t, name, r)
				}
				for name, body := range unclean(e) {
					r := bad.call(e.token, "POST", e.path, body)
					expectProblem(t, name, r)
					if r.Status != http.StatusBadRequest {
						t.Errorf("%s: got %s, want 400", name, r)
					}
				}
				r := s.call("sj_not-a-real-token", "POST", e.path, e.valid)
				expectProblem(t, "invalid token", r)
				if r.Status != http.StatusUnauthorized {
					t.Errorf("invalid token: %s", r)
				}
				r = bad.call("", "POST", e.path, e.valid)
				if r.Status != http.StatusUnauthorized {
					t.Errorf("no token: %s", r)
				}
			})
		}
		t.Run("query_and_path", func(t *testing.T) {
			s := s.with(t).malformed()
			for _, q := range []string{
				path("/api/v1/persons/%d/status?on=1937-02-30", p),
				path("/api/v1/persons/%d/status?on=0001-01-01", p),
				"/api/v1/lapses?on=0999-12-31",
				path("/api/v1/persons/%d/status?known_at=yesterday", p),
				path("/api/v1/persons/%d/status?bogus=1", p),
				"/api/v1/persons/abc",
				"/api/v1/persons/-1",
				"/api/v1/lapses?days=-1",
				"/api/v1/lapses?on=19380101",
				"/api/v1/persons?limit=100000",
				"/api/v1/cases?state=lost",
				"/api/v1/lapses?on=9999-12-31",
				path("/api/v1/persons/%d/status?on=9900-01-01", p),
			} {
				expectProblem(t, q, s.call(vrd.officer, "GET", q, nil))
			}
		})
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d entries before, %d after", before, after)
		}
		t.Run("unclean_text", func(t *testing.T) {
			s := s.with(t).malformed()
			auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
			for _, c := range []struct{ token, method, path string }{
				{vrd.officer, "GET", path("/api/v1/persons/%d%%00", p)},
				{vrd.officer, "GET", "/api/v1/persons/%ff"},
				{auditor, "GET", "/api/v1/audit?actor=VRD-clerk%00"},
				{auditor, "GET", "/api/v1/audit?object=case%2F1%c3"},
				{vrd.officer, "GET", "/api/v1/persons?after=1&%00=1"},
				{"", "POST", "/api/v1/session"},
			} {
				var body any
				if c.method == "POST" {
					body = `{"name": "admin\u0000", "password": "x"}`
				}
				r := s.call(c.token, c.method, c.path, body)
				expectProblem(t, c.path, r)
				if r.Status != http.StatusBadRequest {
					t.Errorf("%s %s: got %s, want 400", c.method, c.path, r)
				}
			}
			r := s.call(vrd.officer, "GET", "/api/v1/persons", nil, "X-Padding: "+strings.Repeat("x", 100<<10))
			expectProblem(t, "large header", r)
			if r.Status != http.StatusRequestHeaderFieldsTooLarge {
				t.Errorf("large header: got %s, want 431", r)
			}
		})
		t.Run("hidden_characters_in_names", func(t *testing.T) {
			s := s.with(t)
			for _, hidden := range []string{`\u202e`, `\u200b`, `\ufeff`, `\u2066`, `\u00ad`, `\u0007`} {
				for _, c := range []struct{ token, path, body string }{
					{vrd.clerk, "/api/v1/persons", `{"authority": "VRD", "birth_date": "1910-01-01", "country_of_origin": "CS",
						"names": [{"script": "Latin", "family": "Lang` + hidden + `nau"}]}`},
					{s.admin, "/api/v1/authorities", `{"code": "HID", "name": "Office` + hidden + `", "kind": "office", "valid_from": "1930-01-01"}`},
					{s.admin, "/api/v1/sponsors", `{"code": "HID", "name": "Society` + hidden + `", "country": "CS"}`},
					{s.admin, "/api/v1/users", `{"name": "clerk` + hidden + `", "role": "auditor"}`},
				} {
					r := s.call(c.token, "POST", c.path, c.body)
					if r.Status != http.StatusUnprocessableEntity {
						t.Errorf("POST %s with %s in a name: got %s, want 422", c.path, hidden, r)
					}
				}
			}
		})
		t.Run("derived_dates_out_of_range", func(t *testing.T) {
			s := s.with(t)
			c := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
			r := s.call(vrd.officer, "POST", path("/api/v1/cases/%d/decision", c), byHand(map[string]any{
				"outcome": "grant", "grounds": "g", "decided_on": "9999-12-31"}))
			if r.Status != http.StatusUnprocessableEntity {
				t.Errorf("decision dated 9999-12-31: got %s, want 422", r)
			}
		})
		// Positive control: each valid body, sent with a valid token, is
		// accepted, so the refusals above were for what was spoiled.
		t.Run("valid_bodies_accepted", func(t *testing.T) {
			s := s.with(t)
			for _, e := range endpoints {
				was := s.auditCount()
				if r := s.call(e.token, "POST", e.path, e.valid); r.Status != http.StatusOK && r.Status != http.StatusCreated {
					t.Errorf("POST %s with its valid body: %s", e.path, r)
				}
				if s.auditCount() == was {
					t.Errorf("POST %s with its valid body left no audit entry", e.path)
				}
			}
		})
	})
}

// expectSpoiledRefused checks, in a subtest named for e's path, that every
// spoiled variant of e's body is refused with a problem and that its valid
// body without a token is 401.
func expectSpoiledRefused(t *testing.T, s *server, e endpoint) {
	t.Run(strings.ReplaceAll(strings.TrimPrefix(e.path, "/api/v1/"), "/", "_"), func(t *testing.T) {
		s := s.with(t).malformed()
		for name, body := range spoil(e) {
			expectProblem(t, name, s.call(e.token, "POST", e.path, body))
		}
		if r := s.call("", "POST", e.path, e.valid); r.Status != http.StatusUnauthorized {
			t.Errorf("no token: %s", r)
		}
	})
}

// spoil returns the bad variants of an endpoint's valid body ("missing
// field" only when the endpoint names a required field).
func spoil(e endpoint) map[string]any {
	with := func(field string, v any) []byte {
		m := map[string]any{}
		for k, val := range e.valid {
			m[k] = val
		}
		if v == nil {
			delete(m, field)
		} else {
			m[field] = v
		}
		b, err := json.Marshal(m)
		if err != nil {
			panic(err) // a map of JSON values always encodes
		}
		return b
	}
	out := map[string]any{
		"malformed JSON": `{"name": "x",`,
		"not an object":  `[1, 2, 3]`,
		"empty body":     ``,
		"unknown field":  with("surprise", "boo"),
		"wrong type":     with(e.str, 12345),
		"huge body":      `{"name": "` + strings.Repeat("x", 10<<20) + `"}`,
	}
	if e.required != "" {
		out["missing field"] = with(e.required, nil)
	}
	if e.date != "" {
		out["impossible date"] = with(e.date, "1937-02-30")
		out["date with time"] = with(e.date, "1937-02-03T10:00:00Z")
	}
	return out
}

// unclean returns variants of an endpoint's valid body that the request
// checks refuse with 400 before any operation reads them: NUL, invalid
// UTF-8 and a lone surrogate escape in a text, and a key named twice, also
// in another case.
func unclean(e endpoint) map[string]any {
	valid, err := json.Marshal(e.valid)
	if err != nil {
		panic(err)
	}
	prepend := func(member string) []byte {
		return append([]byte("{"+member+", "), valid[1:]...)
	}
	key := strings.ToUpper(e.str[:1]) + e.str[1:]
	return map[string]any{
		"NUL in a text":       prepend(`"note": "a\u0000b"`),
		"raw NUL in a text":   prepend("\"note\": \"a\x00b\""),
		"invalid UTF-8":       prepend("\"note\": \"caf\xe9\""),
		"lone surrogate":      prepend(`"note": "\ud800"`),
		"key twice":           prepend(`"` + e.str + `": "x"`),
		"key twice, new case": prepend(`"` + key + `": "x"`),
	}
}

// expectProblem fails unless r is a 4xx problem+json with a detail.
func expectProblem(t *testing.T, what string, r response) {
	t.Helper()
	if r.Status < 400 || r.Status >= 500 {
		t.Errorf("%s: got %s, want a 4xx", what, r)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: content type %q, want application/problem+json (%s)", what, ct, r)
	}
	var p map[string]any
	if err := json.Unmarshal(r.Body, &p); err != nil || p["title"] == nil || p["status"] == nil {
		t.Errorf("%s: not a problem document (%v): %s", what, err, r)
	}
}
