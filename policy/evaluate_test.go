package policy_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sojourn"
	"sojourn/policy"
)

// semanticsPack exercises exceptions, conflicts and precedence.
const semanticsPack = `
pack: semantics
versions:
  - version: "1"
    effective_from: 1930-01-01
    legal_reference: "Test Act"
    inputs: {passport: bool, sponsor: bool, flagged: bool, banned: bool, pardoned: bool, urgent: bool, eligible: bool}
    rules:
      - {id: permit, ref: "§1", effect: grant, when: eligible, message: "may be granted"}
      - {id: passport_required, ref: "§2", effect: require, when: passport, message: "passport required"}
      - {id: sponsor_exception, ref: "§3", effect: waive, exception_to: [passport_required], when: sponsor, message: "waived by sponsor"}
      - {id: security_bar, ref: "§4", effect: waive, exception_to: [sponsor_exception], when: flagged, message: "no waiver for flagged persons"}
      - {id: ban, ref: "§5", effect: deny, when: banned, message: "banned"}
      - {id: pardon, ref: "§6", effect: grant, exception_to: [ban], when: pardoned, message: "pardon lifts the ban"}
      - {id: urgent_referral, ref: "§7", effect: refer, when: urgent, message: "refer urgent cases"}
`

// conflictPack has a grant and a deny with no exception between them.
const conflictPack = `
pack: conflict
versions:
  - version: "1"
    effective_from: 1930-01-01
    legal_reference: "Test Act"
    inputs: {a: bool, b: bool, c: bool}
    rules:
      - {id: allow, ref: "§1", effect: grant, when: a, message: "allowed"}
      - {id: forbid, ref: "§2", effect: deny, when: b, message: "forbidden"}
      - {id: note, ref: "§3", effect: waive, exception_to: [forbid], when: "false", message: "never"}
      - {id: ask, ref: "§4", effect: refer, when: c, message: "ask"}
`

func semanticsInputs(set ...string) map[string]any {
	in := map[string]any{}
	for _, k := range []string{"passport", "sponsor", "flagged", "banned", "pardoned", "urgent", "eligible"} {
		in[k] = slices.Contains(set, k)
	}
	return in
}

func TestSemantics(t *testing.T) {
	p := mustCompile(t, semanticsPack)
	on := sojourn.MustDate("1940-01-01")
	tests := []struct {
		name       string
		set        []string
		outcome    string
		err        error
		fired      []string
		overridden []string
	}{
		{"passport holder", []string{"eligible", "passport"}, "grant", nil,
			[]string{"permit:fired"}, nil},
		{"unmet requirement beats a grant", []string{"eligible"}, "deny", nil,
			[]string{"permit:fired", "passport_required:unmet"}, nil},
		{"exception waives the requirement", []string{"eligible", "sponsor"}, "grant", nil,
			[]string{"permit:fired", "sponsor_exception:fired"}, []string{"passport_required<sponsor_exception"}},
		{"exception to the exception restores the requirement", []string{"eligible", "sponsor", "flagged"}, "deny", nil,
			[]string{"permit:fired", "passport_required:unmet", "security_bar:fired"}, []string{"sponsor_exception<security_bar"}},
		{"overridden exception overrides nothing even with a passport", []string{"eligible", "sponsor", "flagged", "passport"}, "grant", nil,
			[]string{"permit:fired", "security_bar:fired"}, []string{"sponsor_exception<security_bar"}},
		{"grant that is an exception to a deny", []string{"passport", "banned", "pardoned"}, "grant", nil,
			[]string{"pardon:fired"}, []string{"ban<pardon"}},
		{"grant and deny in conflict", []string{"eligible", "passport", "banned"}, "", policy.ErrConflict,
			[]string{"permit:fired", "ban:fired"}, nil},
		{"refer wins over deny", []string{"eligible", "urgent"}, "refer", nil,
			[]string{"permit:fired", "passport_required:unmet", "urgent_referral:fired"}, nil},
		{"waiver alone decides nothing", []string{"passport", "sponsor"}, "", policy.ErrNoApplicableRule,
			[]string{"sponsor_exception:fired"}, []string{"passport_required<sponsor_exception"}},
		{"nothing applies", []string{"passport"}, "", policy.ErrNoApplicableRule, []string{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Evaluate(on, semanticsInputs(tt.set...))
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if err != nil {
				wantErrorContaining(t, err, sojourn.CodePreconditionFailed, "pack semantics version 1")
			}
			if res.Outcome != tt.outcome {
				t.Errorf("outcome %q, want %q", res.Outcome, tt.outcome)
			}
			if got := hitIDs(res.Fired); !slices.Equal(got, tt.fired) {
				t.Errorf("fired %v, want %v", got, tt.fired)
			}
			if got := overrideIDs(res.Overridden); !slices.Equal(got, tt.overridden) {
				t.Errorf("overridden %v, want %v", got, tt.overridden)
			}
			out, err2 := p.EvaluateOutcome(on, semanticsInputs(tt.set...))
			if out != tt.outcome || !errors.Is(err2, tt.err) {
				t.Errorf("EvaluateOutcome = %q, %v", out, err2)
			}
		})
	}
}

func TestConflict(t *testing.T) {
	p := mustCompile(t, conflictPack)
	on := sojourn.MustDate("1931-01-01")
	_, err := p.Evaluate(on, map[string]any{"a": true, "b": true, "c": false})
	if !errors.Is(err, policy.ErrConflict) {
		t.Fatalf("error %v, want ErrConflict", err)
	}
	wantErrorContaining(t, err, sojourn.CodePreconditionFailed, "unresolved conflict between rules allow and forbid")
	// A conflict is an error even when a referral fires: it is a defect of the pack.
	_, err = p.Evaluate(on, map[string]any{"a": true, "b": true, "c": true})
	if !errors.Is(err, policy.ErrConflict) {
		t.Errorf("with a referral: error %v, want ErrConflict", err)
	}
	if errors.Is(err, policy.ErrNoApplicableRule) {
		t.Error("conflict matches ErrNoApplicableRule")
	}
	for _, in := range []map[string]any{{"a": true, "b": false, "c": false}, {"a": false, "b": true, "c": false}} {
		if _, err := p.Evaluate(on, in); err != nil {
			t.Errorf("%v: %v", in, err)
		}
	}
	_, err = p.Evaluate(on, map[string]any{"a": false, "b": false, "c": false})
	wantErrorContaining(t, err, sojourn.CodePreconditionFailed, "no applicable rule in pack conflict version 1")
}

// typesPack declares an input of every type and uses `on`.
const typesPack = `
pack: types
versions:
  - version: "1"
    effective_from: 1930-01-01
    legal_reference: "Test Act"
    inputs: {flag: bool, count: int, score: double, country: string, filed_on: date, languages: list(string)}
    rules:
      - id: ok
        ref: "§1"
        effect: grant
        when: >
          flag && count >= 2 && score > 0.5 && country == "CZ"
          && filed_on <= on && "de" in languages
        message: "all good"
      - {id: ratio, ref: "§2", effect: require, when: "10 / count > 0", message: "count must be small"}
`

func typesInputs() map[string]any {
	return map[string]any{"flag": true, "count": 2, "score": 0.75, "country": "CZ",
		"filed_on": "1937-11-02", "languages": []string{"cs", "de"}}
}

func with(m map[string]any, k string, v any) map[string]any {
	c := map[string]any{}
	for key, val := range m {
		c[key] = val
	}
	if v == nil {
		delete(c, k)
	} else {
		c[k] = v
	}
	return c
}

func TestInputConversion(t *testing.T) {
	p := mustCompile(t, typesPack)
	on := sojourn.MustDate("1937-11-02")
	ok := []map[string]any{
		typesInputs(),
		with(typesInputs(), "count", float64(2)),       // JSON number
		with(typesInputs(), "count", json.Number("2")), // json.Number
		with(typesInputs(), "count", int64(3)),         // int64
		with(typesInputs(), "score", 1),                // int for double
		with(typesInputs(), "filed_on", sojourn.MustDate("1937-11-01")),
		with(typesInputs(), "filed_on", time.Date(1937, 11, 2, 0, 0, 0, 0, time.UTC)),
		with(typesInputs(), "languages", []any{"de"}), // JSON array
	}
	for i, in := range ok {
		if out, err := p.EvaluateOutcome(on, in); err != nil || out != "grant" {
			t.Errorf("case %d: %s, %v", i, out, err)
		}
	}
	res, err := p.Evaluate(on, with(typesInputs(), "count", float64(2)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"flag": true, "count": int64(2), "score": 0.75, "country": "CZ",
		"filed_on": sojourn.MustDate("1937-11-02"), "languages": []string{"cs", "de"}}
	for k, v := range want {
		got, _ := json.Marshal(res.Inputs[k])
		exp, _ := json.Marshal(v)
		if string(got) != string(exp) {
			t.Errorf("snapshot %s = %s, want %s", k, got, exp)
		}
	}
	if _, isInt := res.Inputs["count"].(int64); !isInt {
		t.Errorf("count snapshot is %T, want int64", res.Inputs["count"])
	}
	if _, err := p.EvaluateOutcome(on, with(typesInputs(), "filed_on", "1937-11-03")); !errors.Is(err, policy.ErrNoApplicableRule) {
		t.Errorf("filed after on: %v, want ErrNoApplicableRule", err)
	}
}

func TestInputErrors(t *testing.T) {
	p := mustCompile(t, typesPack)
	on := sojourn.MustDate("1937-11-02")
	tests := []struct {
		name  string
		in    map[string]any
		field string
		msg   string
	}{
		{"missing", with(typesInputs(), "flag", nil), "inputs.flag", "is required (bool)"},
		{"extra", with(typesInputs(), "colour", "red"), "inputs.colour", "is not a declared input"},
		{"on is not an input", with(typesInputs(), "on", "1937-11-02"), "inputs.on", "is not a declared input"},
		{"wrong type", with(typesInputs(), "flag", "yes"), "inputs.flag", "must be a bool, got string"},
		{"fraction for int", with(typesInputs(), "count", 2.5), "inputs.count", "must be a whole number"},
		{"bad json.Number", with(typesInputs(), "count", json.Number("2.5")), "inputs.count", "must be a whole number"},
		{"NaN", with(typesInputs(), "score", math.NaN()), "inputs.score", "must be a finite number"},
		{"bad date", with(typesInputs(), "filed_on", "1937-02-30"), "inputs.filed_on", "not a calendar date"},
		{"zero date", with(typesInputs(), "filed_on", sojourn.Date{}), "inputs.filed_on", "zero date"},
		{"mixed list", with(typesInputs(), "languages", []any{"de", 1}), "inputs.languages", "element 1 must be a string"},
		{"invalid UTF-8", with(typesInputs(), "country", "\xff"), "inputs.country", "UTF-8"},
		{"null", map[string]any{"flag": nil, "count": 2, "score": 0.5, "country": "x", "filed_on": "1937-01-01", "languages": []string{}},
			"inputs.flag", "must be a bool, got null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, eval := range []func() error{
				func() error { _, err := p.Evaluate(on, tt.in); return err },
				func() error { _, err := p.EvaluateOutcome(on, tt.in); return err },
			} {
				e := asError(t, eval())
				if e.Code != sojourn.CodeInvalid {
					t.Errorf("code %s", e.Code)
				}
				if !containsField(e.Fields, tt.field, tt.msg) {
					t.Errorf("fields %v lack %s: %s", e.Fields, tt.field, tt.msg)
				}
			}
		})
	}
}

// containsField reports whether fields has field with a message containing part.
func containsField(fields []sojourn.FieldError, field, part string) bool {
	return slices.ContainsFunc(fields, func(f sojourn.FieldError) bool {
		return f.Field == field && strings.Contains(f.Message, part)
	})
}

func TestRuntimeError(t *testing.T) {
	p := mustCompile(t, typesPack)
	_, err := p.Evaluate(sojourn.MustDate("1937-11-02"), with(typesInputs(), "count", 0))
	wantErrorContaining(t, err, sojourn.CodeInvalid, "rule ratio", "cannot evaluate", "division by zero")
}

// TestConcurrentEvaluate shares one pack between goroutines (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	p := mustCompile(t, semanticsPack)
	on := sojourn.MustDate("1940-01-01")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				set := []string{"eligible"}
				if (g+i)%2 == 0 {
					set = append(set, "passport")
				}
				res, err := p.Evaluate(on, semanticsInputs(set...))
				want := map[bool]string{true: "grant", false: "deny"}[(g+i)%2 == 0]
				if err != nil || res.Outcome != want {
					t.Errorf("goroutine %d: %s, %v; want %s", g, res.Outcome, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
