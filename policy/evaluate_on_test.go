package policy_test

import (
	"strings"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// TestEvaluateOn — a pack says which date of a case it is evaluated on:
// the filing date unless it says decided_on; anything else is refused with
// its line; the default written out does not change the pack's hash.
func TestEvaluateOn(t *testing.T) {
	src := head + "    rules:\n" + grantRule
	plain := mustCompile(t, src)
	explicit := mustCompile(t, "evaluate_on: filed_on\n"+src)
	decided := mustCompile(t, "evaluate_on: decided_on\n"+src)
	if plain.EvaluateOn != policy.EvaluateOnFiling || explicit.EvaluateOn != policy.EvaluateOnFiling ||
		decided.EvaluateOn != policy.EvaluateOnDecision {
		t.Fatalf("evaluate_on = %q, %q, %q", plain.EvaluateOn, explicit.EvaluateOn, decided.EvaluateOn)
	}
	if plain.Hash != explicit.Hash || plain.Hash == decided.Hash {
		t.Fatalf("hashes: default %s, explicit %s, decided_on %s", plain.Hash, explicit.Hash, decided.Hash)
	}
	_, err := policy.Compile([]byte("evaluate_on: tomorrow\n" + src))
	e := asError(t, err)
	if e.Code != sojourn.CodeInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "evaluate_on" ||
		!strings.Contains(e.Fields[0].Message, "line 1") || !strings.Contains(e.Fields[0].Message, "filed_on, decided_on") {
		t.Fatalf("bad evaluate_on: %v", err)
	}
}
