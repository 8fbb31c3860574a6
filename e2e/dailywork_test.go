package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFindPersons: persons are found by a name's beginning, letter case
// and accents aside, by a document number and by a permit number; an
// officer finds only the persons of their authority; the list pages with
// a next link and tells the total.
func TestFindPersons(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s = s.with(t)
		vrd, oth := s.setupOffice("VRD", "Visa and Registration"), s.setupOffice("OTH", "Other Department")
		antonin := s.person(vrd.clerk, "VRD", "Antonín", "Dvořák", "1901-09-08")
		anna := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1910-04-03")
		ivan := s.person(oth.clerk, "OTH", "Ivan", "Dvorak", "1905-01-01")
		s.passport(vrd.clerk, anna, "C-4471203", "1930-01-01", "1940-01-01")
		permit := s.grantPermit(vrd, antonin, "1937-01-01", "1938-12-31")
		number := permit["decisions"].([]any)[0].(map[string]any)["permit"].(map[string]any)["number"].(string)

		find := func(token, query string, want ...int64) response {
			t.Helper()
			r := s.must(http.StatusOK, token, "GET", "/api/v1/persons?"+query, nil)
			var got []int64
			for _, p := range r.List() {
				got = append(got, id(p))
			}
			if !slices.Equal(got, want) {
				t.Errorf("persons?%s: got %v, want %v", query, got, want)
			}
			return r
		}
		find(s.admin, "name=dvor", antonin, ivan)
		find(vrd.clerk, "name=dvor", antonin) // Ivan is kept by another authority
		find(oth.clerk, "name=dvor", ivan)
		find(s.admin, "name="+url.QueryEscape("DVOŘ"), antonin, ivan)
		find(s.admin, "name="+url.QueryEscape("antonin dv"), antonin)
		find(s.admin, "name="+url.QueryEscape("dvořák antonín"), antonin)
		find(s.admin, "name=wirth", anna)
		find(s.admin, "name=irth")
		find(s.admin, "document=C-4471203", anna)
		find(oth.clerk, "document=C-4471203")
		find(s.admin, "permit="+url.QueryEscape(number), antonin)
		find(s.admin, "permit="+url.QueryEscape(number)+"&name=wirth")
		if r := find(s.admin, "name=nobody"); string(r.Body) != "[]\n" && string(r.Body) != "[]" {
			t.Errorf("an empty list answers %q, want []", r.Body)
		}

		// Pages: a full page links to the next; the total counts every page.
		r := find(s.admin, "name=dvor&limit=1", antonin)
		if r.Header.Get("X-Total-Count") != "2" {
			t.Errorf("X-Total-Count %q, want 2", r.Header.Get("X-Total-Count"))
		}
		next := nextLink(t, r)
		if !strings.Contains(next, "name=dvor") || !strings.Contains(next, "after="+strconv.FormatInt(antonin, 10)) {
			t.Fatalf("next link %q does not keep the search and move after the page", next)
		}
		r = s.must(http.StatusOK, s.admin, "GET", next, nil)
		if l := r.List(); len(l) != 1 || id(l[0]) != ivan {
			t.Errorf("second page: %s", r)
		}
		if r := s.must(http.StatusOK, s.admin, "GET", nextLink(t, r), nil); len(r.List()) != 0 || r.Header.Get("Link") != "" {
			t.Errorf("past the last page: %s, Link %q", r, r.Header.Get("Link"))
		}

		before := s.auditCount()
		for q, param := range map[string]string{
			"name=%20%20":        "name",
			"document=%09":       "document",
			"permit=R%00":        "permit",
			"name=" + long(201):  "name",
			"limit=x":            "limit",
			"limit=501":          "limit",
			"after=-1":           "after",
			"surname=Dvorak":     "surname",
			"name=a&name_like=b": "name_like",
		} {
			r := s.malformed().call(s.admin, "GET", "/api/v1/persons?"+q, nil)
			expectProblem(t, "persons?"+q, r)
			if !strings.Contains(string(r.Body), param) {
				t.Errorf("persons?%s: the problem does not name %s: %s", q, param, r)
			}
		}
		if n := s.auditCount(); n != before {
			t.Errorf("bad searches changed the audit log: %d entries, want %d", n, before)
		}
	})
}

// long returns a string of n letters.
func long(n int) string { return strings.Repeat("a", n) }

// nextLink returns the path of a response's rel="next" link.
func nextLink(t *testing.T, r response) string {
	t.Helper()
	l := r.Header.Get("Link")
	target, rel, ok := strings.Cut(l, ">; ")
	if !ok || rel != `rel="next"` || !strings.HasPrefix(target, "</api/v1/") {
		t.Fatalf("Link %q is not a next link", l)
	}
	return strings.TrimPrefix(target, "<")
}

// TestCaseLists: case lists filter by type, state, authority, sponsor,
// filing date and age, sort, page with next links whatever the order, tell
// the total, answer [] when empty, carry each case as GET /cases/{id}
// does, and refuse bad filters naming them. Every 201 on the way carried a
// Location (the harness checks it), which reads what was created.
func TestCaseLists(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		s = s.with(t)
		vrd, oth := s.setupOffice("VRD", "Visa and Registration"), s.setupOffice("OTH", "Other Department")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1930-01-01")
		p1 := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1910-04-03")
		p2 := s.person(oth.clerk, "OTH", "Ivan", "Petrov", "1905-01-01")
		r := s.call(vrd.clerk, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit", "person_id": p1,
			"authority": "VRD", "filed_on": "2026-01-10"})
		if loc := r.Header.Get("Location"); r.Status != http.StatusCreated || loc != path("/api/v1/cases/%d", id(r.JSON())) {
			t.Fatalf("file a case: %s, Location %q", r, loc)
		}
		if got := s.must(http.StatusOK, vrd.clerk, "GET", r.Header.Get("Location"), nil).JSON(); id(got) != id(r.JSON()) {
			t.Errorf("Location reads case %d, want %d", id(got), id(r.JSON()))
		}
		c1 := id(r.JSON())
		c2 := id(s.fileCase(vrd.clerk, "VRD", p1, "2025-06-01", map[string]any{"sponsor": "IAS", "filed_on": "2025-05-20"}))
		c3 := id(s.fileCase(vrd.clerk, "VRD", p1, "2026-02-20", nil))
		c4 := id(s.fileCase(oth.clerk, "OTH", p2, "2025-12-01", nil))
		s.must(http.StatusOK, vrd.officer, "POST", path("/api/v1/cases/%d/decision", c2), byHand(map[string]any{
			"outcome": "grant", "grounds": "Requirements met.", "decided_on": "2025-07-01",
			"permit_valid_from": "2025-07-01", "permit_valid_to": "2026-06-30",
		}))

		list := func(token, query string, want ...int64) response {
			t.Helper()
			r := s.must(http.StatusOK, token, "GET", "/api/v1/cases?"+query, nil)
			got := []int64{}
			for _, c := range r.List() {
				got = append(got, id(c))
			}
			if !slices.Equal(got, append([]int64{}, want...)) {
				t.Errorf("cases?%s: got %v, want %v", query, got, want)
			}
			if total := r.Header.Get("X-Total-Count"); total != strconv.Itoa(len(want)) && !strings.Contains(query, "limit") {
				t.Errorf("cases?%s: X-Total-Count %q, want %d", query, total, len(want))
			}
			return r
		}
		list(s.admin, "", c1, c2, c3, c4)
		list(vrd.clerk, "", c1, c2, c3) // the other authority's case is not seen
		list(s.admin, "authority=OTH", c4)
		list(vrd.clerk, "authority=OTH")
		list(s.admin, "sponsor=IAS", c2)
		list(s.admin, "state=decided", c2)
		list(s.admin, "state=filed&authority=VRD", c1, c3)
		list(s.admin, "type=residence_permit&person_id="+strconv.FormatInt(p2, 10), c4)
		list(s.admin, "filed_from=2025-12-01&filed_to=2026-01-31", c1, c4)
		list(s.admin, "min_age=60", c2, c4) // today is 2026-03-01: filed on or before 2025-12-31
		list(s.admin, "max_age=60", c1, c3)
		list(s.admin, "min_age=30&max_age=100", c1, c4)
		list(s.admin, "sort=-id", c4, c3, c2, c1)
		list(s.admin, "sort=filed_on", c2, c4, c1, c3)
		list(s.admin, "sort=-filed_on", c3, c1, c4, c2)
		if r := list(s.admin, "type=legalisation"); strings.TrimSpace(string(r.Body)) != "[]" {
			t.Errorf("an empty list answers %q, want []", r.Body)
		}

		// Paging in an order other than by id follows the order.
		var paged []int64
		next := "/api/v1/cases?sort=-filed_on&limit=1"
		for next != "" {
			r := s.must(http.StatusOK, s.admin, "GET", next, nil)
			if r.Header.Get("X-Total-Count") != "4" {
				t.Errorf("%s: X-Total-Count %q, want 4", next, r.Header.Get("X-Total-Count"))
			}
			for _, c := range r.List() {
				paged = append(paged, id(c))
			}
			next = ""
			if r.Header.Get("Link") != "" {
				next = nextLink(t, r)
			}
		}
		if want := []int64{c3, c1, c4, c2}; !slices.Equal(paged, want) {
			t.Errorf("paging by -filed_on gave %v, want %v", paged, want)
		}

		// One shape: a case in a list is the case as its own page answers it.
		for _, c := range s.must(http.StatusOK, s.admin, "GET", "/api/v1/cases", nil).List() {
			own := s.must(http.StatusOK, s.admin, "GET", path("/api/v1/cases/%d", id(c)), nil).JSON()
			if !reflect.DeepEqual(c, own) {
				a, _ := json.Marshal(c)
				b, _ := json.Marshal(own)
				t.Errorf("case %d in a list:\n%s\non its own page:\n%s", id(c), a, b)
			}
		}
		decided := s.must(http.StatusOK, s.admin, "GET", "/api/v1/cases?state=decided", nil).List()
		if d, _ := decided[0]["decisions"].([]any); len(d) != 1 {
			t.Errorf("a decided case in a list carries decisions %v, want its decision", decided[0]["decisions"])
		}

		before := s.auditCount()
		for q, param := range map[string]string{
			"type=passport":         "type",
			"state=lost":            "state",
			"sort=name":             "sort",
			"filed_from=2026-02-30": "filed_from",
			"filed_to=yesterday":    "filed_to",
			"filed_from=2026-02-01&filed_to=2026-01-01": "filed_to",
			"min_age=-1":            "min_age",
			"max_age=99999":         "max_age",
			"min_age=10&max_age=5":  "max_age",
			"authority=" + long(17): "authority",
			"sponsor=" + long(17):   "sponsor",
			"person_id=x":           "person_id",
			"age=3":                 "age",
		} {
			r := s.malformed().call(s.admin, "GET", "/api/v1/cases?"+q, nil)
			expectProblem(t, "cases?"+q, r)
			if !strings.Contains(string(r.Body), param) {
				t.Errorf("cases?%s: the problem does not name %s: %s", q, param, r)
			}
		}
		if n := s.auditCount(); n != before {
			t.Errorf("bad filters changed the audit log: %d entries, want %d", n, before)
		}
	})
}
