package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sojourn/match"
)

// registerName registers a person with one name in a script, confirming a
// new person when confirm is set, and returns the answer.
func (s *server) registerName(token, authority, script, family, given, born, country string, confirm bool) response {
	s.t.Helper()
	body := map[string]any{"authority": authority, "birth_date": born, "country_of_origin": country,
		"names": []map[string]string{{"script": script, "family": family, "given": given}}}
	if confirm {
		body["confirm_new"] = true
	}
	return s.call(token, "POST", "/api/v1/persons", body)
}

// search answers a person search as the token's holder.
func (s *server) search(token string, q url.Values) []map[string]any {
	s.t.Helper()
	r := s.must(http.StatusOK, token, "GET", "/api/v1/persons/search?"+q.Encode(), nil).JSON()
	var out []map[string]any
	for _, it := range r["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

// TestPersonSearchAcrossScripts — a person entered in Cyrillic is found
// when searched in Latin or Hangul, one entered in Hangul when searched in
// Latin or Cyrillic, one entered in Latin when searched in Cyrillic or
// Hangul: first, with a score and reasons, a namesake with another given
// name behind or absent; within the caller's jurisdiction only.
func TestPersonSearchAcrossScripts(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		other := s.setupOffice("OTH", "Another department")
		reg := func(script, family, given, born, country string) int64 {
			return id(s.must(http.StatusCreated, vrd.clerk, "POST", "/api/v1/persons", map[string]any{
				"authority": "VRD", "birth_date": born, "country_of_origin": country, "confirm_new": true,
				"names": []map[string]string{{"script": script, "family": family, "given": given}}}).JSON())
		}
		pak := reg("Cyrillic", "Пак", "Ен Ир", "1962-03-04", "KP")
		kim := reg("Hangul", "김", "민준", "1975-05-06", "KR")
		choi := reg("Latin", "Choi", "Seong-Ho", "1980-01-02", "KR")
		reg("Latin", "Pak", "Yong Su", "1962-07-08", "KP")
		reg("Cyrillic", "Ким", "Мин Су", "1975-05-06", "KR")
		reg("Hangul", "최", "성민", "1980-01-02", "KR")

		for _, c := range []struct {
			entered, searched, q string
			want                 int64
		}{
			{"Cyrillic", "Latin", "Pak Yong Il", pak},
			{"Cyrillic", "Hangul", "박영일", pak},
			{"Hangul", "Latin", "Kim Min-jun", kim},
			{"Hangul", "Cyrillic", "Ким Мин Чун", kim},
			{"Latin", "Cyrillic", "Цой Сон Хо", choi},
			{"Latin", "Hangul", "최성호", choi},
			{"Latin", "Latin, given name first", "Seongho Choi", choi},
		} {
			t.Run(c.entered+"_in_"+strings.Fields(c.searched)[0], func(t *testing.T) {
				s := s.with(t)
				items := s.search(vrd.officer, url.Values{"q": {c.q}})
				if len(items) == 0 || int64(items[0]["person_id"].(float64)) != c.want {
					t.Fatalf("%q (%s) finds %v first, want person %d", c.q, c.searched, items, c.want)
				}
				top := items[0]
				if top["score"].(float64) < match.Default().Threshold || len(top["reasons"].([]any)) == 0 {
					t.Errorf("%q: score %v, reasons %v", c.q, top["score"], top["reasons"])
				}
				for i := 1; i < len(items); i++ {
					if items[i]["score"].(float64) > items[i-1]["score"].(float64) {
						t.Errorf("%q: not best first: %v", c.q, items)
					}
				}
				if got := s.search(other.officer, url.Values{"q": {c.q}}); len(got) != 0 {
					t.Errorf("%q: another department's officer finds %v", c.q, got)
				}
				if got := s.search(s.admin, url.Values{"q": {c.q}, "limit": {"1"}}); len(got) != 1 || got[0]["person_id"] != top["person_id"] {
					t.Errorf("%q: the administrator finds %v", c.q, got)
				}
			})
		}
		t.Run("kept_on_correction", func(t *testing.T) {
			s := s.with(t)
			p := reg("Latin", "Orlov", "Ivan", "1950-01-01", "SU")
			s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/corrections", p), map[string]any{
				"names": []map[string]string{{"script": "Cyrillic", "family": "Жуков", "given": "Дмитрий Сергеевич"}}, "reason": "misread"})
			if items := s.search(vrd.officer, url.Values{"q": {"Dmitrij Žukov"}}); len(items) == 0 || int64(items[0]["person_id"].(float64)) != p {
				t.Errorf("the corrected name is not found: %v", items)
			}
			if items := s.search(vrd.officer, url.Values{"q": {"Ivan Orlov"}}); len(items) != 0 {
				t.Errorf("the name corrected away is still found: %v", items)
			}
			// A correction of the given name alone keeps the keys it shares
			// and leaves no key of the old name: the person holds the keys a
			// person registered under the new name does.
			s.must(http.StatusCreated, vrd.officer, "POST", path("/api/v1/persons/%d/corrections", p), map[string]any{
				"names": []map[string]string{{"script": "Cyrillic", "family": "Жуков", "given": "Павел"}}, "reason": "misread"})
			twin := reg("Cyrillic", "Жуков", "Павел", "1950-01-01", "SU")
			keys := func(id int64) int64 {
				return s.rawInt(fmt.Sprintf("SELECT COUNT(*) FROM person_match_keys WHERE person_id = %d", id))
			}
			if got, want := keys(p), keys(twin); got != want || want == 0 {
				t.Errorf("the corrected person holds %d keys, a person registered so %d", got, want)
			}
			if items := s.search(vrd.officer, url.Values{"q": {"Pavel Žukov"}}); len(items) != 2 {
				t.Errorf("the corrected person and their namesake: %v", items)
			}
		})
		t.Run("born_and_country", func(t *testing.T) {
			s := s.with(t)
			items := s.search(vrd.officer, url.Values{"q": {"Пак"}, "born": {"1962-03"}, "country": {"KP"}})
			if len(items) == 0 || int64(items[0]["person_id"].(float64)) != pak {
				t.Errorf("family name and partial date: %v", items)
			}
			if items := s.search(vrd.officer, url.Values{"q": {"Pak Yong Il"}, "born": {"1990"}}); len(items) != 0 && items[0]["score"].(float64) >= match.Default().Threshold {
				t.Errorf("born another year, still a likely match: %v", items)
			}
		})
	})
}

// TestDuplicateGuard — registering a person likely registered already
// (in another script, given name spelled otherwise) is refused with 409
// and the candidates, and nothing is written; confirming a new person
// goes on; the guard answers only with persons the clerk sees; the
// person's matches then list each other. A stricter configuration,
// uploaded by an administrator, lets the same registration through.
func TestDuplicateGuard(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		other := s.setupOffice("OTH", "Another department")
		first := id(s.registerName(vrd.clerk, "VRD", "Cyrillic", "Пак", "Ен Ир", "1962-03-04", "KP", false).JSON())

		before := s.auditCount()
		r := s.registerName(vrd.clerk, "VRD", "Latin", "Pak", "Yong-Il", "1962-03-04", "KP", false)
		if r.Status != http.StatusConflict || r.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("likely duplicate: %s", r)
		}
		cands := r.JSON()["candidates"].([]any)
		if len(cands) != 1 || int64(cands[0].(map[string]any)["person_id"].(float64)) != first {
			t.Fatalf("candidates %v, want person %d", cands, first)
		}
		if s.auditCount() != before {
			t.Error("a refused registration changed the audit log")
		}
		// The same name at another department, whose clerk cannot see the
		// first file, is no duplicate to them.
		s.must(http.StatusCreated, other.clerk, "POST", "/api/v1/persons", map[string]any{"authority": "OTH", "birth_date": "1962-03-04",
			"country_of_origin": "KP", "names": []map[string]string{{"script": "Hangul", "family": "박", "given": "영일"}}})

		second := id(s.registerName(vrd.clerk, "VRD", "Latin", "Pak", "Yong-Il", "1962-03-04", "KP", true).JSON())
		m := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/persons/%d/matches", first), nil).JSON()["items"].([]any)
		if len(m) != 1 || int64(m[0].(map[string]any)["person_id"].(float64)) != second {
			t.Errorf("matches of %d: %v, want %d only", first, m, second)
		}
		s.must(http.StatusNotFound, other.officer, "GET", path("/api/v1/persons/%d/matches", first), nil)

		// Day and month swapped: likely the same under the shipped threshold.
		swapped := map[string]any{"authority": "VRD", "birth_date": "1962-04-03", "country_of_origin": "KP",
			"names": []map[string]string{{"script": "Hangul", "family": "박", "given": "영일"}}}
		s.must(http.StatusConflict, vrd.clerk, "POST", "/api/v1/persons", swapped)
		cfg := strings.Replace(match.DefaultSource(), "threshold: 0.85", "threshold: 0.99", 1)
		cfg = strings.Replace(cfg, `version: "2026.1"`, `version: "strict"`, 1)
		s.must(http.StatusForbidden, vrd.clerk, "POST", "/api/v1/match/config", map[string]any{"source": cfg})
		up := s.must(http.StatusCreated, s.admin, "POST", "/api/v1/match/config", map[string]any{"source": cfg}).JSON()
		if up["revision"].(float64) != 1 || up["version"] != "strict" {
			t.Errorf("uploaded %v", up)
		}
		if got := s.must(http.StatusOK, vrd.officer, "GET", "/api/v1/match/config", nil).JSON(); got["version"] != "strict" {
			t.Errorf("configuration in use: %v", got)
		}
		s.must(http.StatusCreated, vrd.clerk, "POST", "/api/v1/persons", swapped)
	})
}

// TestPersonSearchBadInput — a search without text, with text naming no
// letter or holding control characters, a birth date or country that is
// none, or a limit out of range, is refused naming the parameter; the
// matches of a person the caller cannot see are not found; a
// configuration that does not parse is refused naming its source.
func TestPersonSearchBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		other := s.setupOffice("OTH", "Another department")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		for _, c := range []struct{ query, param string }{
			{"", "q"},
			{"q=", "q"},
			{"q=123", "q"},
			{"q=Anna%E2%80%AEWirth", "q"},
			{"q=Anna&born=1905-13", "born"},
			{"q=Anna&born=05", "born"},
			{"q=Anna&country=ZZ", "country"},
			{"q=Anna&limit=-1", "limit"},
			{"q=Anna&limit=100000", "limit"},
			{"q=" + strings.Repeat("a", 201), "q"},
			{"q=Anna&colour=blue", "colour"},
		} {
			r := s.malformed().call(vrd.officer, "GET", "/api/v1/persons/search?"+c.query, nil)
			expectProblem(t, c.query, r)
			if !strings.Contains(string(r.Body), "query."+c.param) && !strings.Contains(string(r.Body), c.param) {
				t.Errorf("%s: the answer does not name %s: %s", c.query, c.param, r)
			}
		}
		if r := s.malformed().call("", "GET", "/api/v1/persons/search?q=Anna", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("no token: %s", r)
		}
		s.must(http.StatusNotFound, other.officer, "GET", path("/api/v1/persons/%d/matches", p), nil)
		s.must(http.StatusNotFound, vrd.officer, "GET", "/api/v1/persons/999999/matches", nil)
		before := s.auditCount()
		for _, src := range []string{"threshold: [", "version: x\n", strings.Replace(match.DefaultSource(), "family_year", "surname", 1)} {
			r := s.call(s.admin, "POST", "/api/v1/match/config", map[string]any{"source": src})
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "body.source") {
				t.Errorf("configuration %q: %s", src, r)
			}
		}
		if s.auditCount() != before {
			t.Error("refused configurations changed the audit log")
		}
	})
}
