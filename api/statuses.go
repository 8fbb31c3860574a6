package api

import (
	"net/http"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
)

// Every status an operation can answer is declared in the document, with
// the problem+json schema, by what the operation is rather than one by one:
//
//   - every operation: 400 (unclean text, a key named twice: hygiene), 422
//     (the request does not hold), 431 (headers too large), 500 and 503 (the
//     database did not answer in time);
//   - one behind a login: 401 and 403;
//   - one that takes a body: 413 (too large) and 415 (not JSON);
//   - a write (POST, PUT, PATCH, DELETE): 409, as any write can meet what
//     is already there (already revoked, a name taken, a concurrent upload);
//   - one guarded by If-Match: 412 (the ETag is stale).
//
// 404, 429 and statuses with their own schema (a duplicate's 409) are
// declared where the operation is registered.
var (
	everyOperation = []int{http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestHeaderFieldsTooLarge,
		http.StatusInternalServerError, http.StatusServiceUnavailable}
	loggedIn  = []int{http.StatusUnauthorized, http.StatusForbidden}
	withBody  = []int{http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType}
	writes    = []int{http.StatusConflict}
	ifMatched = []int{http.StatusPreconditionFailed}
)

// declareStatuses is called as each operation is added to the document and
// declares the statuses its kind can answer.
func declareStatuses(oapi *huma.OpenAPI, op *huma.Operation) {
	declare := func(codes []int) {
		for _, code := range codes {
			declareProblem(oapi, op, code)
		}
	}
	declare(everyOperation)
	if op.Security == nil || len(op.Security) > 0 {
		declare(loggedIn)
	}
	if op.RequestBody != nil {
		declare(withBody)
	}
	switch op.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		declare(writes)
	}
	for _, p := range op.Parameters {
		if p.In == "header" && http.CanonicalHeaderKey(p.Name) == "If-Match" {
			declare(ifMatched)
		}
	}
}

// declareProblem declares a problem+json answer with status code, unless
// op declares that status already.
func declareProblem(oapi *huma.OpenAPI, op *huma.Operation, code int) {
	status := strconv.Itoa(code)
	if _, ok := op.Responses[status]; ok {
		return
	}
	if op.Responses == nil {
		op.Responses = map[string]*huma.Response{}
	}
	op.Responses[status] = &huma.Response{Description: http.StatusText(code), Content: map[string]*huma.MediaType{
		"application/problem+json": {Schema: problemSchema(oapi)},
	}}
}

// problemSchema returns the schema of a problem document: huma's error
// model, with the error_count that a document whose field problems were
// cut to maxProblems carries.
func problemSchema(oapi *huma.OpenAPI) *huma.Schema {
	ref := oapi.Components.Schemas.Schema(reflect.TypeFor[huma.ErrorModel](), true, "Error")
	if model := oapi.Components.Schemas.SchemaFromRef(ref.Ref); model != nil && model.Properties["error_count"] == nil {
		model.Properties["error_count"] = &huma.Schema{Type: huma.TypeInteger, Minimum: ptr(float64(maxProblems + 1)),
			Description: "how many field problems there were, when more than the errors listed"}
	}
	return ref
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
