package e2e

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// page is a web page's answer.
type page struct {
	status   int
	body     string
	location string
}

// web requests a page of the web application with a session cookie
// header (or none) and, for a POST, a form; it does not follow redirects.
func (s *server) web(cookie, method, path string, form url.Values) page {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, s.url+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.Header.Set("Cookie", strings.TrimPrefix(cookie, "Cookie: "))
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return page{res.StatusCode, string(data), res.Header.Get("Location")}
}

// webLogin sets a password for a user and logs in through the login form,
// returning the session cookie header.
func (s *server) webLogin(name string) string {
	s.t.Helper()
	s.must(http.StatusNoContent, s.admin, "PUT", "/api/v1/users/"+name+"/password", map[string]string{"password": "correct horse battery"})
	r := s.web("", "POST", "/app/login", url.Values{"name": {name}, "password": {"correct horse battery"}, "next": {"/app/cases"}})
	if r.status != http.StatusSeeOther || r.location != "/app/cases" {
		s.t.Fatalf("login: %d %s", r.status, r.body)
	}
	return s.sessionOf(name)
}

// sessionOf logs in over the API and returns the session cookie header.
func (s *server) sessionOf(name string) string {
	s.t.Helper()
	cookie, r := s.login(name, "correct horse battery")
	if cookie == "" {
		s.t.Fatalf("login %s: %s", name, r)
	}
	return cookie
}

// TestWebPages drives the web application's pages over HTTP, without a
// browser: login, the lists, a person and a case, a form fed bad input
// (message next to the field, nothing changed), the confirmation of a
// decision and the decision; pages need a session, and a cross-site form
// post is refused.
func TestWebPages(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		o := s.setupOffice("VRD", "Visa and Registration Department")
		pid := s.person(o.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		c := s.fileCase(o.clerk, "VRD", pid, "1937-11-02", nil)
		cid := path("%d", id(c))
		if r := s.web("", "GET", "/app/cases", nil); r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, "/app/login?next=") {
			t.Fatalf("no session: %d %s", r.status, r.location)
		}
		s.uploadPack(residencePack(t, false))
		cookie := s.webLogin("VRD-officer")
		for _, p := range []string{"/app/", "/app/persons", "/app/cases", "/app/cases?state=filed", path("/app/persons/%d", pid), "/app/cases/" + cid,
			"/app/dashboard", "/app/lapses?on=1938-01-01&days=400", "/app/delegations", "/app/policies", "/app/policies/residence"} {
			if r := s.web(cookie, "GET", p, nil); r.status != http.StatusOK || !strings.Contains(r.body, "<main") {
				t.Fatalf("%s: %d %s", p, r.status, r.body)
			}
		}
		if r := s.web(cookie, "GET", path("/app/persons/%d", pid), nil); !strings.Contains(r.body, "Anna Wirth") {
			t.Fatalf("person page without the name: %s", r.body)
		}
		if r := s.web(cookie, "GET", "/app/audit?object=case/1", nil); r.status != http.StatusForbidden {
			t.Fatalf("an officer searched the audit log: %d", r.status)
		}
		s.user("auditor", "auditor", "", "top_secret")
		if r := s.web(s.webLogin("auditor"), "GET", "/app/audit?object=case/"+cid, nil); r.status != http.StatusOK || !strings.Contains(r.body, "case.file") {
			t.Fatalf("audit search: %d %s", r.status, r.body)
		}
		before := s.auditCount()
		r := s.web(cookie, "POST", "/app/cases/"+cid+"/decide", url.Values{"outcome": {"grant"}, "grounds": {""}, "decided_on": {"1937-13-40"}})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="decide-grounds-error"`) ||
			!strings.Contains(r.body, `id="decide-decided_on-error"`) {
			t.Fatalf("bad decision: %d %s", r.status, r.body)
		}
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d → %d", before, after)
		}
		form := url.Values{"outcome": {"deny"}, "grounds": {"No passport."}, "decided_on": {"1937-11-10"}, "version": {"1"}}
		r = s.web(cookie, "POST", "/app/cases/"+cid+"/decide", form)
		if r.status != http.StatusOK || !strings.Contains(r.body, `id="confirm-submit"`) || s.auditCount() != before {
			t.Fatalf("decision not shown for confirmation: %d %s", r.status, r.body)
		}
		form.Set("confirm", "yes")
		if r = s.web(cookie, "POST", "/app/cases/"+cid+"/decide", form); r.status != http.StatusSeeOther {
			t.Fatalf("confirmed decision: %d %s", r.status, r.body)
		}
		if r = s.web(cookie, "GET", r.location, nil); !strings.Contains(r.body, `id="notice"`) || !strings.Contains(r.body, "<strong>deny</strong>") {
			t.Fatalf("decided case: %s", r.body)
		}
		req, _ := http.NewRequest("POST", s.url+"/app/cases/"+cid+"/close", strings.NewReader("reason=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", strings.TrimPrefix(cookie, "Cookie: "))
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-site post: %d", res.StatusCode)
		}
	})
}

// TestWebDashboardScoped — a dashboard counts only what its viewer's
// jurisdiction and clearance cover: two authorities' officers see their
// own numbers, and a secret case is not counted for a restricted clerk.
func TestWebDashboardScoped(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		sco := s.setupOffice("SCO", "Special Commission")
		for _, o := range []office{vrd, vrd, sco} {
			s.fileCase(o.clerk, o.code, s.person(o.clerk, o.code, "Anna", "Wirth", "1905-03-14"), "1937-11-02", nil)
		}
		secret := s.must(http.StatusCreated, vrd.officer, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit",
			"person_id": s.person(vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21"), "authority": "VRD", "filed_on": "1937-11-03",
			"classification": "secret"}).JSON()
		if secret["classification"] != "secret" {
			t.Fatalf("secret case = %v", secret)
		}
		for name, want := range map[string]string{"VRD-officer": "filed: 3;", "SCO-officer": "filed: 1;", "VRD-clerk": "filed: 2;"} {
			r := s.web(s.webLogin(name), "GET", "/app/dashboard?on=1937-11-10", nil)
			if r.status != http.StatusOK || !strings.Contains(r.body, want) || strings.Count(r.body, "<svg") != 4 {
				t.Errorf("%s's dashboard: want %q in %d %s", name, want, r.status, r.body)
			}
		}
	})
}
