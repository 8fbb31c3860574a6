package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
)

// TestRequestBodyExamples walks the document: every operation with a
// request body has an example for it, built from examples of every required
// field, and the example is valid against the body's schema.
func TestRequestBodyExamples(t *testing.T) {
	oapi := Register(http.NewServeMux(), nil, DefaultConfig()).OpenAPI()
	reg := oapi.Components.Schemas
	bodies := 0
	for path, item := range oapi.Paths {
		for _, op := range operations(item) {
			if op.RequestBody == nil {
				continue
			}
			for ct, mt := range op.RequestBody.Content {
				bodies++
				name := fmt.Sprintf("%s %s (%s, %s)", op.Method, path, op.OperationID, ct)
				if mt.Example == nil {
					t.Errorf("%s: request body has no example", name)
					continue
				}
				if _, missing := exampleOf(reg, mt.Schema); len(missing) > 0 {
					t.Errorf("%s: no example for required %s", name, strings.Join(missing, ", "))
				}
				res := &huma.ValidateResult{}
				huma.Validate(reg, mt.Schema, huma.NewPathBuffer([]byte{}, 0), huma.ModeWriteToServer, mt.Example, res)
				for _, e := range res.Errors {
					t.Errorf("%s: example %v is invalid: %v", name, mt.Example, e)
				}
			}
		}
	}
	if bodies == 0 {
		t.Fatal("no request bodies in the document")
	}
}
