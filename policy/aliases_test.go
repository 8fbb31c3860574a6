package policy_test

import (
	"strings"
	"testing"

	"sojourn/policy"
)

// aliasBomb returns a pack of a few kilobytes whose aliases stand for
// width × width nodes.
func aliasBomb(width int) string {
	row := strings.TrimSuffix(strings.Repeat(`"x", `, width), ", ")
	refs := strings.TrimSuffix(strings.Repeat("*a, ", width), ", ")
	return "pack: bomb\nlaughs: &a [" + row + "]\nmore: &b [" + refs + "]\nversions: [*b, *b]\n"
}

// TestAliasBudget — aliases that stand for more nodes than the budget are
// refused before the pack is read; a few shared anchors are fine; an alias
// inside its own anchor is refused.
func TestAliasBudget(t *testing.T) {
	for name, src := range map[string]string{
		"1000 × 1000": aliasBomb(1000),
		"200 × 200":   aliasBomb(200),
		"recursive":   "pack: r\nversions: &v [*v]\n",
	} {
		_, err := policy.Load([]byte(src))
		if err == nil || !strings.Contains(err.Error(), "alias") {
			t.Errorf("%s: %v, want the aliases refused", name, err)
		}
	}
	shared := strings.NewReplacer(`legal_reference: "Fuzz Act"`, `legal_reference: &law "Fuzz Act"`,
		`{id: base, ref: "1",`, `{id: base, ref: *law,`).Replace(fuzzPack)
	if _, err := policy.Load([]byte(shared)); err != nil {
		t.Errorf("a shared anchor refused: %v", err)
	}
}
