package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sojourn/api"
)

// violations is a test that records what the contract check reports
// instead of failing.
type violations struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

// Errorf records a violation.
func (v *violations) Errorf(format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.errs = append(v.errs, fmt.Sprintf(format, args...))
}

// take returns the violations recorded since the last take.
func (v *violations) take() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := v.errs
	v.errs = nil
	return out
}

// wrongAnswers is a proxy in front of a real server that spoils the
// answers to the paths it has a spoiler for.
type wrongAnswers struct {
	target  string
	mu      sync.Mutex
	spoiler map[string]func(*http.Response, []byte) (int, []byte)
}

func (p *wrongAnswers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest(r.Method, p.target+r.URL.RequestURI(), r.Body)
	out.Header = r.Header.Clone()
	res, err := http.DefaultTransport.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	status := res.StatusCode
	p.mu.Lock()
	spoil := p.spoiler[r.URL.Path]
	p.mu.Unlock()
	if spoil != nil {
		status, body = spoil(res, body)
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// spoil makes the proxy answer requests for path through spoiler.
func (p *wrongAnswers) spoil(path string, spoiler func(*http.Response, []byte) (int, []byte)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.spoiler = map[string]func(*http.Response, []byte) (int, []byte){path: spoiler}
}

// replace returns a spoiler that rewrites the body with re → with.
func replace(re, with string) func(*http.Response, []byte) (int, []byte) {
	return func(res *http.Response, body []byte) (int, []byte) {
		return res.StatusCode, regexp.MustCompile(re).ReplaceAll(body, []byte(with))
	}
}

// TestContractCatchesWrongAnswers — the harness's contract check catches
// an answer of the wrong shape: a proxy in front of a real server spoils
// real answers (a field of the wrong type, a required field missing, null
// where the document says a string, an unknown field in a problem, a
// status or content type not declared), and each is reported, while the
// same answers unspoiled pass.
func TestContractCatchesWrongAnswers(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	vrd := s.setupOffice("VRD", "Visa and Registration Department")
	p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
	c := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
	proxy := &wrongAnswers{target: s.url}
	ts := httptest.NewServer(proxy)
	t.Cleanup(ts.Close)
	rec := &violations{TB: t}
	via := s.with(rec)
	via.url, via.seen = ts.URL, &sync.Map{} // the spoiled statuses are not the server's

	authority, person, caseURL := "/api/v1/authorities/VRD", path("/api/v1/persons/%d", p), path("/api/v1/cases/%d", c)
	for _, check := range []struct {
		name, path string
		spoiler    func(*http.Response, []byte) (int, []byte)
		want       string // in the report
	}{
		{"a string sent as a number", authority, replace(`"name":"[^"]*"`, `"name":42`), "name"},
		{"a required field missing", authority, replace(`"code":"VRD",`, ``), "code"},
		{"null where a date is declared", authority, replace(`^\{`, `{"abolished_on":null,`), "abolished_on"},
		{"a field the document does not know", person, replace(`^\{`, `{"nickname":"Annie",`), "nickname"},
		{"a list answered as null", person, replace(`"documents":\[[^\]]*\]`, `"documents":null`), "documents"},
		{"a status not declared", caseURL, func(*http.Response, []byte) (int, []byte) { return http.StatusTeapot, []byte(`{}`) }, "418"},
		{"a content type not declared", caseURL, func(res *http.Response, body []byte) (int, []byte) {
			res.Header.Set("Content-Type", "text/plain")
			return res.StatusCode, body
		}, "text/plain"},
		{"a problem with a field it does not declare", "/api/v1/cases/999999", replace(`^\{`, `{"trace":"at line 12",`), "trace"},
	} {
		target := check.path
		proxy.spoil(target, nil)
		via.call(vrd.clerk, "GET", target, nil)
		if errs := rec.take(); len(errs) > 0 {
			t.Fatalf("%s: the real answer to GET %s breaks the contract: %v", check.name, target, errs)
		}
		proxy.spoil(target, check.spoiler)
		r := via.call(vrd.clerk, "GET", target, nil)
		errs := rec.take()
		if len(errs) == 0 || !strings.Contains(strings.Join(errs, "\n"), check.want) {
			t.Errorf("%s: the spoiled answer %s was not reported (or not for %q): %v", check.name, r, check.want, errs)
		}
	}
}

// TestContractDeclarations — every operation of the router declares, with
// the problem+json schema, the statuses its kind can answer: 400, 422, 431,
// 500 and 503 always; 401 and 403 behind a login; 413 and 415 with a body;
// 409 for a write; 412 with If-Match (so POST /cases/{id}/decision declares
// the 412 of a stale If-Match). That every status an exchange of the suite
// saw is declared for its operation is checked by TestMain after the run
// (undeclaredSeen), and by the harness at each exchange.
func TestContractDeclarations(t *testing.T) {
	t.Parallel()
	spec, err := api.Document(api.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string                      `json:"operationId"`
			Security    *[]json.RawMessage          `json:"security"`
			RequestBody json.RawMessage             `json:"requestBody"`
			Parameters  []struct{ In, Name string } `json:"parameters"`
			Responses   map[string]struct {
				Content map[string]json.RawMessage `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(spec, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for p, item := range doc.Paths {
		for method, op := range item {
			n++
			want := []int{400, 422, 431, 500, 503}
			if op.Security == nil || len(*op.Security) > 0 {
				want = append(want, 401, 403)
			}
			if len(op.RequestBody) > 0 {
				want = append(want, 413, 415)
			}
			if method != "get" {
				want = append(want, 409)
			}
			if slices.ContainsFunc(op.Parameters, func(p struct{ In, Name string }) bool { return p.In == "header" && p.Name == "If-Match" }) {
				want = append(want, 412)
			}
			for _, code := range want {
				r, ok := op.Responses[strconv.Itoa(code)]
				if !ok {
					t.Errorf("%s %s (%s) does not declare %d", strings.ToUpper(method), p, op.OperationID, code)
					continue
				}
				if _, ok := r.Content["application/problem+json"]; !ok {
					t.Errorf("%s %s (%s): its %d is not a problem document", strings.ToUpper(method), p, op.OperationID, code)
				}
			}
		}
	}
	if n < 90 {
		t.Errorf("only %d operations in the document", n)
	}
	if _, ok := doc.Paths["/api/v1/cases/{id}/decision"]["post"].Responses["412"]; !ok {
		t.Error("POST /api/v1/cases/{id}/decision does not declare the 412 of a stale If-Match")
	}
}
