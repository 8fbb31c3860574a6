package policy

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types/ref"

	"sojourn"
)

// OnVariable is the CEL variable that holds the evaluation date (a timestamp,
// midnight UTC) in every expression. No input may use this name.
const OnVariable = "on"

// Input is one declared input: a CEL variable with a type.
type Input struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reserved are names an input may not take: CEL keywords and OnVariable.
var reserved = map[string]bool{
	OnVariable: true, "true": true, "false": true, "null": true, "in": true,
	"as": true, "break": true, "const": true, "continue": true, "else": true,
	"for": true, "function": true, "if": true, "import": true, "let": true,
	"loop": true, "package": true, "namespace": true, "return": true,
	"var": true, "void": true, "while": true,
}

// checkInput returns what is wrong with the declaration name: typ, or "".
func checkInput(name, typ string) string {
	switch {
	case !identifier.MatchString(name):
		return fmt.Sprintf("input name %q is not an identifier (letters, digits, _)", name)
	case reserved[name]:
		return fmt.Sprintf("input name %q is reserved", name)
	}
	if _, ok := parseType(typ); !ok {
		return fmt.Sprintf("input %s has unknown type %q (want bool, int, double, string, date or list(string))", name, typ)
	}
	return ""
}

// schema is the compiled set of inputs shared by the expressions of a
// version (or a condition set): the CEL environment and the binding of caller
// values into an activation.
type schema struct {
	inputs []Input     // sorted by name; input i lives in slot i+1
	types  []inputType // types[i] is the type of inputs[i]
	slots  map[string]int
	env    *cel.Env
	pool   sync.Pool // of *activation
}

// baseEnv is the CEL standard environment every schema extends.
var baseEnv = sync.OnceValues(func() (*cel.Env, error) {
	return cel.NewEnv(cel.Variable(OnVariable, cel.TimestampType))
})

// newSchema builds the schema of inputs, which checkInput has accepted.
func newSchema(inputs []Input) (*schema, error) {
	s := &schema{inputs: slices.Clone(inputs), slots: map[string]int{OnVariable: 0}}
	sort.Slice(s.inputs, func(i, j int) bool { return s.inputs[i].Name < s.inputs[j].Name })
	opts := make([]cel.EnvOption, len(s.inputs))
	for i, in := range s.inputs {
		t, _ := parseType(in.Type)
		s.types = append(s.types, t)
		s.slots[in.Name] = i + 1
		opts[i] = cel.Variable(in.Name, t.celType())
	}
	base, err := baseEnv()
	if err != nil {
		return nil, err
	}
	if s.env, err = base.Extend(opts...); err != nil {
		return nil, err
	}
	n := len(s.inputs) + 1
	s.pool.New = func() any { return &activation{slots: s.slots, vals: make([]ref.Val, n)} }
	return s, nil
}

// inputError describes every problem of inputs: missing, extra, mistyped.
func (s *schema) inputError(inputs map[string]any) error {
	var p sojourn.Problems
	for i, in := range s.inputs {
		v, ok := inputs[in.Name]
		if !ok {
			p.Add("inputs."+in.Name, "is required (%s)", in.Type)
			continue
		}
		if _, err := s.types[i].bind(v); err != nil {
			p.Add("inputs."+in.Name, "%v", err)
		}
	}
	extra := make([]string, 0, len(inputs))
	for name := range inputs {
		if _, ok := s.slots[name]; !ok || name == OnVariable {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		p.Add("inputs."+name, "is not a declared input")
	}
	return p.Err("inputs")
}

// snapshot returns the bound inputs of a in their native form, by name.
func (s *schema) snapshot(a *activation) map[string]any {
	m := make(map[string]any, len(s.inputs))
	for i, in := range s.inputs {
		m[in.Name] = s.types[i].native(a.vals[i+1])
	}
	return m
}
