package policy

import (
	"fmt"
	"sort"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

	"sojourn"
)

// Condition is a named CEL condition that must hold, such as a condition of
// a delegation; Message says what is wrong when it does not.
type Condition struct {
	ID      string `json:"id"`
	When    string `json:"when"`
	Message string `json:"message"`
}

// ConditionSet is a compiled list of conditions over typed inputs, with the
// same input types and `on` variable as packs. It is safe for concurrent use.
type ConditionSet struct {
	schema *schema
	conds  []Condition
	progs  []cel.Program
}

// CompileConditions compiles conds against inputs (name → type, types as in
// packs). Problems are field errors "inputs.NAME" and "conditions[i].FIELD".
func CompileConditions(inputs map[string]string, conds []Condition) (*ConditionSet, error) {
	var p sojourn.Problems
	names := make([]string, 0, len(inputs))
	for name := range inputs {
		names = append(names, name)
	}
	sort.Strings(names)
	decl := make([]Input, len(names))
	for i, name := range names {
		if msg := checkInput(name, inputs[name]); msg != "" {
			p.Add("inputs."+name, "%s", msg)
		}
		decl[i] = Input{Name: name, Type: inputs[name]}
	}
	if err := p.Err("conditions"); err != nil {
		return nil, err
	}
	s, err := newSchema(decl)
	if err != nil {
		return nil, sojourn.Internal(err)
	}
	set := &ConditionSet{schema: s, conds: append([]Condition(nil), conds...), progs: make([]cel.Program, len(conds))}
	seen := map[string]bool{}
	for i, c := range conds {
		set.progs[i] = compileCondition(&p, fmt.Sprintf("conditions[%d]", i), c, s, seen)
	}
	if err := p.Err("conditions"); err != nil {
		return nil, err
	}
	return set, nil
}

func compileCondition(p *sojourn.Problems, field string, c Condition, s *schema, seen map[string]bool) cel.Program {
	switch {
	case c.ID == "":
		p.Add(field+".id", "is required")
	case seen[c.ID]:
		p.Add(field+".id", "duplicate condition id %q", c.ID)
	}
	seen[c.ID] = true
	p.Require(field+".message", c.Message)
	if c.When == "" {
		p.Add(field+".when", "is required")
		return nil
	}
	prg, issues := compileExpr(s.env, c.When)
	for _, is := range issues {
		p.Add(field+".when", "condition %s: %s (line %d, column %d)", c.ID, is.msg, is.line, is.column)
	}
	return prg
}

// Failed evaluates every condition on the date on and returns those whose
// condition is false, in the order given; nil when all hold.
func (s *ConditionSet) Failed(on sojourn.Date, inputs map[string]any) ([]Condition, error) {
	a, err := s.schema.acquire(on, inputs)
	if err != nil {
		return nil, err
	}
	defer s.schema.release(a)
	var failed []Condition
	for i, prg := range s.progs {
		out, _, err := prg.Eval(a)
		if err != nil {
			return nil, sojourn.Errorf(sojourn.CodeInvalid, "condition %s: cannot evaluate: %v", s.conds[i].ID, err)
		}
		if out != types.True {
			failed = append(failed, s.conds[i])
		}
	}
	return failed, nil
}
