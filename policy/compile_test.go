package policy_test

import (
	"strings"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// head is the first six lines of the packs below; "    rules:" is line 7.
const head = `pack: t
versions:
  - version: "v1"
    effective_from: 1930-01-01
    legal_reference: "Act"
    inputs: {a: bool, n: int, d: date}
`

// grantRule is a valid rule, on lines 8–12 after head + "    rules:\n".
const grantRule = `      - id: g
        ref: "§1"
        effect: grant
        when: a
        message: "granted"
`

// TestCompileErrors checks that every class of problem is reported with its
// field, its line, the version and the rule.
func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		field string
		parts []string
	}{
		{"unknown variable", head + "    rules:\n" + strings.Replace(grantRule, "when: a", "when: a && missing", 1),
			"versions[0].rules[0].when", []string{"line 11", "version v1, rule g", "undeclared reference to 'missing'"}},
		{"condition not bool", head + "    rules:\n" + strings.Replace(grantRule, "when: a", "when: n + 1", 1),
			"versions[0].rules[0].when", []string{"line 11", "must be a bool condition, not int"}},
		{"syntax error", head + "    rules:\n" + strings.Replace(grantRule, "when: a", "when: a &&", 1),
			"versions[0].rules[0].when", []string{"line 11", "rule g"}},
		{"error on a later line of a block condition", head + "    rules:\n" + strings.Replace(grantRule, "when: a", "when: |\n          a &&\n          nope", 1),
			"versions[0].rules[0].when", []string{"line 13", "undeclared reference to 'nope'"}},
		{"unknown effect", head + "    rules:\n" + strings.Replace(grantRule, "effect: grant", "effect: allow", 1),
			"versions[0].rules[0].effect", []string{"line 10", "rule g", `unknown effect "allow"`}},
		{"duplicate rule id", head + "    rules:\n" + grantRule + grantRule,
			"versions[0].rules[1].id", []string{"line 13", `duplicate rule id "g" (first at line 8)`}},
		{"exception to a missing rule", head + "    rules:\n" + grantRule +
			"      - {id: w, ref: x, effect: waive, exception_to: [ghost], when: a, message: m}\n",
			"versions[0].rules[1].exception_to", []string{"line 13", "rule w", `unknown rule "ghost"`}},
		{"exception cycle", head + "    rules:\n" + grantRule +
			"      - {id: x, ref: x, effect: waive, exception_to: [y], when: a, message: m}\n" +
			"      - {id: y, ref: y, effect: waive, exception_to: [x], when: a, message: m}\n",
			"versions[0].rules[1].exception_to", []string{"line 13", "cycle: x → y → x"}},
		{"self exception", head + "    rules:\n" +
			"      - {id: x, ref: x, effect: grant, exception_to: [x], when: a, message: m}\n",
			"versions[0].rules[0].exception_to", []string{"line 8", "cycle: x → x"}},
		{"exception named twice", head + "    rules:\n" + grantRule +
			"      - {id: w, ref: x, effect: waive, exception_to: [g, g], when: a, message: m}\n",
			"versions[0].rules[1].exception_to", []string{"line 13", `names rule "g" twice`}},
		{"waive without exception_to", head + "    rules:\n" + grantRule +
			"      - {id: w, ref: x, effect: waive, when: a, message: m}\n",
			"versions[0].rules[1].exception_to", []string{"line 13", "waive rule must name"}},
		{"require as an exception", head + "    rules:\n" + grantRule +
			"      - {id: q, ref: x, effect: require, exception_to: [g], when: a, message: m}\n",
			"versions[0].rules[1].exception_to", []string{"line 13", "require rule cannot be an exception"}},
		{"missing rule fields", head + "    rules:\n      - id: g\n        effect: grant\n",
			"versions[0].rules[0].when", []string{"line 8", "rule g", "when is required"}},
		{"missing message", head + "    rules:\n      - id: g\n        effect: grant\n        ref: x\n        when: a\n",
			"versions[0].rules[0].message", []string{"line 8", "message is required"}},
		{"unknown rule key", head + "    rules:\n" + grantRule + "        because: x\n",
			"versions[0].rules[0].because", []string{"line 13", "rule g", `unknown key "because"`}},
		{"no rules", head + "    rules: []\n",
			"versions[0].rules", []string{"line 7", "version v1", "rules is required"}},
		{"unknown input type", strings.Replace(head, "d: date", "d: datetime", 1) + "    rules:\n" + grantRule,
			"versions[0].inputs.d", []string{"line 6", `unknown type "datetime"`}},
		{"reserved input name", strings.Replace(head, "d: date", "on: date", 1) + "    rules:\n" + grantRule,
			"versions[0].inputs.on", []string{"line 6", `input name "on" is reserved`}},
		{"bad input name", strings.Replace(head, "d: date", "has-dash: date", 1) + "    rules:\n" + grantRule,
			"versions[0].inputs.has-dash", []string{"line 6", "not an identifier"}},
		{"missing legal reference", strings.Replace(head, `    legal_reference: "Act"`+"\n", "", 1) + "    rules:\n" + grantRule,
			"versions[0].legal_reference", []string{"line 3", "version v1", "legal_reference is required"}},
		{"impossible date", strings.Replace(head, "1930-01-01", "1930-02-30", 1) + "    rules:\n" + grantRule,
			"versions[0].effective_from", []string{"line 4", "not a calendar date"}},
		{"effective_to before effective_from", strings.Replace(head, "    legal", "    effective_to: 1929-12-31\n    legal", 1) + "    rules:\n" + grantRule,
			"versions[0].effective_to", []string{"line 5", "before effective_from"}},
		{"overlapping versions", head + "    rules:\n" + grantRule + strings.NewReplacer("pack: t\nversions:\n", "", "1930-01-01", "1935-06-01", "v1", "v2").Replace(head) + "    rules:\n" + grantRule,
			"versions[1].effective_from", []string{"line 14", "version v2", "overlaps version v1 (from 1930-01-01, no end)"}},
		{"duplicate version", head + "    rules:\n" + grantRule + strings.Replace(strings.Replace(head, "pack: t\nversions:\n", "", 1), "1930-01-01", "1920-01-01", 1) + "    rules:\n" + grantRule,
			"versions[1].version", []string{"line 13", `duplicate version "v1" (first at line 3)`}},
		{"unknown top-level key", "owner: me\n" + head + "    rules:\n" + grantRule,
			"owner", []string{"line 1", `unknown key "owner"`}},
		{"duplicate key", head + "    rules:\n" + strings.Replace(grantRule, "        ref:", "        when: n > 1\n        ref:", 1),
			"versions[0].rules[0].when", []string{"line 12", `duplicate key "when"`}},
		{"bad pack name", strings.Replace(head, "pack: t", "pack: Not A Name", 1) + "    rules:\n" + grantRule,
			"pack", []string{"line 1", "pack name"}},
		{"no versions", "pack: t\nversions: []\n", "versions", []string{"line 2", "versions is required"}},
		{"yaml syntax", "pack: t\nversions: [\n", "yaml", []string{"line"}},
		{"not a mapping", "- a\n- b\n", "yaml", []string{"line 1", "must be a mapping"}},
		{"two documents", head + "    rules:\n" + grantRule + "---\npack: u\n", "yaml", []string{"line 13", "one YAML document"}},
		{"empty", "", "yaml", []string{"empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.Compile([]byte(tt.src))
			if err == nil {
				t.Fatalf("compiled:\n%s", tt.src)
			}
			e := asError(t, err)
			if e.Code != sojourn.CodeInvalid {
				t.Errorf("code %s, want invalid", e.Code)
			}
			for _, f := range e.Fields {
				if f.Field != tt.field {
					continue
				}
				for _, part := range tt.parts {
					if !strings.Contains(f.Message, part) {
						t.Errorf("%s: %q lacks %q", f.Field, f.Message, part)
					}
				}
				return
			}
			t.Errorf("no problem with field %q in %v", tt.field, err)
		})
	}
}

// TestExampleErrors checks problems of examples found at compile time.
func TestExampleErrors(t *testing.T) {
	src := head + "    rules:\n" + grantRule + `    examples:
      - name: e1
        on: 1935-01-01
        inputs: {a: true, n: 1.5, d: 1935-01-01, extra: 1}
        expect: grant
      - name: e1
        on: 1929-01-01
        inputs: {a: true, n: 1}
        expect: maybe
`
	_, err := policy.Compile([]byte(src))
	want := map[string]string{
		"versions[0].examples[0].inputs.n":     "line 16: version v1, example e1: input n must be a whole number",
		"versions[0].examples[0].inputs.extra": "line 16: version v1, example e1: input extra is not declared",
		"versions[0].examples[1].name":         `line 18: version v1, example e1: duplicate example name "e1" (first at line 14)`,
		"versions[0].examples[1].on":           "line 19: version v1, example e1: 1929-01-01 is outside the effective period",
		"versions[0].examples[1].inputs":       "line 20: version v1, example e1: input d is required (date)",
		"versions[0].examples[1].expect":       `line 21: version v1, example e1: unknown expectation "maybe"`,
	}
	got := map[string]string{}
	for _, f := range asError(t, err).Fields {
		got[f.Field] = f.Message
	}
	for field, msg := range want {
		if !strings.HasPrefix(got[field], msg) {
			t.Errorf("%s: got %q, want prefix %q", field, got[field], msg)
		}
	}
}

// TestCompileCollectsProblems reports problems of several rules at once.
func TestCompileCollectsProblems(t *testing.T) {
	src := head + "    rules:\n" +
		"      - {id: a1, ref: x, effect: nope, when: a, message: m}\n" +
		"      - {id: a2, ref: x, effect: grant, when: zz, message: m}\n"
	e := asError(t, func() error { _, err := policy.Compile([]byte(src)); return err }())
	if len(e.Fields) != 2 || !strings.Contains(e.Message, "policy pack t") {
		t.Errorf("want 2 problems of pack t, got %v", e)
	}
}

func TestCompileAliases(t *testing.T) {
	src := `pack: t
versions:
  - version: "1"
    effective_from: 1930-01-01
    effective_to: 1930-12-31
    legal_reference: "Act"
    inputs: &in {a: bool}
    rules: &rules
      - {id: g, ref: x, effect: grant, when: a, message: m}
  - version: "2"
    effective_from: 1931-01-01
    legal_reference: "Act"
    inputs: *in
    rules: *rules
`
	p := mustCompile(t, src)
	v1, _ := p.Version("1")
	v2, _ := p.Version("2")
	if len(v2.Rules) != 1 || len(v2.Inputs) != 1 || len(Diff(v1, v2)) != 0 {
		t.Errorf("aliases not followed: %+v", v2)
	}
}

// Diff is policy.Diff, shortened for tables.
var Diff = policy.Diff
