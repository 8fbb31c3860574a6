package policy

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// aliasBudget is how many nodes aliases may add to a pack beyond those
// written out in it. An alias names a node written elsewhere, so a few
// kilobytes of nested aliases can stand for millions of nodes (the "billion
// laughs"); the reader would walk each of them. Packs use anchors to share a
// few inputs or examples, far below the budget.
const aliasBudget = 10_000

// checkAliases refuses a document whose aliases, expanded, add more than
// aliasBudget nodes. It visits every node once, so it costs no more than the
// document's own size.
func checkAliases(root *yaml.Node) error {
	const saturated = 1 << 40 // sizes stop growing here, so sums never overflow
	written, expanded := 0, map[*yaml.Node]int{}
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			written++
			return size(n.Alias)
		}
		if s, ok := expanded[n]; ok {
			return s
		}
		written++
		expanded[n] = saturated // an alias to a node that holds it never ends
		s := 1
		for _, c := range n.Content {
			s = min(s+size(c), saturated)
		}
		expanded[n] = s
		return s
	}
	if s := size(root); s-written > aliasBudget {
		return fmt.Errorf("line %d: the pack's aliases stand for more than %d nodes; write the pack out instead", lineOf(root), aliasBudget)
	}
	return nil
}
