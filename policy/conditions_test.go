package policy_test

import (
	"slices"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// delegationConditions are those of S8.
var delegationConditions = []policy.Condition{
	{ID: "individual_case", When: "individual_case && justified", Message: "the request must be an individual, justified case"},
	{ID: "host_concurrence", When: "host_concurrence", Message: "HOST concurrence must be recorded"},
	{ID: "no_pending_liability", When: "!pending_liability || reasons_given", Message: "pending liability in the host country needs reasons"},
	{ID: "within_period", When: "requested_on <= on", Message: "request dated after the decision"},
}

var delegationInputs = map[string]string{
	"individual_case": "bool", "justified": "bool", "host_concurrence": "bool",
	"pending_liability": "bool", "reasons_given": "bool", "requested_on": "date",
}

func TestConditions(t *testing.T) {
	set, err := policy.CompileConditions(delegationInputs, delegationConditions)
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]any{"individual_case": true, "justified": true, "host_concurrence": true,
		"pending_liability": true, "reasons_given": false, "requested_on": "1956-02-12"}
	failed, err := set.Failed(sojourn.MustDate("1956-03-01"), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].ID != "no_pending_liability" || failed[0].Message == "" {
		t.Errorf("failed %+v, want no_pending_liability", failed)
	}
	in["reasons_given"] = true
	in["host_concurrence"] = false
	failed, _ = set.Failed(sojourn.MustDate("1956-02-11"), in)
	var ids []string
	for _, c := range failed {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"host_concurrence", "within_period"}) {
		t.Errorf("failed %v", ids)
	}
	delete(in, "justified")
	_, err = set.Failed(sojourn.MustDate("1956-03-01"), in)
	wantErrorContaining(t, err, sojourn.CodeInvalid, "inputs.justified: is required (bool)")
}

func TestCompileConditionErrors(t *testing.T) {
	tests := []struct {
		name   string
		inputs map[string]string
		conds  []policy.Condition
		field  string
		part   string
	}{
		{"bad type", map[string]string{"a": "boolean"}, nil, "inputs.a", `unknown type "boolean"`},
		{"unknown variable", map[string]string{"a": "bool"}, []policy.Condition{{ID: "c", When: "b", Message: "m"}},
			"conditions[0].when", "undeclared reference to 'b'"},
		{"not bool", map[string]string{"a": "int"}, []policy.Condition{{ID: "c", When: "a", Message: "m"}},
			"conditions[0].when", "must be a bool condition"},
		{"duplicate id", map[string]string{"a": "bool"}, []policy.Condition{{ID: "c", When: "a", Message: "m"}, {ID: "c", When: "a", Message: "m"}},
			"conditions[1].id", `duplicate condition id "c"`},
		{"missing id", map[string]string{}, []policy.Condition{{When: "true", Message: "m"}}, "conditions[0].id", "is required"},
		{"missing when", map[string]string{}, []policy.Condition{{ID: "c", Message: "m"}}, "conditions[0].when", "is required"},
		{"missing message", map[string]string{}, []policy.Condition{{ID: "c", When: "true"}}, "conditions[0].message", "is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.CompileConditions(tt.inputs, tt.conds)
			e := asError(t, err)
			if e.Code != sojourn.CodeInvalid || !containsField(e.Fields, tt.field, tt.part) {
				t.Errorf("error %v lacks %s: %s", err, tt.field, tt.part)
			}
		})
	}
}
