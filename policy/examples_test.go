package policy_test

import (
	"errors"
	"strings"
	"testing"

	"sojourn"
	"sojourn/policy"
)

const failingExamples = `pack: ex
versions:
  - version: "1"
    effective_from: 1930-01-01
    legal_reference: "Act"
    inputs: {a: bool}
    rules:
      - {id: g, ref: "§1", effect: grant, when: a, message: m}
    examples:
      - {name: right, on: 1931-01-01, inputs: {a: true}, expect: grant}
      - {name: wrong, on: 1931-01-01, inputs: {a: true}, expect: deny}
      - {name: no_rule, on: 1931-01-01, inputs: {a: false}, expect: grant}
      - {name: expected_error, on: 1931-01-01, inputs: {a: false}, expect: error}
`

func TestRunExamples(t *testing.T) {
	p := mustCompile(t, failingExamples)
	results := policy.RunExamples(p)
	want := []struct {
		name, got string
		pass      bool
	}{{"right", "grant", true}, {"wrong", "grant", false}, {"no_rule", "error", false}, {"expected_error", "error", true}}
	if len(results) != len(want) {
		t.Fatalf("results %+v", results)
	}
	for i, w := range want {
		r := results[i]
		if r.Name != w.name || r.Got != w.got || r.Pass != w.pass || r.Version != "1" || r.Line != 10+i {
			t.Errorf("result %d = %+v, want %+v", i, r, w)
		}
	}
	if !strings.Contains(results[2].Error, "no applicable rule") {
		t.Errorf("error text %q", results[2].Error)
	}
}

func TestLoadRefusesFailingExamples(t *testing.T) {
	_, err := policy.Load([]byte(failingExamples))
	if !errors.Is(err, policy.ErrExamplesFailed) {
		t.Fatalf("error %v, want ErrExamplesFailed", err)
	}
	e := asError(t, err)
	if e.Code != sojourn.CodeInvalid || len(e.Fields) != 2 {
		t.Fatalf("error %v: want 2 failing examples", err)
	}
	if f := e.Fields[0]; f.Field != "versions[0].examples[1]" || !strings.Contains(f.Message, "line 11: version 1, example wrong: expected deny, got grant") {
		t.Errorf("first failure %+v", f)
	}
	if f := e.Fields[1]; !strings.Contains(f.Message, "example no_rule: expected grant, got error (no applicable rule") {
		t.Errorf("second failure %+v", f)
	}
	if _, err := policy.Compile([]byte(failingExamples)); err != nil {
		t.Errorf("Compile does not run examples, got %v", err)
	}
}
