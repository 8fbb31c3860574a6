package policy_test

import (
	"errors"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// endedPack has one version that ends with no successor.
const endedPack = `
pack: ended
versions:
  - version: only
    effective_from: 1930-01-01
    effective_to: 1938-01-31
    legal_reference: "Temporary Act"
    rules:
      - {id: permit, ref: "§1", effect: grant, when: "true", message: "granted"}
`

// TestVersionSelection checks the day before, of and after each boundary.
func TestVersionSelection(t *testing.T) {
	residence := loadFile(t, "residence.yaml")
	ended := mustCompile(t, endedPack)
	tests := []struct {
		pack    *policy.Pack
		on      string
		version string // "" when none is in force
	}{
		{residence, "1929-12-31", ""},
		{residence, "1930-01-01", "1930"},
		{residence, "1930-01-02", "1930"},
		{residence, "1938-01-30", "1930"},
		{residence, "1938-01-31", "1930"},
		{residence, "1938-02-01", "1938"},
		{residence, "1938-02-02", "1938"},
		{residence, "2100-01-01", "1938"},
		{ended, "1929-12-31", ""},
		{ended, "1930-01-01", "only"},
		{ended, "1938-01-30", "only"},
		{ended, "1938-01-31", "only"},
		{ended, "1938-02-01", ""},
	}
	for _, tt := range tests {
		t.Run(tt.pack.Name+"/"+tt.on, func(t *testing.T) {
			on := sojourn.MustDate(tt.on)
			v, err := tt.pack.InForce(on)
			if tt.version == "" {
				if !errors.Is(err, policy.ErrNoVersionInForce) {
					t.Fatalf("InForce = %v, %v; want ErrNoVersionInForce", v, err)
				}
				wantErrorContaining(t, err, sojourn.CodePreconditionFailed, "no rules of pack "+tt.pack.Name+" in force on "+tt.on)
				_, err = tt.pack.Evaluate(on, residenceInputs(true, false, false))
				if !errors.Is(err, policy.ErrNoVersionInForce) {
					t.Errorf("Evaluate error %v, want ErrNoVersionInForce", err)
				}
				return
			}
			if err != nil || v.Name != tt.version {
				t.Fatalf("InForce = %v, %v; want version %s", v, err, tt.version)
			}
		})
	}
}

func TestEvaluationDateRequired(t *testing.T) {
	p := loadFile(t, "residence.yaml")
	_, err := p.Evaluate(sojourn.Date{}, residenceInputs(true, false, false))
	wantErrorContaining(t, err, sojourn.CodeInvalid, "evaluation date is required")
	v, _ := p.Version("1930")
	_, err = policy.EvaluateVersionOutcome(v, sojourn.Date{}, residenceInputs(true, false, false))
	wantErrorContaining(t, err, sojourn.CodeInvalid, "evaluation date is required")
}

func TestVersionsOrdered(t *testing.T) {
	p := mustCompile(t, `
pack: order
versions:
  - version: late
    effective_from: 1940-01-01
    legal_reference: "B"
    rules: [{id: r, ref: "§1", effect: grant, when: "true", message: "m"}]
  - version: early
    effective_from: 1930-01-01
    effective_to: 1939-12-31
    legal_reference: "A"
    rules: [{id: r, ref: "§1", effect: grant, when: "true", message: "m"}]
`)
	vs := p.Versions()
	if len(vs) != 2 || vs[0].Name != "early" || vs[1].Name != "late" {
		t.Fatalf("versions not ordered by date: %v, %v", vs[0].Name, vs[1].Name)
	}
}
