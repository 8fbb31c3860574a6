package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// get sends a GET with an Accept header and does not follow redirects.
func (s *server) getNoFollow(path, accept string) response {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: b, t: s.t}
}

// TestHome: a first call without a path sends a browser to the web app and
// tells a program where the document, the reference and the API are; /api
// and /docs point the same way.
func TestHome(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
	r := s.getNoFollow("/", browser)
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/app/" {
		t.Fatalf("browser at /: got %d Location %q, want 303 to /app/", r.Status, r.Header.Get("Location"))
	}
	for _, c := range []struct{ path, accept string }{
		{"/", ""}, {"/", "*/*"}, {"/", "application/json"}, {"/", "text/html;q=0.5, application/json"},
		{"/api", ""}, {"/api/", "text/html"},
	} {
		r := s.getNoFollow(c.path, c.accept)
		var idx map[string]string
		if r.Status != http.StatusOK || json.Unmarshal(r.Body, &idx) != nil {
			t.Fatalf("GET %s (Accept %q): got %s, want 200 with a JSON index", c.path, c.accept, r)
		}
		if idx["openapi"] != "/api/openapi.json" || idx["docs"] != "/api/docs" || idx["api"] != "/api/v1" || idx["app"] != "/app/" {
			t.Errorf("GET %s: index %v does not point to the document, the reference, the API and the app", c.path, idx)
		}
	}
	for _, p := range []string{"/docs", "/docs/", "/api/docs/"} {
		if r := s.getNoFollow(p, browser); r.Status != http.StatusMovedPermanently || r.Header.Get("Location") != "/api/docs" {
			t.Errorf("GET %s: got %d Location %q, want 301 to /api/docs", p, r.Status, r.Header.Get("Location"))
		}
	}
}

// TestAPIReference: /api/docs renders every operation of the served
// document with its parameters, request body (schema and example) and
// responses, and loads nothing from anywhere (no script, no remote asset),
// so it works offline.
func TestAPIReference(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	r := s.getNoFollow("/api/docs", "text/html")
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /api/docs: got %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	page := string(r.Body)
	for _, bad := range []string{"<script", "src=", "<link", "url(", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("the reference contains %q: it must load nothing from elsewhere", bad)
		}
	}
	for _, part := range strings.Split(page, `href="`)[1:] {
		if !strings.HasPrefix(part, "#") && !strings.HasPrefix(part, "/") {
			t.Errorf("the reference links outside the server: %.60s", part)
		}
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") {
		t.Errorf("reference CSP %q: want default-src 'none' and its stylesheet by hash", csp)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name string `json:"name"`
			} `json:"parameters"`
			RequestBody *struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					} `json:"schema"`
					Example any `json:"example"`
				} `json:"content"`
			} `json:"requestBody"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
	}
	s.must(http.StatusOK, "", http.MethodGet, "/api/openapi.json", nil).decode(&doc)
	ops := 0
	for path, item := range doc.Paths {
		for method, op := range item {
			ops++
			start := strings.Index(page, `<article id="op-`+op.OperationID+`">`)
			if start < 0 {
				t.Errorf("%s %s (%s) is not in the reference", method, path, op.OperationID)
				continue
			}
			end := start + strings.Index(page[start:], "</article>")
			section := page[start:end]
			if !strings.Contains(section, strings.ToUpper(method)) || !strings.Contains(section, path) {
				t.Errorf("%s: the reference does not show %s %s", op.OperationID, strings.ToUpper(method), path)
			}
			for _, p := range op.Parameters {
				if !strings.Contains(section, "<code>"+p.Name+"</code>") {
					t.Errorf("%s: parameter %s is not shown", op.OperationID, p.Name)
				}
			}
			if op.RequestBody != nil {
				for _, c := range op.RequestBody.Content {
					name := strings.TrimPrefix(c.Schema.Ref, "#/components/schemas/")
					if !strings.Contains(section, `href="#schema-`+name+`"`) || !strings.Contains(page, `<article id="schema-`+name+`">`) {
						t.Errorf("%s: the request body schema %s is not shown and linked", op.OperationID, name)
					}
					if c.Example == nil || !strings.Contains(section, "Example:") {
						t.Errorf("%s: the request body has no example in the document or the reference", op.OperationID)
					}
				}
			}
			for status := range op.Responses {
				if !strings.Contains(section, fmt.Sprintf("<tr><td>%s</td>", status)) {
					t.Errorf("%s: response %s is not shown", op.OperationID, status)
				}
			}
		}
	}
	if ops < 50 {
		t.Fatalf("only %d operations in the document", ops)
	}
}
