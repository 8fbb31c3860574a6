package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestPolicyBadInput — the policy endpoints answer bad input, bad packs and
// forbidden roles with a 4xx problem+json, and nothing changes.
func TestPolicyBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		c := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", map[string]any{"sponsor": "IAS", "filed_on": "1937-11-02"}))
		pack := residencePack(t, false)
		s.uploadPack(pack)
		auditor := s.user("auditor", "auditor", "", "secret")
		before := s.auditCount()

		endpoints := []endpoint{
			{"/api/v1/policy/packs", s.admin, map[string]any{"source": pack}, "source", "source", ""},
			{"/api/v1/policy/whatif", vrd.officer, map[string]any{"pack": "residence", "version": "1930", "scope": "open",
				"filed_from": "1937-01-01"}, "pack", "scope", "filed_from"},
		}
		m := s.malformed() // bad input: the answers are checked, not the requests
		for _, e := range endpoints {
			for name, body := range spoil(e) {
				expectProblem(t, e.path+": "+name, m.call(e.token, "POST", e.path, body))
			}
		}
		evaluation := path("/api/v1/cases/%d/evaluation", c)
		bad := map[string]response{
			"evaluation malformed":       m.call(vrd.clerk, "POST", evaluation, `{"on": `),
			"evaluation unknown field":   m.call(vrd.clerk, "POST", evaluation, map[string]any{"when": "1937-11-02"}),
			"evaluation wrong type":      m.call(vrd.clerk, "POST", evaluation, map[string]any{"on": 1937}),
			"evaluation impossible date": m.call(vrd.clerk, "POST", evaluation, map[string]any{"on": "1937-02-30"}),
			"evaluation huge body":       m.call(vrd.clerk, "POST", evaluation, `{"on": "`+strings.Repeat("x", 2<<20)+`"}`),
			"evaluation by auditor":      m.call(auditor, "POST", evaluation, nil),
			"evaluation other office":    m.call(rso.clerk, "POST", evaluation, nil),
			"evaluation no case":         m.call(vrd.clerk, "POST", "/api/v1/cases/9999/evaluation", nil),
			"upload by officer":          m.call(vrd.officer, "POST", "/api/v1/policy/packs", map[string]any{"source": pack}),
			"whatif by clerk": m.call(vrd.clerk, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1930", "scope": "open"}),
			"whatif unknown pack": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "nothing", "version": "1930", "scope": "open"}),
			"whatif unknown version": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1999", "scope": "open"}),
			"whatif unknown revision": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1930", "revision": 7, "scope": "all"}),
			"whatif bad scope": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1930", "scope": "some"}),
			"whatif period backwards": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1930", "scope": "all", "filed_from": "1938-01-01", "filed_to": "1937-01-01"}),
			"whatif draft of another pack": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "admission", "version": "1930", "scope": "all", "source": pack}),
			"whatif draft failing example": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1930", "scope": "all",
					"source": strings.Replace(pack, "expect: deny", "expect: grant", 1)}),
			"whatif draft underivable input": m.call(vrd.officer, "POST", "/api/v1/policy/whatif",
				map[string]any{"pack": "residence", "version": "1930", "scope": "all", "source": agePack}),
			"whatif no run":      m.call(vrd.officer, "GET", "/api/v1/policy/whatif/9999", nil),
			"whatif bad run id":  m.call(vrd.officer, "GET", "/api/v1/policy/whatif/abc", nil),
			"whatif huge page":   m.call(vrd.officer, "GET", "/api/v1/policy/whatif/1?limit=100000", nil),
			"pack unknown":       m.call(vrd.officer, "GET", "/api/v1/policy/packs/nothing", nil),
			"diff unknown":       m.call(vrd.officer, "GET", "/api/v1/policy/packs/residence/diff?from=1930&to=1999", nil),
			"diff missing query": m.call(vrd.officer, "GET", "/api/v1/policy/packs/residence/diff?from=1930", nil),
		}
		for name, r := range bad {
			expectProblem(t, name, r)
		}
		for name, want := range map[string]int{"upload by officer": 403, "whatif by clerk": 403, "evaluation by auditor": 403,
			"evaluation other office": 404, "whatif unknown version": 404, "evaluation huge body": 413} {
			if bad[name].Status != want {
				t.Errorf("%s: %s, want %d", name, bad[name], want)
			}
		}
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d entries before, %d after", before, after)
		}
	})
}

// agePack decides residence by an input Sojourn does not derive.
const agePack = `pack: residence
versions:
  - version: "1930"
    effective_from: 1930-01-01
    legal_reference: "Decree 1"
    inputs: {age: int}
    rules:
      - {id: adult, ref: "§1", effect: grant, when: "age >= 18", message: "Adults may stay."}
`

// TestPolicyUploadRefusesBadPacks — a pack that does not compile, whose
// examples fail, or that declares an input Sojourn cannot derive is refused
// with an error naming the rule or example and its line.
func TestPolicyUploadRefusesBadPacks(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		pack := residencePack(t, false)
		before := s.auditCount()
		for name, tc := range map[string]struct{ source, want string }{
			"bad CEL": {strings.Replace(pack, "when: sponsor_petition && sponsor_accredited", "when: sponsor_ok", 1),
				"line 33: version 1930, rule sponsor_exception: when: undeclared reference to 'sponsor_ok'"},
			"failing example": {strings.Replace(pack, "expect: deny", "expect: grant", 1),
				"version 1930, example no_passport_no_petition: expected grant, got deny"},
			"underivable input": {agePack,
				"declares input age, which Sojourn cannot derive for residence_permit cases"},
			"not YAML": {"pack: [", "line 1"},
		} {
			r := s.call(s.admin, "POST", "/api/v1/policy/packs", map[string]any{"source": tc.source})
			expectProblem(t, name, r)
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), tc.want) {
				t.Errorf("%s: %s, want 422 naming %q", name, r, tc.want)
			}
		}
		if s.auditCount() != before {
			t.Fatal("a refused pack changed the audit log")
		}
		if l := s.must(http.StatusOK, s.admin, "GET", "/api/v1/policy/packs", nil).List(); len(l) != 0 {
			t.Fatalf("refused packs were stored: %v", l)
		}
	})
}
