package policy

import (
	"fmt"
	"slices"
)

// The checks below find the problems of a pack that are not about a single
// field: identities, references between rules, and periods of versions.

var effects = []string{EffectGrant, EffectDeny, EffectRequire, EffectWaive, EffectRefer}

// checkRules checks ids, effects and exception references of the rules.
func checkRules(d *versionDoc) {
	first := map[string]int{} // id → line of its first rule
	for _, rd := range d.rules {
		if line, dup := first[rd.ID]; dup && rd.ID != "" {
			rd.f.fail("id", "duplicate rule id %q (first at line %d)", rd.ID, line)
		} else if rd.ID != "" {
			first[rd.ID] = rd.f.line("id")
			checkID(rd)
		}
		checkEffect(rd)
	}
	for _, rd := range d.rules {
		checkExceptions(rd, first)
	}
}

func checkID(rd ruleDoc) {
	if !identifier.MatchString(rd.ID) {
		rd.f.fail("id", "rule id %q must be letters, digits and _ (not starting with a digit)", rd.ID)
	}
}

func checkEffect(rd ruleDoc) {
	if rd.Effect != "" && !slices.Contains(effects, rd.Effect) {
		rd.f.fail("effect", "unknown effect %q (want grant, deny, require, waive or refer)", rd.Effect)
	}
}

// checkExceptions checks the exception_to list of one rule.
func checkExceptions(rd ruleDoc, ids map[string]int) {
	switch {
	case rd.Effect == EffectRequire && len(rd.ExceptionTo) > 0:
		rd.f.fail("exception_to", "a require rule cannot be an exception; use a waive rule for the exception and a separate require rule")
	case rd.Effect == EffectWaive && len(rd.ExceptionTo) == 0:
		rd.f.fail("exception_to", "a waive rule must name the rules it is an exception to (exception_to)")
	}
	seen := map[string]bool{}
	for _, id := range rd.ExceptionTo {
		switch _, known := ids[id]; {
		case seen[id]:
			rd.f.fail("exception_to", "exception_to names rule %q twice", id)
		case !known:
			rd.f.fail("exception_to", "exception_to names unknown rule %q", id)
		}
		seen[id] = true
	}
}

// checkPlan orders the rules along their exceptions, reporting a cycle at
// the first rule of it.
func checkPlan(d *versionDoc) {
	p, ids := newPlan(d.v.Rules)
	if ids == nil {
		d.v.plan = p
		return
	}
	for _, rd := range d.rules {
		if rd.ID == ids[0] {
			rd.f.fail("exception_to", "exceptions form a cycle: %s", cycleText(ids))
			return
		}
	}
}

// checkVersions reports duplicate version names and overlapping periods.
func checkVersions(docs []*versionDoc) {
	names := map[string]int{}
	for _, d := range docs {
		if line, dup := names[d.v.Name]; dup && d.v.Name != "" {
			d.f.fail("version", "duplicate version %q (first at line %d)", d.v.Name, line)
		}
		names[d.v.Name] = d.f.line("version")
	}
	dated := slices.DeleteFunc(slices.Clone(docs), func(d *versionDoc) bool { return d.v.EffectiveFrom.IsZero() })
	slices.SortStableFunc(dated, func(a, b *versionDoc) int { return a.v.EffectiveFrom.Compare(b.v.EffectiveFrom) })
	for i := 1; i < len(dated); i++ {
		prev, cur := &dated[i-1].v, &dated[i].v
		if prev.EffectiveTo.IsZero() || !prev.EffectiveTo.Before(cur.EffectiveFrom) {
			dated[i].f.fail("effective_from", "effective period overlaps version %s (%s)", prev.Name, period(prev))
		}
	}
}

// period renders the effective period of v.
func period(v *Version) string {
	if v.EffectiveTo.IsZero() {
		return fmt.Sprintf("from %s, no end", v.EffectiveFrom)
	}
	return fmt.Sprintf("%s to %s", v.EffectiveFrom, v.EffectiveTo)
}
