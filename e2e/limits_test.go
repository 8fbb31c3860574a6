package e2e

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// badBodies returns request bodies of about 800 KB that are wrong in many
// places at once, each of a different kind.
func badBodies() map[string]string {
	var unknown, items strings.Builder
	unknown.WriteString("{")
	items.WriteString(`{"names": [`)
	for i := range 70_000 {
		if i > 0 {
			unknown.WriteString(",")
		}
		fmt.Fprintf(&unknown, `"f%d":1`, i)
	}
	for i := range 100_000 {
		if i > 0 {
			items.WriteString(",")
		}
		items.WriteString(`{"s":1}`)
	}
	unknown.WriteString("}")
	items.WriteString("]}")
	var some strings.Builder
	some.WriteString(`{"f0":1`)
	for i := 1; i < 900; i++ {
		fmt.Fprintf(&some, `,"f%d":1`, i)
	}
	some.WriteString("}")
	long := `{"name": "` + strings.Repeat("é", 200_000) + `", "code": ["` + strings.Repeat("x", 300_000) + `"]}`
	return map[string]string{"unknown fields": unknown.String(), "bad items": items.String(), "long values": long,
		"900 unknown fields": some.String()}
}

// TestBoundedProblems — a request of 800 KB wrong in 100,000 places is
// answered with a bounded problem document, on every POST endpoint: one
// holding more than 1000 items in an array or object is refused before it
// is validated; otherwise at most 20 problems are listed, with the total in
// error_count, and echoed text is cut short.
func TestBoundedProblems(t *testing.T) {
	s := newServer(t, "sqlite")
	vrd := s.setupOffice("VRD", "Visa and Registration Department")
	s = s.malformed()
	for _, p := range []string{"/api/v1/persons", "/api/v1/authorities", "/api/v1/users", "/api/v1/cases", "/api/v1/sponsors", "/api/v1/policy/whatif"} {
		for name, body := range badBodies() {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r := s.call(vrd.clerk, "POST", p, body)
			runtime.ReadMemStats(&after)
			t.Logf("%s %s: %d byte body → %d, %d byte answer, %.1f MB allocated", p, name, len(body), r.Status, len(r.Body),
				float64(after.TotalAlloc-before.TotalAlloc)/1e6)
			expectProblem(t, p+" "+name, r)
			if len(r.Body) > 16<<10 {
				t.Errorf("%s %s: %d byte answer", p, name, len(r.Body))
			}
			if n, _ := r.JSON()["error_count"].(float64); name == "900 unknown fields" && n < 900 {
				t.Errorf("%s %s: error_count %v, want the number of problems found", p, name, r.JSON()["error_count"])
			}
		}
	}
}

// aliasBomb returns a policy pack of about 8 KB whose YAML aliases stand
// for a million nodes.
func aliasBomb() string {
	row := strings.TrimSuffix(strings.Repeat(`"x", `, 1000), ", ")
	refs := strings.TrimSuffix(strings.Repeat("*a, ", 1000), ", ")
	return "pack: residence\nlaughs: &a [" + row + "]\nmore: &b [" + refs + "]\nversions: [*b, *b]\n"
}

// TestAliasBomb — a policy pack whose aliases stand for a million nodes is
// refused, as an upload and as a what-if draft, with a short 422 and little
// work; writes meanwhile go on.
func TestAliasBomb(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		bomb := aliasBomb()
		for _, c := range []struct {
			path, token string
			body        map[string]any
		}{
			{"/api/v1/policy/packs", s.admin, map[string]any{"source": bomb}},
			{"/api/v1/policy/whatif", vrd.officer, map[string]any{"pack": "residence", "version": "1930", "scope": "all", "source": bomb}},
		} {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r := s.call(c.token, "POST", c.path, c.body)
			runtime.ReadMemStats(&after)
			t.Logf("%s: %d byte bomb → %d, %d byte answer, %.1f MB allocated", c.path, len(bomb), r.Status, len(r.Body),
				float64(after.TotalAlloc-before.TotalAlloc)/1e6)
			expectProblem(t, c.path, r)
			if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "aliases") || len(r.Body) > 4<<10 {
				t.Errorf("%s: got %s, want a short 422 about the aliases", c.path, r)
			}
		}
		s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14") // writes go on
	})
}
