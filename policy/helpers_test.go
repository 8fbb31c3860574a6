package policy_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// mustCompile compiles src or fails the test.
func mustCompile(t testing.TB, src string) *policy.Pack {
	t.Helper()
	p, err := policy.Compile([]byte(src))
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return p
}

// loadFile loads a pack from ../policies.
func loadFile(t testing.TB, name string) *policy.Pack {
	t.Helper()
	src, err := os.ReadFile("../policies/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Load(src)
	if err != nil {
		t.Fatalf("Load %s: %v", name, err)
	}
	return p
}

// asError returns err as a *sojourn.Error or fails the test.
func asError(t testing.TB, err error) *sojourn.Error {
	t.Helper()
	var e *sojourn.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *sojourn.Error", err, err)
	}
	return e
}

// wantErrorContaining checks that err is a *sojourn.Error with code whose
// text contains every part.
func wantErrorContaining(t testing.TB, err error, code sojourn.Code, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	if e := asError(t, err); e.Code != code {
		t.Errorf("code %s, want %s (%v)", e.Code, code, err)
	}
	for _, part := range parts {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not contain %q", err, part)
		}
	}
}

// residenceInputs are the inputs of the residence pack.
func residenceInputs(passport, petition, accredited bool) map[string]any {
	return map[string]any{"has_valid_passport": passport, "sponsor_petition": petition, "sponsor_accredited": accredited}
}

// hitIDs renders rule hits as "id:status".
func hitIDs(hits []policy.RuleHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID + ":" + h.Status
	}
	return out
}

// overrideIDs renders overrides as "id<by".
func overrideIDs(overrides []policy.Override) []string {
	out := make([]string, len(overrides))
	for i, o := range overrides {
		out[i] = o.ID + "<" + o.By
	}
	return out
}
