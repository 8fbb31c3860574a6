package policy

import (
	"fmt"

	"cel.dev/cel-go/cel"
)

// exprIssue is a problem of a CEL expression at a position in its text.
type exprIssue struct {
	line, column int // 1-based line and column within the expression
	msg          string
}

// compileExpr type-checks expr as a boolean condition in env and plans its
// program once, for reuse by every evaluation.
func compileExpr(env *cel.Env, expr string) (cel.Program, []exprIssue) {
	ast, iss := env.Compile(expr)
	if iss.Err() != nil {
		var out []exprIssue
		for _, e := range iss.Errors() {
			out = append(out, exprIssue{e.Location.Line(), e.Location.Column() + 1, e.Message})
		}
		return nil, out
	}
	if t := ast.OutputType(); !t.IsExactType(cel.BoolType) {
		return nil, []exprIssue{{1, 1, fmt.Sprintf("must be a bool condition, not %s", t)}}
	}
	prg, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		return nil, []exprIssue{{1, 1, err.Error()}}
	}
	return prg, nil
}
