package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestWebCorrespondence — the web application's registry: a search by
// words and dates lists items newest first within the user's clearance;
// an item's page shows its parties, text, links and thread; a case's and a
// person's page list their correspondence; a secret item is hidden from a
// restricted clerk, as missing.
func TestWebCorrespondence(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS9()
		tg := s.registerItem(w.vrd.clerk, map[string]any{"series_id": w.s, "kind": "telegram", "direction": "incoming", "date": "1956-03-01",
			"sender": map[string]any{"authority": "HQ"}, "sender_ref": "45", "addressee": map[string]any{"authority": "VRD"},
			"subject": "Return of citizen Dvořák", "body": "Return within 3 days. Возвратить в течение трёх дней.",
			"retention": "permanent", "case_ids": []int64{w.caseID}, "person_ids": []int64{w.person}})
		in := letter(w.ld, "1956-03-04", "In reply to your No. 45")
		in["reply_to"] = id(tg)
		reply := s.registerItem(w.vrd.clerk, in)
		secret := letter(w.s, "1956-03-02", "Sealed memorandum")
		secret["classification"], secret["case_ids"] = "secret", []int64{w.caseID}
		sealed := s.registerItem(w.vrd.officer, secret)

		officer, clerk := s.webLogin("VRD-officer"), s.webLogin("VRD-clerk")
		r := s.web(officer, "GET", "/app/correspondence?"+url.Values{"text": {"трёх"}}.Encode(), nil)
		if r.status != http.StatusOK || !strings.Contains(r.body, path(`href="/app/correspondence/%d"`, id(tg))) ||
			strings.Contains(r.body, path(`href="/app/correspondence/%d"`, id(reply))) {
			t.Fatalf("search by a Cyrillic word: %d %s", r.status, r.body)
		}
		r = s.web(officer, "GET", "/app/correspondence?from=1956-03-02&to=1956-03-31", nil)
		if !strings.Contains(r.body, "1/ld") || !strings.Contains(r.body, "25-S-2") || strings.Contains(r.body, "25-S-1<") {
			t.Fatalf("search by dates: %s", r.body)
		}
		if r = s.web(officer, "GET", "/app/correspondence?from=1956-13-01", nil); !strings.Contains(r.body, `id="-from-error"`) {
			t.Fatalf("a bad date is not named: %s", r.body)
		}
		page := s.web(officer, "GET", path("/app/correspondence/%d", id(tg)), nil)
		for _, want := range []string{"Return of citizen Dvořák", "Возвратить в течение трёх дней.", "their No. 45",
			path(`href="/app/cases/%d"`, w.caseID), path(`href="/app/persons/%d"`, w.person), path(`href="/app/correspondence/%d"`, id(reply))} {
			if !strings.Contains(page.body, want) {
				t.Fatalf("item page without %q: %s", want, page.body)
			}
		}
		for _, p := range []string{path("/app/cases/%d", w.caseID), path("/app/persons/%d", w.person)} {
			if r := s.web(officer, "GET", p, nil); !strings.Contains(r.body, path(`href="/app/correspondence/%d"`, id(tg))) {
				t.Fatalf("%s without its correspondence: %s", p, r.body)
			}
		}
		if r := s.web(officer, "GET", path("/app/cases/%d", w.caseID), nil); !strings.Contains(r.body, "Sealed memorandum") {
			t.Fatal("the cleared officer does not see the secret item on the case")
		}
		if r := s.web(clerk, "GET", path("/app/cases/%d", w.caseID), nil); strings.Contains(r.body, "Sealed memorandum") {
			t.Fatal("a restricted clerk sees the secret item on the case")
		}
		if r := s.web(clerk, "GET", "/app/correspondence", nil); strings.Contains(r.body, "Sealed memorandum") || !strings.Contains(r.body, "1/ld") {
			t.Fatalf("the clerk's registry: %s", r.body)
		}
		if r := s.web(clerk, "GET", path("/app/correspondence/%d", id(sealed)), nil); r.status != http.StatusNotFound {
			t.Fatalf("a restricted clerk opened a secret item: %d", r.status)
		}
	})
}
