package api

import (
	"net/http"
	"path"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

// locationKey holds, in an operation's metadata, the function that gives
// the Location of what the operation creates (201) or starts (202).
const locationKey = "sojourn.location"

// created returns op answering 201 Created with a Location header: loc
// maps the created object to the path, under /api/v1, where it is read
// (its own resource, or the file or list that shows it).
func created[T any](op huma.Operation, loc func(T) string) huma.Operation {
	return locating(op, http.StatusCreated, loc)
}

// accepted returns op answering 202 Accepted with a Location header where
// the job it started is followed.
func accepted[T any](op huma.Operation, loc func(T) string) huma.Operation {
	return locating(op, http.StatusAccepted, loc)
}

func locating[T any](op huma.Operation, status int, loc func(T) string) huma.Operation {
	op.DefaultStatus = status
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[locationKey] = func(v any) string {
		if t, ok := v.(T); ok {
			return BasePath + loc(t)
		}
		return ""
	}
	return op
}

// createdIn returns op answering 201 Created with a Location header naming
// the resource the request was posted under: POST /correspondence/7/routes
// answers /api/v1/correspondence/7, the item that shows the new route.
func createdIn(op huma.Operation) huma.Operation {
	op.DefaultStatus = http.StatusCreated
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[locationKey] = func(ctx huma.Context) string { return path.Dir(ctx.URL().Path) }
	return op
}

// locate sets the Location header of a 201 or 202 answer.
func locate(ctx huma.Context, status string, v any) (any, error) {
	if status != "201" && status != "202" {
		return v, nil
	}
	var p string
	switch loc := ctx.Operation().Metadata[locationKey].(type) {
	case func(any) string:
		p = loc(v)
	case func(huma.Context) string:
		p = loc(ctx)
	}
	if p != "" {
		ctx.SetHeader("Location", p)
	}
	return v, nil
}

// declareLocations adds the Location header to the document's 201 and 202
// answers of the operations that send one.
func declareLocations(oapi *huma.OpenAPI) {
	for _, item := range oapi.Paths {
		for _, op := range operations(item) {
			if _, ok := op.Metadata[locationKey]; !ok {
				continue
			}
			r := op.Responses[strconv.Itoa(op.DefaultStatus)]
			if r == nil {
				continue
			}
			if r.Headers == nil {
				r.Headers = map[string]*huma.Param{}
			}
			r.Headers["Location"] = &huma.Param{Description: "where what was created (or the job started) is read",
				Required: true, Schema: &huma.Schema{Type: huma.TypeString, Format: "uri-reference"}}
		}
	}
}

// id formats an id for a path.
func idPath(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }

// factsOf locates a status fact in its person's facts.
func factsOf(f sojourn.StatusFact) string { return idPath("/persons/", f.PersonID) + "/facts" }

// fileOfDocument locates a document in its person's file.
func fileOfDocument(d sojourn.Document) string { return idPath("/persons/", d.PersonID) }
