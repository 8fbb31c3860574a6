package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"
)

// Bounds on the bodies fed to the schema validator: a request larger than
// maxValidatedRequest is not validated (no request of the suite's
// scenarios comes near it; the bad-input tests' bodies of up to megabytes,
// wrong in 100,000 places, once kept the validator busy for half an hour),
// and an answer larger than maxValidatedAnswer is checked for its status
// and content type only.
const (
	maxValidatedRequest = 64 << 10
	maxValidatedAnswer  = 1 << 20
)

// contract is the served OpenAPI document, compiled once per test process
// (it is slow to build): the validator and an index of its operations.
var contract struct {
	once      sync.Once
	err       error
	validator validator.Validator
	ops       []*operation
}

// operation is one operation of the document: where it is, and which
// answers (status → media types) it declares.
type operation struct {
	ID        string
	Method    string
	Path      string
	segments  []string
	Responses map[string][]string
}

// loadContract fetches the document the server at url serves and compiles
// it, the first time it is called in the process.
func loadContract(url string) error {
	contract.once.Do(func() {
		res, err := http.Get(url + "/api/openapi.json")
		if err != nil {
			contract.err = err
			return
		}
		defer res.Body.Close()
		spec, err := io.ReadAll(res.Body)
		if err != nil {
			contract.err = err
			return
		}
		if contract.ops, err = indexOperations(spec); err != nil {
			contract.err = err
			return
		}
		doc, err := libopenapi.NewDocument(spec)
		if err != nil {
			contract.err = err
			return
		}
		v, errs := validator.NewValidator(doc, config.WithFormatAssertions())
		if len(errs) > 0 {
			contract.err = fmt.Errorf("compiling the OpenAPI document: %v", errs)
			return
		}
		contract.validator = v
	})
	return contract.err
}

// indexOperations lists the operations of an OpenAPI document.
func indexOperations(spec []byte) ([]*operation, error) {
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Responses   map[string]struct {
				Content map[string]json.RawMessage `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(spec, &doc); err != nil {
		return nil, err
	}
	var ops []*operation
	for p, item := range doc.Paths {
		for method, o := range item {
			op := &operation{ID: o.OperationID, Method: strings.ToUpper(method), Path: p, segments: strings.Split(p, "/"),
				Responses: map[string][]string{}}
			for status, r := range o.Responses {
				op.Responses[status] = []string{}
				for mt := range r.Content {
					op.Responses[status] = append(op.Responses[status], mt)
				}
			}
			ops = append(ops, op)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method })
	return ops, nil
}

// findOperation returns the operation a request is for, or nil: the one
// whose path matches with the most literal segments (/persons/search
// before /persons/{id}).
func findOperation(method, path string) *operation {
	segs := strings.Split(path, "/")
	var best *operation
	bestScore := -1
	for _, op := range contract.ops {
		if op.Method != method {
			continue
		}
		if score := matchSegments(op.segments, segs); score > bestScore {
			best, bestScore = op, score
		}
	}
	return best
}

// matchSegments returns how many segments of a path match a template's
// literally, or -1 if the path does not match it.
func matchSegments(template, path []string) int {
	if len(template) != len(path) {
		return -1
	}
	score := 0
	for i, s := range template {
		switch {
		case s == path[i]:
			score++
		case !strings.HasPrefix(s, "{") || path[i] == "":
			return -1
		}
	}
	return score
}

// declares reports whether op declares status.
func (op *operation) declares(status int) bool {
	_, ok := op.Responses[strconv.Itoa(status)]
	return ok
}

// seen records every (operation, status) the suite's exchanges had, for
// the check after the run that each was declared.
var seen sync.Map // "operationId status" → *operation

// contractTransport checks every exchange against the served document: the
// request (unless it is deliberately malformed) and always the answer. It
// fails t on any violation.
type contractTransport struct {
	t         testing.TB
	malformed bool
	seen      *sync.Map // where the (operation, status) pairs are recorded
	base      http.RoundTripper
}

// RoundTrip sends req and checks it and its answer against the document.
func (c contractTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	op := findOperation(req.Method, req.URL.Path)
	if op == nil {
		if !c.malformed && strings.HasPrefix(req.URL.Path, "/api/v1/") {
			c.t.Errorf("%s %s: no operation of the document", req.Method, req.URL.Path)
		}
		return c.base.RoundTrip(req)
	}
	if !c.malformed {
		if err := c.checkRequest(op, req); err != nil {
			return nil, err
		}
	}
	res, err := c.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	c.seen.Store(op.ID+" "+strconv.Itoa(res.StatusCode), op)
	return res, c.checkResponse(op, req, res)
}

// checkRequest validates a request of at most maxValidatedRequest bytes;
// its body is read and put back.
func (c contractTransport) checkRequest(op *operation, req *http.Request) error {
	body, err := readBack(&req.Body, &req.ContentLength)
	if err != nil || len(body) > maxValidatedRequest {
		return err
	}
	check := req.Clone(req.Context())
	check.Body = io.NopCloser(bytes.NewReader(body))
	if ok, errs := contract.validator.ValidateHttpRequestSync(check); !ok {
		c.t.Errorf("%s (%s %s): the request breaks the contract:%s", op.ID, req.Method, req.URL.Path, describe(errs))
	}
	return nil
}

// checkResponse validates an answer. A JSON answer (of at most
// maxValidatedAnswer bytes) is validated whole; any other (PDF, HTML, CSV, a
// stream) for its declared status and content type, its body untouched.
func (c contractTransport) checkResponse(op *operation, req *http.Request, res *http.Response) error {
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if mt != "application/json" && mt != "application/problem+json" {
		c.checkDeclared(op, req, res.StatusCode, mt)
		return nil
	}
	body, err := readBack(&res.Body, &res.ContentLength)
	if err != nil {
		return err
	}
	if len(body) > maxValidatedAnswer {
		c.checkDeclared(op, req, res.StatusCode, mt)
		return nil
	}
	check := *res
	check.Body = io.NopCloser(bytes.NewReader(body))
	if ok, errs := contract.validator.ValidateHttpResponse(req, &check); !ok {
		c.t.Errorf("%s (%s %s) answered %d, breaking the contract:%s\n%s", op.ID, req.Method, req.URL.Path, res.StatusCode,
			describe(errs), clipped(body))
	}
	return nil
}

// checkDeclared fails unless op declares status with media type mt (or a
// status without content).
func (c contractTransport) checkDeclared(op *operation, req *http.Request, status int, mt string) {
	types, ok := op.Responses[strconv.Itoa(status)]
	switch {
	case !ok:
		c.t.Errorf("%s (%s %s) answered %d, which it does not declare", op.ID, req.Method, req.URL.Path, status)
	case len(types) > 0 && !slices.Contains(types, mt):
		c.t.Errorf("%s (%s %s) answered %d as %q; it declares %v", op.ID, req.Method, req.URL.Path, status, mt, types)
	}
}

// readBack reads a body and puts an unread copy in its place.
func readBack(body *io.ReadCloser, length *int64) ([]byte, error) {
	if *body == nil || *body == http.NoBody {
		return nil, nil
	}
	data, err := io.ReadAll(*body)
	(*body).Close()
	*body = io.NopCloser(bytes.NewReader(data))
	*length = int64(len(data))
	return data, err
}

// describe formats the validator's findings, one a line.
func describe(errs []*verrors.ValidationError) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\n\t%s: %s", e.Message, e.Reason)
		for _, f := range e.SchemaValidationErrors {
			fmt.Fprintf(&b, "\n\t\t%s: %s", f.FieldPath, f.Reason)
		}
	}
	return b.String()
}

// clipped is a body cut for a test log.
func clipped(body []byte) string {
	if len(body) > 2000 {
		return string(body[:2000]) + "…"
	}
	return string(body)
}

// checkedClient returns an HTTP client whose exchanges are checked
// against the served document, sent by s.client's transport if it has one.
func (s *server) checkedClient() *http.Client {
	if err := loadContract(s.url); err != nil {
		s.t.Fatalf("the served OpenAPI document: %v", err)
	}
	seenBy := s.seen
	if seenBy == nil {
		seenBy = &seen
	}
	base := http.DefaultTransport
	if s.client != nil && s.client.Transport != nil {
		base = s.client.Transport
	}
	return &http.Client{Transport: contractTransport{t: s.t, malformed: s.malformedRequests, seen: seenBy, base: base}}
}

// malformed returns the same server with helpers that send requests
// deliberately outside the contract (bad input, no token, unknown paths):
// their requests are not validated, their answers are.
func (s *server) malformed() *server {
	c := *s
	c.malformedRequests = true
	return &c
}

// undeclaredSeen lists the (operation, status) pairs the run saw that the
// document does not declare.
func undeclaredSeen() []string {
	var out []string
	seen.Range(func(k, v any) bool {
		op := v.(*operation)
		status, _ := strconv.Atoi(strings.Fields(k.(string))[1])
		if !op.declares(status) {
			out = append(out, fmt.Sprintf("%s %s answered %d", op.Method, op.Path, status))
		}
		return true
	})
	sort.Strings(out)
	return out
}
