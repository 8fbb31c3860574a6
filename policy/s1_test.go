package policy_test

import (
	"encoding/json"
	"slices"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// TestS1Residence checks scenario S1 against policies/residence.yaml.
func TestS1Residence(t *testing.T) {
	p := loadFile(t, "residence.yaml")
	tests := []struct {
		name       string
		on         string
		inputs     map[string]any
		outcome    string
		version    string
		fired      []string
		overridden []string
	}{
		{"anna wirth: passport requirement waived", "1937-11-02", residenceInputs(false, true, true), policy.OutcomeGrant, "1930",
			[]string{"permit:fired", "sponsor_exception:fired"}, []string{"passport_required<sponsor_exception"}},
		{"jan novak: no exception in 1938", "1938-02-20", residenceInputs(false, true, true), policy.OutcomeDeny, "1938",
			[]string{"permit:fired", "passport_required:unmet"}, nil},
		{"passport holder", "1935-01-01", residenceInputs(true, false, false), policy.OutcomeGrant, "1930",
			[]string{"permit:fired"}, nil},
		{"unaccredited sponsor", "1937-11-02", residenceInputs(false, true, false), policy.OutcomeDeny, "1930",
			[]string{"permit:fired", "passport_required:unmet"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Evaluate(sojourn.MustDate(tt.on), tt.inputs)
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != tt.outcome || res.Version != tt.version {
				t.Errorf("got %s under %s, want %s under %s", res.Outcome, res.Version, tt.outcome, tt.version)
			}
			if got := hitIDs(res.Fired); !slices.Equal(got, tt.fired) {
				t.Errorf("fired %v, want %v", got, tt.fired)
			}
			if got := overrideIDs(res.Overridden); !slices.Equal(got, tt.overridden) {
				t.Errorf("overridden %v, want %v", got, tt.overridden)
			}
			if out, err := p.EvaluateOutcome(sojourn.MustDate(tt.on), tt.inputs); err != nil || out != res.Outcome {
				t.Errorf("EvaluateOutcome = %s, %v; Evaluate said %s", out, err, res.Outcome)
			}
		})
	}
}

// TestS1Explanation checks the explanation stored with Anna's decision.
func TestS1Explanation(t *testing.T) {
	p := loadFile(t, "residence.yaml")
	res, err := p.Evaluate(sojourn.MustDate("1937-11-02"), residenceInputs(false, true, true))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := p.Version("1930")
	if res.Hash != v.Hash || res.PackHash != p.Hash || len(res.Hash) != 64 {
		t.Errorf("hashes %s/%s, want %s/%s", res.Hash, res.PackHash, v.Hash, p.Hash)
	}
	if res.LegalReference == "" || res.EffectiveFrom != sojourn.MustDate("1930-01-01") || res.EffectiveTo != sojourn.MustDate("1938-01-31") {
		t.Errorf("version details missing: %+v", res)
	}
	o := res.Overridden[0]
	if o.Ref != "Decree 12 §2" || o.Message == "" || o.Effect != policy.EffectRequire {
		t.Errorf("override %+v lacks ref, message or effect", o)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"outcome", "pack", "version", "legal_reference", "hash", "pack_hash", "effective_from", "effective_to", "on", "fired", "overridden", "inputs"} {
		if _, ok := back[key]; !ok {
			t.Errorf("JSON lacks %q: %s", key, b)
		}
	}
	if back["on"] != "1937-11-02" {
		t.Errorf("on = %v", back["on"])
	}
}

// TestS1WhatIf evaluates Jan's case under the 1930 version regardless of
// dates, as a what-if run does, and sees the outcome change.
func TestS1WhatIf(t *testing.T) {
	p := loadFile(t, "residence.yaml")
	on := sojourn.MustDate("1938-02-20")
	jan := residenceInputs(false, true, true)
	actual, err := p.Evaluate(on, jan)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := p.Version("1930")
	if err != nil {
		t.Fatal(err)
	}
	whatIf, err := policy.EvaluateVersion(draft, on, jan)
	if err != nil {
		t.Fatal(err)
	}
	if !policy.Compare(actual, whatIf) || whatIf.Outcome != policy.OutcomeGrant || whatIf.Version != "1930" {
		t.Errorf("what-if %s under %s, actual %s: want a change to grant", whatIf.Outcome, whatIf.Version, actual.Outcome)
	}
	if out, err := policy.EvaluateVersionOutcome(draft, on, jan); err != nil || out != policy.OutcomeGrant {
		t.Errorf("EvaluateVersionOutcome = %s, %v", out, err)
	}
	if policy.Compare(actual, actual) {
		t.Error("Compare of a result with itself reports a change")
	}
	if _, err := p.Version("1931"); sojourn.ErrorCode(err) != sojourn.CodeNotFound {
		t.Errorf("Version(1931) error %v, want not_found", err)
	}
}
