package api

import (
	"encoding/json"
	"sort"

	"github.com/danielgtaylor/huma/v2"
)

// addExamples gives every JSON request body in the document an example,
// built from the examples (or defaults, or first enum values) its fields
// declare: the reference at /api/docs shows them, and a generated client's
// users can copy them. A field with neither is left out when optional; a
// required one is named by exampleOf, and a test refuses the document.
func addExamples(oapi *huma.OpenAPI) {
	for _, item := range oapi.Paths {
		for _, op := range operations(item) {
			if op.RequestBody == nil {
				continue
			}
			for _, mt := range op.RequestBody.Content {
				if mt.Schema != nil && mt.Example == nil {
					mt.Example, _ = exampleOf(oapi.Components.Schemas, mt.Schema)
				}
			}
		}
	}
}

// operations returns a path's operations in the order of methodNames.
func operations(item *huma.PathItem) []*huma.Operation {
	var ops []*huma.Operation
	for _, op := range []*huma.Operation{item.Get, item.Put, item.Post, item.Delete, item.Options, item.Head, item.Patch, item.Trace} {
		if op != nil {
			ops = append(ops, op)
		}
	}
	return ops
}

// exampleOf builds a JSON value (as encoding/json decodes one) for s, and
// lists the paths of required values it found no example for.
func exampleOf(reg huma.Registry, s *huma.Schema) (any, []string) {
	e := exampler{reg: reg}
	v := e.value(s, "body", 0)
	// Round-trip, so that the value has the types a decoded body has.
	b, err := json.Marshal(v)
	if err != nil {
		return nil, append(e.missing, "body: "+err.Error())
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, append(e.missing, "body: "+err.Error())
	}
	return out, e.missing
}

// exampler walks a schema, collecting what it could not fill in.
type exampler struct {
	reg     huma.Registry
	missing []string
}

// maxDepth bounds the walk through recursive schemas.
const maxDepth = 8

func (e *exampler) value(s *huma.Schema, path string, depth int) any {
	if s.Ref != "" {
		s = e.reg.SchemaFromRef(s.Ref)
	}
	switch {
	case s == nil || depth > maxDepth:
		return nil
	case len(s.Examples) > 0:
		return s.Examples[0]
	case s.Default != nil:
		return s.Default
	case len(s.Enum) > 0:
		return s.Enum[0]
	case len(s.OneOf) > 0:
		return e.value(s.OneOf[0], path, depth+1)
	case len(s.AnyOf) > 0:
		return e.value(s.AnyOf[0], path, depth+1)
	}
	switch s.Type {
	case huma.TypeObject:
		return e.object(s, path, depth)
	case huma.TypeArray:
		if s.Items == nil {
			return []any{}
		}
		return []any{e.value(s.Items, path+"[0]", depth+1)}
	case huma.TypeBoolean:
		return false
	}
	e.missing = append(e.missing, path)
	return nil
}

// object fills in every required property, and every optional one that
// can be filled in from examples alone.
func (e *exampler) object(s *huma.Schema, path string, depth int) map[string]any {
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	sort.Strings(names)
	m := map[string]any{}
	for _, n := range names {
		p := s.Properties[n]
		if required[n] {
			m[n] = e.value(p, path+"."+n, depth+1)
			continue
		}
		sub := exampler{reg: e.reg}
		if v := sub.value(p, path+"."+n, depth+1); len(sub.missing) == 0 && v != nil {
			m[n] = v
		}
	}
	return m
}
