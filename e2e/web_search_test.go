package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestWebPersonSearch — the web application's person search finds a person
// entered in Cyrillic when searched in Latin or Hangul, best first with a
// likeness and the reasons, within the officer's jurisdiction only; a bad
// birth date is named next to its field.
func TestWebPersonSearch(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		other := s.setupOffice("OTH", "Another department")
		pak := id(s.registerName(vrd.clerk, "VRD", "Cyrillic", "Пак", "Ен Ир", "1962-03-04", "KP", true).JSON())
		hidden := id(s.registerName(other.clerk, "OTH", "Cyrillic", "Пак", "Ен Ир", "1962-03-04", "KP", true).JSON())
		cookie := s.webLogin("VRD-officer")
		for _, q := range []string{"Pak Yong Il", "박영일"} {
			r := s.web(cookie, "GET", "/app/persons?"+url.Values{"q": {q}, "born": {"1962"}}.Encode(), nil)
			if r.status != http.StatusOK || !strings.Contains(r.body, path(`href="/app/persons/%d"`, pak)) || !strings.Contains(r.body, "Пак") {
				t.Fatalf("search %q: %d %s", q, r.status, r.body)
			}
			if strings.Contains(r.body, path(`href="/app/persons/%d"`, hidden)) {
				t.Fatalf("search %q shows a person of another authority", q)
			}
			if !strings.Contains(r.body, "%</td>") {
				t.Fatalf("search %q: no likeness shown", q)
			}
		}
		r := s.web(cookie, "GET", "/app/persons?q=Nobody+Atall", nil)
		if r.status != http.StatusOK || !strings.Contains(r.body, "No one likely matches.") {
			t.Fatalf("search for no one: %d %s", r.status, r.body)
		}
		r = s.web(cookie, "GET", "/app/persons?q=Pak&born=1962-13", nil)
		if r.status != http.StatusOK || !strings.Contains(r.body, `id="-born-error"`) {
			t.Fatalf("bad birth date: %d %s", r.status, r.body)
		}
	})
}
