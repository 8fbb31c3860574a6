package e2e

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

// residencePack returns policies/residence.yaml: the whole pack, or only
// its first version (1930) when first is set.
func residencePack(t *testing.T, first bool) string {
	t.Helper()
	b, err := os.ReadFile("../policies/residence.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	if first {
		cut := strings.Index(src, "\n  - version: \"1938\"")
		if cut < 0 {
			t.Fatal("policies/residence.yaml has no version 1938")
		}
		src = src[:cut+1]
	}
	return src
}

// uploadPack uploads a pack as administrator and returns what the API said.
func (s *server) uploadPack(source string) map[string]any {
	s.t.Helper()
	return s.must(http.StatusCreated, s.admin, "POST", "/api/v1/policy/packs", map[string]any{"source": source}).JSON()
}

// evaluate dry-runs the evaluation of a case (on its filing date).
func (s *server) evaluate(token string, caseID int64) map[string]any {
	s.t.Helper()
	return s.must(http.StatusOK, token, "POST", path("/api/v1/cases/%d/evaluation", caseID), nil).JSON()
}

// ruleIDs lists the "id" of each rule in a fired or overridden list, with
// ":by" appended for overridden rules.
func ruleIDs(list any) []string {
	var out []string
	for _, r := range list.([]any) {
		m := r.(map[string]any)
		id := m["id"].(string)
		if by, ok := m["by"].(string); ok {
			id += ":" + by
		}
		out = append(out, id)
	}
	return out
}

// explanationOf returns the explanation of the n-th decision of a case.
func explanationOf(c map[string]any, n int) map[string]any {
	return c["decisions"].([]any)[n].(map[string]any)["explanation"].(map[string]any)
}
