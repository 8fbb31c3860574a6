package policy

import "slices"

// Kinds of RuleChange.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// RuleChange is one difference between the rules of two versions. Fields
// names what changed (when, effect, exception_to, ref, message) for a
// changed rule. Before is nil for an added rule, After for a removed one.
type RuleChange struct {
	ID     string   `json:"id"`
	Change string   `json:"change"`
	Fields []string `json:"fields,omitempty"`
	Before *Rule    `json:"before,omitempty"`
	After  *Rule    `json:"after,omitempty"`
}

// Diff lists the rule changes from version a to version b, matching rules by
// id: removed and changed rules in a's order, then added rules in b's order.
func Diff(a, b *Version) []RuleChange {
	var out []RuleChange
	for i := range a.Rules {
		before := &a.Rules[i]
		after := b.rule(before.ID)
		switch {
		case after == nil:
			out = append(out, RuleChange{ID: before.ID, Change: ChangeRemoved, Before: before})
		case len(changedFields(before, after)) > 0:
			out = append(out, RuleChange{ID: before.ID, Change: ChangeChanged,
				Fields: changedFields(before, after), Before: before, After: after})
		}
	}
	for i := range b.Rules {
		if after := &b.Rules[i]; a.rule(after.ID) == nil {
			out = append(out, RuleChange{ID: after.ID, Change: ChangeAdded, After: after})
		}
	}
	return out
}

// Diff lists the rule changes from version from to version to of p.
func (p *Pack) Diff(from, to string) ([]RuleChange, error) {
	a, err := p.Version(from)
	if err != nil {
		return nil, err
	}
	b, err := p.Version(to)
	if err != nil {
		return nil, err
	}
	return Diff(a, b), nil
}

// rule returns the rule of v with the id, or nil.
func (v *Version) rule(id string) *Rule {
	for i := range v.Rules {
		if v.Rules[i].ID == id {
			return &v.Rules[i]
		}
	}
	return nil
}

// changedFields names the fields in which a and b differ; the order of
// exception_to does not matter.
func changedFields(a, b *Rule) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	add("when", a.When != b.When)
	add("effect", a.Effect != b.Effect)
	add("exception_to", !slices.Equal(slices.Sorted(slices.Values(a.ExceptionTo)), slices.Sorted(slices.Values(b.ExceptionTo))))
	add("ref", a.Ref != b.Ref)
	add("message", a.Message != b.Message)
	return out
}
