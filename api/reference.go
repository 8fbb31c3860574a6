package api

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
)

// The reference at /api/docs is rendered on the server from the OpenAPI
// document with html/template: no script, no request to anywhere else, so
// it works offline and under the API's strict content security policy (its
// one stylesheet is allowed by hash).
var (
	//go:embed reference/page.html
	referencePage string
	//go:embed reference/style.css
	referenceStyle string

	referenceTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
		"lower": strings.ToLower,
		"css":   func() template.CSS { return template.CSS(referenceStyle) },
	}).Parse(referencePage))
	referenceCSP = "default-src 'none'; style-src 'sha256-" + hashOf(referenceStyle) + "'; frame-ancestors 'none'"
)

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// reference renders the document once, on first use.
type reference struct {
	oapi *huma.OpenAPI
	once sync.Once
	page []byte
	err  error
}

func (r *reference) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	r.once.Do(func() {
		var b bytes.Buffer
		r.err = referenceTemplate.Execute(&b, referenceOf(r.oapi))
		r.page = b.Bytes()
	})
	if r.err != nil {
		http.Error(w, "the reference could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Security-Policy", referenceCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(r.page)
}

// refDoc is what the page shows.
type refDoc struct {
	Title, Version, Description string
	Tags                        []refTag
	Schemas                     []refSchema
}

type refTag struct {
	Name string
	Ops  []refOp
}

type refOp struct {
	ID, Method, Path, Summary, Description string
	Params                                 []refParam
	Body                                   *refBody
	Responses                              []refResponse
}

type refParam struct {
	Name, In, Type, Description string
	Required                    bool
}

type refBody struct {
	ContentType string
	Type        refType
	Example     string
}

type refResponse struct {
	Status, Description string
	Headers             []refParam
	ContentType         string
	Type                refType
}

type refSchema struct {
	Name, Description string
	Type              refType
	Props             []refProp
}

type refProp struct {
	Name, Description, Constraints string
	Type                           refType
	Required                       bool
}

// refType is a schema's type as shown: a name linking to a component
// schema, or a plain type.
type refType struct {
	Text, Link string
	Of         *refType // items of an array
}

func referenceOf(oapi *huma.OpenAPI) refDoc {
	d := refDoc{Title: oapi.Info.Title, Version: oapi.Info.Version, Description: oapi.Info.Description}
	byTag := map[string][]refOp{}
	for path, item := range oapi.Paths {
		for _, op := range operations(item) {
			tag := "other"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			byTag[tag] = append(byTag[tag], refOpOf(oapi, path, op))
		}
	}
	for name, ops := range byTag {
		sort.Slice(ops, func(i, j int) bool {
			if ops[i].Path != ops[j].Path {
				return ops[i].Path < ops[j].Path
			}
			return ops[i].Method < ops[j].Method
		})
		d.Tags = append(d.Tags, refTag{Name: name, Ops: ops})
	}
	sort.Slice(d.Tags, func(i, j int) bool { return d.Tags[i].Name < d.Tags[j].Name })
	for name, s := range oapi.Components.Schemas.Map() {
		d.Schemas = append(d.Schemas, refSchemaOf(name, s))
	}
	sort.Slice(d.Schemas, func(i, j int) bool { return d.Schemas[i].Name < d.Schemas[j].Name })
	return d
}

func refOpOf(oapi *huma.OpenAPI, path string, op *huma.Operation) refOp {
	o := refOp{ID: op.OperationID, Method: op.Method, Path: path, Summary: op.Summary, Description: op.Description}
	for _, p := range op.Parameters {
		o.Params = append(o.Params, refParam{Name: p.Name, In: p.In, Type: typeOf(p.Schema).Text, Description: p.Description, Required: p.Required})
	}
	if rb := op.RequestBody; rb != nil {
		for ct, mt := range rb.Content {
			ex, _ := json.MarshalIndent(mt.Example, "", "  ")
			o.Body = &refBody{ContentType: ct, Type: typeOf(mt.Schema), Example: string(ex)}
		}
	}
	statuses := make([]string, 0, len(op.Responses))
	for s := range op.Responses {
		statuses = append(statuses, s)
	}
	sort.Strings(statuses)
	for _, s := range statuses {
		r := op.Responses[s]
		out := refResponse{Status: s, Description: r.Description}
		for name, h := range r.Headers {
			out.Headers = append(out.Headers, refParam{Name: name, Type: typeOf(h.Schema).Text, Description: h.Description})
		}
		sort.Slice(out.Headers, func(i, j int) bool { return out.Headers[i].Name < out.Headers[j].Name })
		for ct, mt := range r.Content {
			out.ContentType, out.Type = ct, typeOf(mt.Schema)
		}
		o.Responses = append(o.Responses, out)
	}
	return o
}

func refSchemaOf(name string, s *huma.Schema) refSchema {
	out := refSchema{Name: name, Description: s.Description, Type: typeOf(s)}
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	for pname, p := range s.Properties {
		out.Props = append(out.Props, refProp{Name: pname, Description: p.Description, Constraints: constraints(p),
			Type: typeOf(p), Required: required[pname]})
	}
	sort.Slice(out.Props, func(i, j int) bool { return out.Props[i].Name < out.Props[j].Name })
	return out
}

// typeOf names a schema's type.
func typeOf(s *huma.Schema) refType {
	switch {
	case s == nil:
		return refType{Text: "any"}
	case s.Ref != "":
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		return refType{Text: name, Link: "schema-" + name}
	case s.Type == huma.TypeArray:
		of := typeOf(s.Items)
		return refType{Text: "array", Of: &of}
	}
	t := s.Type
	if t == "" {
		t = "any"
	}
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	if s.Nullable {
		t += " or null"
	}
	return refType{Text: t}
}

// constraints lists a property's enum, bounds and example in words.
func constraints(s *huma.Schema) string {
	var parts []string
	if len(s.Enum) > 0 {
		parts = append(parts, "one of "+jsonList(s.Enum))
	}
	if s.MinLength != nil || s.MaxLength != nil {
		parts = append(parts, "length "+bounds(s.MinLength, s.MaxLength))
	}
	if s.MinItems != nil || s.MaxItems != nil {
		parts = append(parts, "items "+bounds(s.MinItems, s.MaxItems))
	}
	if s.Minimum != nil {
		parts = append(parts, "minimum "+jsonList([]any{*s.Minimum}))
	}
	if s.Maximum != nil {
		parts = append(parts, "maximum "+jsonList([]any{*s.Maximum}))
	}
	if s.Pattern != "" {
		parts = append(parts, "pattern "+s.Pattern)
	}
	if len(s.Examples) > 0 {
		parts = append(parts, "example "+jsonList(s.Examples[:1]))
	}
	return strings.Join(parts, "; ")
}

func bounds(lo, hi *int) string {
	n := func(p *int) string {
		if p == nil {
			return ""
		}
		b, _ := json.Marshal(*p)
		return string(b)
	}
	return n(lo) + "…" + n(hi)
}

func jsonList(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		b, _ := json.Marshal(v)
		parts[i] = string(b)
	}
	return strings.Join(parts, ", ")
}
