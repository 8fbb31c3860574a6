package policy

import (
	"slices"
	"strings"

	"cel.dev/cel-go/cel"
	"go.yaml.in/yaml/v3"
)

var expectations = []string{OutcomeGrant, OutcomeDeny, OutcomeRefer, "error"}

// Compile parses a pack from YAML and compiles it: every CEL condition is
// type-checked against the declared inputs and planned once. It does not run
// the examples (see Load). All problems found are reported together as
// field errors of one invalid *sojourn.Error, each naming its YAML line.
func Compile(src []byte) (*Pack, error) {
	r := &report{}
	doc := parse(src, r)
	if doc == nil {
		return nil, r.Err("policy pack")
	}
	p := &Pack{Name: doc.name, Title: doc.title, EvaluateOn: doc.evaluateOn, FutureDecisions: doc.futureDecisions}
	if p.EvaluateOn == "" {
		p.EvaluateOn = EvaluateOnFiling
	}
	if p.FutureDecisions == "" {
		p.FutureDecisions = FutureDecisionsRefused
	}
	for _, vd := range doc.versions {
		p.versions = append(p.versions, compileVersion(vd))
	}
	checkVersions(doc.versions)
	if err := r.Err(strings.TrimSpace("policy pack " + doc.name)); err != nil {
		return nil, err
	}
	slices.SortFunc(p.versions, func(a, b *Version) int { return a.EffectiveFrom.Compare(b.EffectiveFrom) })
	seal(p)
	return p, nil
}

// compileVersion checks and compiles one version; problems go to its report.
func compileVersion(d *versionDoc) *Version {
	v := &d.v
	if !v.EffectiveTo.IsZero() && !v.EffectiveFrom.IsZero() && v.EffectiveTo.Before(v.EffectiveFrom) {
		d.f.fail("effective_to", "effective_to %s is before effective_from %s", v.EffectiveTo, v.EffectiveFrom)
	}
	v.schema = compileInputs(d)
	checkRules(d)
	for _, rd := range d.rules {
		v.Rules = append(v.Rules, rd.Rule)
	}
	checkPlan(d)
	if v.schema != nil {
		v.Inputs = v.schema.inputs
		v.progs = compileRules(v.schema, d.rules)
		compileExamples(d)
	}
	return v
}

// compileInputs checks the declared inputs and builds their schema, or
// returns nil when they are invalid.
func compileInputs(d *versionDoc) *schema {
	ok := true
	inputs := make([]Input, 0, len(d.inputs))
	for _, in := range d.inputs {
		if msg := checkInput(in.Name, in.Type); msg != "" {
			d.f.r.at(join(d.f.path, "inputs."+in.Name), in.line, d.f.ctx, "%s", msg)
			ok = false
		}
		inputs = append(inputs, in.Input)
	}
	if !ok {
		return nil
	}
	s, err := newSchema(inputs)
	if err != nil {
		d.f.fail("inputs", "%v", err)
		return nil
	}
	return s
}

// compileRules compiles the condition of every rule.
func compileRules(s *schema, rules []ruleDoc) []cel.Program {
	progs := make([]cel.Program, len(rules))
	for i, rd := range rules {
		if rd.When == "" {
			continue
		}
		prg, issues := compileExpr(s.env, rd.When)
		for _, is := range issues {
			rd.f.r.at(join(rd.f.path, "when"), exprLine(rd.when, is.line), rd.f.ctx,
				"when: %s (column %d of the condition)", is.msg, is.column)
		}
		progs[i] = prg
	}
	return progs
}

// exprLine maps a line of a condition to its line in the YAML file: block
// scalars (| and >) start on the line after their indicator.
func exprLine(n *yaml.Node, line int) int {
	base := lineOf(n)
	if n != nil && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		base++
	}
	return base + line - 1
}

// compileExamples checks the examples of a version and converts their inputs.
func compileExamples(d *versionDoc) {
	names := map[string]int{}
	for i := range d.examples {
		ed := &d.examples[i]
		ex := &ed.ex
		if line, dup := names[ex.Name]; dup {
			ed.f.fail("name", "duplicate example name %q (first at line %d)", ex.Name, line)
		}
		names[ex.Name] = ed.f.line("name")
		if ex.Expect != "" && !slices.Contains(expectations, ex.Expect) {
			ed.f.fail("expect", "unknown expectation %q (want grant, deny, refer or error)", ex.Expect)
		}
		if !ex.On.IsZero() && !d.v.InForce(ex.On) {
			ed.f.fail("on", "%s is outside the effective period of version %s", ex.On, d.v.Name)
		}
		ed.convertInputs(d.v.schema)
		d.v.Examples = append(d.v.Examples, *ex)
	}
}
