package policy

import (
	"sojourn"
)

// ExampleResult is the result of running one example of a pack.
type ExampleResult struct {
	Version  string       `json:"version"`
	Name     string       `json:"name"`
	On       sojourn.Date `json:"on"`
	Expected string       `json:"expected"`
	Got      string       `json:"got"` // an outcome, or "error"
	Pass     bool         `json:"pass"`
	Error    string       `json:"error,omitempty"` // the evaluation error, if any
	Field    string       `json:"field"`           // e.g. versions[0].examples[1]
	Line     int          `json:"line"`
}

// RunExamples evaluates every example of p under the version it belongs to
// and compares the outcome with the expected one.
func RunExamples(p *Pack) []ExampleResult {
	var out []ExampleResult
	for _, v := range p.versions {
		for _, ex := range v.Examples {
			out = append(out, runExample(v, ex))
		}
	}
	return out
}

func runExample(v *Version, ex Example) ExampleResult {
	res := ExampleResult{Version: v.Name, Name: ex.Name, On: ex.On, Expected: ex.Expect, Field: ex.field, Line: ex.line}
	got, err := EvaluateVersionOutcome(v, ex.On, ex.Inputs)
	if err != nil {
		got, res.Error = "error", err.Error()
	}
	res.Got = got
	res.Pass = got == ex.Expect
	return res
}

// Load compiles a pack (see Compile) and runs its examples; a pack with a
// failing example is refused with an error that lists every failing example
// and matches ErrExamplesFailed.
func Load(src []byte) (*Pack, error) {
	p, err := Compile(src)
	if err != nil {
		return nil, err
	}
	var probs sojourn.Problems
	for _, r := range RunExamples(p) {
		if r.Pass {
			continue
		}
		detail := ""
		if r.Error != "" {
			detail = " (" + r.Error + ")"
		}
		probs.Add(r.Field, "line %d: version %s, example %s: expected %s, got %s%s",
			r.Line, r.Version, r.Name, r.Expected, r.Got, detail)
	}
	if err := probs.Err("policy pack " + p.Name + ": examples failed"); err != nil {
		return nil, withKind(ErrExamplesFailed, err.(*sojourn.Error))
	}
	return p, nil
}
