package api

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

// Media types of the documents the API serves besides JSON.
const (
	pdfType  = "application/pdf"
	htmlType = "text/html; charset=utf-8"
)

// document is an answer whose body is already encoded: JSON, a PDF or a
// page, as Content-Type says.
type document struct {
	ContentType string `header:"Content-Type"`
	Body        []byte
}

// wantsPDF reports whether an Accept header asks for a PDF before JSON.
func wantsPDF(accept string) bool {
	return prefers(accept, pdfType, "application/json")
}

// prefers reports whether accept names media type a, and names it before
// b (or does not name b). Quality values are not weighed: clients that ask
// for a document name it alone.
func prefers(accept, a, b string) bool {
	ia, ib := -1, -1
	for i, part := range strings.Split(accept, ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.ToLower(strings.TrimSpace(mt)) {
		case a:
			if ia < 0 {
				ia = i
			}
		case b:
			if ib < 0 {
				ib = i
			}
		}
	}
	return ia >= 0 && (ib < 0 || ia < ib)
}

// jsonDocument encodes v as a JSON answer.
func (h *handler) jsonDocument(v any) (*document, error) {
	b, err := json.Marshal(v)
	return h.encoded("application/json", b, err)
}

// documentResponse declares in the OpenAPI document an answer that is
// JSON of type T or, as asked by Accept, another media type (binary, or
// text for a page).
func documentResponse[T any](api huma.API, description string, alt ...string) *huma.Response {
	content := map[string]*huma.MediaType{
		"application/json": {Schema: api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[T](), true, "")},
	}
	for _, mt := range alt {
		content[strings.Split(mt, ";")[0]] = mediaType(mt)
	}
	return &huma.Response{Description: description, Content: content}
}

// pdfResponse declares a PDF answer.
func pdfResponse(description string) *huma.Response {
	return &huma.Response{Description: description, Content: map[string]*huma.MediaType{pdfType: mediaType(pdfType)}}
}

// mediaType declares a body of a media type other than JSON: text for a
// page, and no schema for a binary document (OpenAPI 3.1 describes binary
// content by its media type alone; huma would add "octet-stream" to a
// binary string schema).
func mediaType(mt string) *huma.MediaType {
	if strings.HasPrefix(mt, "text/") {
		return &huma.MediaType{Schema: &huma.Schema{Type: huma.TypeString}}
	}
	return &huma.MediaType{}
}

// encoded wraps an encoded answer; failing to encode is an internal
// error.
func (h *handler) encoded(contentType string, b []byte, err error) (*document, error) {
	if err != nil {
		return nil, h.problem(sojourn.Internal(err))
	}
	return &document{ContentType: contentType, Body: b}, nil
}
