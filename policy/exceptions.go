package policy

import (
	"slices"
	"strings"
)

// plan is the evaluation order of a version's rules derived from the
// exception graph: every exception is evaluated before the rules it names,
// so a rule overridden by an active exception need not be evaluated.
type plan struct {
	order      []int   // rule indices, exceptions first
	overriders [][]int // overriders[i]: rules naming rule i, in declaration order
}

// newPlan orders rules along their exceptions. Unknown rule ids in
// exception_to are ignored (compile reports them). When the exceptions form
// a cycle it returns the ids along it, first id repeated at the end.
func newPlan(rules []Rule) (plan, []string) {
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.ID] = i
	}
	p := plan{overriders: make([][]int, len(rules))}
	pending := make([]int, len(rules)) // overriders not yet ordered
	for e, r := range rules {
		for _, id := range r.ExceptionTo {
			if t, ok := index[id]; ok {
				p.overriders[t] = append(p.overriders[t], e)
				pending[t]++
			}
		}
	}
	queue := make([]int, 0, len(rules))
	for i := range rules {
		if pending[i] == 0 {
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		e := queue[0]
		queue = queue[1:]
		p.order = append(p.order, e)
		for _, id := range rules[e].ExceptionTo {
			if t, ok := index[id]; ok {
				if pending[t]--; pending[t] == 0 {
					queue = append(queue, t)
				}
			}
		}
	}
	if len(p.order) < len(rules) {
		return plan{}, cycle(rules, p.overriders, pending)
	}
	return p, nil
}

// cycle walks from a rule left unordered to one of its unordered
// overriders until a rule repeats, and returns that loop as ids in the
// direction exception → rule named, starting at its first declared rule.
func cycle(rules []Rule, overriders [][]int, pending []int) []string {
	start := 0
	for pending[start] == 0 {
		start++
	}
	var path []int
	seen := map[int]int{}
	for at := start; ; {
		if pos, ok := seen[at]; ok {
			path = path[pos:]
			break
		}
		seen[at] = len(path)
		path = append(path, at)
		for _, o := range overriders[at] {
			if pending[o] > 0 {
				at = o
				break
			}
		}
	}
	slices.Reverse(path)
	first := slices.Index(path, slices.Min(path))
	path = append(path[first:], path[:first]...)
	ids := make([]string, 0, len(path)+1)
	for _, i := range path {
		ids = append(ids, rules[i].ID)
	}
	return append(ids, ids[0])
}

// cycleText renders a cycle as "a → b → a".
func cycleText(ids []string) string { return strings.Join(ids, " → ") }
