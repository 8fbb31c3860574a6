package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The documents below are a pack as read from YAML, before compilation, with
// the positions needed to report problems.
type (
	packDoc struct {
		name, title, evaluateOn, futureDecisions string
		versions                                 []*versionDoc
	}
	versionDoc struct {
		f        *fields
		v        Version
		inputs   []inputDoc
		rules    []ruleDoc
		examples []exampleDoc
	}
	inputDoc struct {
		Input
		line int
	}
	ruleDoc struct {
		f *fields
		Rule
		when *yaml.Node
	}
	exampleDoc struct {
		f      *fields
		ex     Example
		inputs *fields // nil when absent or not a mapping
	}
)

var (
	packName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	packKeys = []string{"pack", "title", "evaluate_on", "future_decisions", "versions"}
	verKeys  = []string{"version", "effective_from", "effective_to", "legal_reference", "inputs", "rules", "examples"}
	ruleKeys = []string{"id", "ref", "effect", "when", "exception_to", "message"}
	exKeys   = []string{"name", "on", "inputs", "expect"}
)

// parse reads src into a pack document, recording structural problems in r.
// It returns nil when src is not a YAML mapping at all.
func parse(src []byte, r *report) *packDoc {
	root, err := decodeOne(src)
	if err != nil {
		r.Add("yaml", "%v", err)
		return nil
	}
	if n := deref(root); n.Kind != yaml.MappingNode {
		r.Add("yaml", "line %d: a pack must be a mapping with pack, title and versions", lineOf(n))
		return nil
	}
	f := readMapping(r, root, "", "", packKeys...)
	d := &packDoc{name: f.text("pack", true), title: f.text("title", false), evaluateOn: f.text("evaluate_on", false),
		futureDecisions: f.text("future_decisions", false)}
	if d.name != "" && !packName.MatchString(d.name) {
		f.fail("pack", "pack name %q must be lower case letters, digits, - and _", d.name)
	}
	if d.evaluateOn != "" && !slices.Contains(evaluationDates, d.evaluateOn) {
		f.fail("evaluate_on", "evaluate_on must be one of %s", strings.Join(evaluationDates, ", "))
	}
	if d.futureDecisions != "" && d.futureDecisions != FutureDecisionsRefused && d.futureDecisions != FutureDecisionsAllowed {
		f.fail("future_decisions", "future_decisions must be %s or %s", FutureDecisionsRefused, FutureDecisionsAllowed)
	}
	items := f.seq("versions")
	if len(items) == 0 {
		f.fail("versions", "versions is required (at least one version)")
	}
	for i, n := range items {
		if vd := parseVersion(r, n, fmt.Sprintf("versions[%d]", i), d.name); vd != nil {
			d.versions = append(d.versions, vd)
		}
	}
	return d
}

// decodeOne decodes src, which must hold exactly one YAML document, and
// returns its root node.
func decodeOne(src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc, extra yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("line 1: the pack is empty")
		}
		return nil, err
	}
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("line %d: a pack file holds one YAML document", max(extra.Line, 1))
	}
	if len(doc.Content) == 0 {
		return nil, errors.New("line 1: the pack is empty")
	}
	if err := checkAliases(doc.Content[0]); err != nil {
		return nil, err
	}
	return doc.Content[0], nil
}

// parseVersion reads one version.
func parseVersion(r *report, n *yaml.Node, path, pack string) *versionDoc {
	f := readMapping(r, n, path, label("version", n, "version"), verKeys...)
	if f == nil {
		return nil
	}
	name := f.text("version", true)
	d := &versionDoc{f: f, v: Version{
		Pack:           pack,
		Name:           name,
		EffectiveFrom:  f.date("effective_from", true),
		EffectiveTo:    f.date("effective_to", false),
		LegalReference: f.text("legal_reference", true),
	}}
	d.inputs = parseInputs(f)
	rules := f.seq("rules")
	if len(rules) == 0 {
		f.fail("rules", "rules is required (at least one rule)")
	}
	for i, rn := range rules {
		if rd := parseRule(f, rn, i); rd != nil {
			d.rules = append(d.rules, *rd)
		}
	}
	for i, en := range f.seq("examples") {
		if ed := parseExample(f, en, i); ed != nil {
			d.examples = append(d.examples, *ed)
		}
	}
	return d
}

// parseInputs reads the inputs mapping (name: type) of a version.
func parseInputs(vf *fields) []inputDoc {
	if !vf.has("inputs") {
		return nil
	}
	f := readMapping(vf.r, vf.vals["inputs"], join(vf.path, "inputs"), vf.ctx)
	if f == nil {
		return nil
	}
	var out []inputDoc
	seen := map[string]bool{}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		k, v := deref(f.node.Content[i]), deref(f.node.Content[i+1])
		if seen[k.Value] {
			continue // reported by readMapping
		}
		seen[k.Value] = true
		typ := ""
		if v.Kind == yaml.ScalarNode {
			typ = v.Value
		}
		out = append(out, inputDoc{Input: Input{Name: k.Value, Type: typ}, line: k.Line})
	}
	return out
}

func parseRule(vf *fields, n *yaml.Node, i int) *ruleDoc {
	ctx := vf.ctx + ", " + label("rule", n, "id")
	f := readMapping(vf.r, n, fmt.Sprintf("%s.rules[%d]", vf.path, i), ctx, ruleKeys...)
	if f == nil {
		return nil
	}
	return &ruleDoc{f: f, when: deref(f.vals["when"]), Rule: Rule{
		ID:          f.text("id", true),
		Ref:         f.text("ref", true),
		Effect:      f.text("effect", true),
		When:        f.text("when", true),
		ExceptionTo: f.texts("exception_to"),
		Message:     f.text("message", true),
	}}
}

func parseExample(vf *fields, n *yaml.Node, i int) *exampleDoc {
	path := fmt.Sprintf("%s.examples[%d]", vf.path, i)
	ctx := vf.ctx + ", " + label("example", n, "name")
	f := readMapping(vf.r, n, path, ctx, exKeys...)
	if f == nil {
		return nil
	}
	d := &exampleDoc{f: f, ex: Example{
		Name:   f.text("name", true),
		On:     f.date("on", true),
		Expect: f.text("expect", true),
		Inputs: map[string]any{},
		field:  path,
		line:   lineOf(f.node),
	}}
	if f.has("inputs") {
		d.inputs = readMapping(vf.r, f.vals["inputs"], join(path, "inputs"), f.ctx)
	}
	return d
}
