package policy_test

import (
	"slices"
	"testing"

	"sojourn"
	"sojourn/policy"
)

func TestDiffResidence(t *testing.T) {
	p := loadFile(t, "residence.yaml")
	changes, err := p.Diff("1930", "1938")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.ID+":"+c.Change)
	}
	if want := []string{"passport_required:changed", "sponsor_exception:removed"}; !slices.Equal(got, want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	if f := changes[0].Fields; !slices.Equal(f, []string{"ref", "message"}) {
		t.Errorf("changed fields %v", f)
	}
	if changes[1].Before == nil || changes[1].After != nil {
		t.Errorf("removed rule: %+v", changes[1])
	}
	if _, err := p.Diff("1930", "1999"); sojourn.ErrorCode(err) != sojourn.CodeNotFound {
		t.Errorf("unknown version: %v", err)
	}
	if _, err := p.Diff("1999", "1930"); sojourn.ErrorCode(err) != sojourn.CodeNotFound {
		t.Errorf("unknown version: %v", err)
	}
}

func TestDiffFields(t *testing.T) {
	p := mustCompile(t, `
pack: d
versions:
  - version: a
    effective_from: 1930-01-01
    effective_to: 1930-12-31
    legal_reference: "A"
    inputs: {x: bool}
    rules:
      - {id: keep, ref: "1", effect: grant, when: x, message: m}
      - {id: flip, ref: "2", effect: grant, when: x, message: m}
      - {id: exc, ref: "3", effect: waive, exception_to: [keep, flip], when: x, message: m}
  - version: b
    effective_from: 1931-01-01
    legal_reference: "B"
    inputs: {x: bool}
    rules:
      - {id: keep, ref: "1", effect: grant, when: x, message: m}
      - {id: flip, ref: "2", effect: deny, when: "!x", message: m}
      - {id: exc, ref: "3", effect: waive, exception_to: [flip], when: x, message: m}
      - {id: new, ref: "4", effect: refer, when: x, message: m}
`)
	a, _ := p.Version("a")
	b, _ := p.Version("b")
	changes := policy.Diff(a, b)
	want := []struct {
		id, change string
		fields     []string
	}{
		{"flip", "changed", []string{"when", "effect"}},
		{"exc", "changed", []string{"exception_to"}},
		{"new", "added", nil},
	}
	if len(changes) != len(want) {
		t.Fatalf("changes %+v", changes)
	}
	for i, w := range want {
		c := changes[i]
		if c.ID != w.id || c.Change != w.change || !slices.Equal(c.Fields, w.fields) {
			t.Errorf("change %d = %s %s %v, want %s %s %v", i, c.ID, c.Change, c.Fields, w.id, w.change, w.fields)
		}
	}
	if changes[2].After == nil || changes[2].Before != nil {
		t.Errorf("added rule: %+v", changes[2])
	}
	if len(policy.Diff(a, a)) != 0 {
		t.Error("a version differs from itself")
	}
}
