package policy

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"sojourn"
)

// report collects the problems of a pack, each with its field path and the
// YAML line it comes from.
type report struct {
	sojourn.Problems
}

// at records a problem of field found at line; ctx names the version and rule.
func (r *report) at(field string, line int, ctx, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if ctx != "" {
		msg = ctx + ": " + msg
	}
	r.Add(field, "line %d: %s", line, msg)
}

// fields is a YAML mapping read with a fixed set of allowed keys.
type fields struct {
	r    *report
	path string // field path of the mapping, e.g. versions[0].rules[2]
	ctx  string // what the mapping is, e.g. "version 1930, rule permit"
	node *yaml.Node
	vals map[string]*yaml.Node
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// join appends key to the field path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// readMapping reads n as a mapping whose keys are all in allowed (any key
// when allowed is nil), reporting anything else. It returns nil when n is not
// a mapping.
func readMapping(r *report, n *yaml.Node, path, ctx string, allowed ...string) *fields {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		r.at(path, lineOf(n), ctx, "must be a mapping")
		return nil
	}
	f := &fields{r: r, path: path, ctx: ctx, node: n, vals: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f.add(deref(n.Content[i]), n.Content[i+1], allowed)
	}
	return f
}

func (f *fields) add(k, v *yaml.Node, allowed []string) {
	if k.Kind != yaml.ScalarNode {
		f.r.at(f.path, k.Line, f.ctx, "keys must be text")
		return
	}
	key := k.Value
	switch {
	case allowed != nil && !slices.Contains(allowed, key):
		f.r.at(join(f.path, key), k.Line, f.ctx, "unknown key %q (allowed: %s)", key, strings.Join(allowed, ", "))
	case f.vals[key] != nil:
		f.r.at(join(f.path, key), k.Line, f.ctx, "duplicate key %q", key)
	default:
		f.vals[key] = v
	}
}

// lineOf returns the line of n, or 1 for a missing node.
func lineOf(n *yaml.Node) int {
	if n == nil || n.Line == 0 {
		return 1
	}
	return n.Line
}

// line returns the line of the value of key, or of the mapping if absent.
func (f *fields) line(key string) int {
	if v := f.vals[key]; v != nil {
		return lineOf(v)
	}
	return lineOf(f.node)
}

// fail records a problem with the value of key.
func (f *fields) fail(key, format string, args ...any) {
	f.r.at(join(f.path, key), f.line(key), f.ctx, format, args...)
}

// has reports whether key is present with a non-null value.
func (f *fields) has(key string) bool {
	v := deref(f.vals[key])
	return v != nil && !(v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null")
}

// text returns the trimmed scalar value of key; a required key that is
// missing or blank is a problem.
func (f *fields) text(key string, required bool) string {
	if !f.has(key) {
		if required {
			f.fail(key, "%s is required", key)
		}
		return ""
	}
	v := deref(f.vals[key])
	if v.Kind != yaml.ScalarNode {
		f.fail(key, "%s must be text", key)
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		f.fail(key, "%s is required", key)
	}
	return s
}

// date returns the date value of key (YYYY-MM-DD).
func (f *fields) date(key string, required bool) sojourn.Date {
	s := f.text(key, required)
	if s == "" {
		return sojourn.Date{}
	}
	d, err := sojourn.ParseDate(s)
	if err != nil {
		f.fail(key, "%s: %v", key, err)
	}
	return d
}

// seq returns the items of the sequence at key (nil when absent).
func (f *fields) seq(key string) []*yaml.Node {
	if !f.has(key) {
		return nil
	}
	v := deref(f.vals[key])
	if v.Kind != yaml.SequenceNode {
		f.fail(key, "%s must be a list", key)
		return nil
	}
	return v.Content
}

// texts returns the sequence at key as a list of texts.
func (f *fields) texts(key string) []string {
	items := f.seq(key)
	out := make([]string, 0, len(items))
	for i, item := range items {
		item = deref(item)
		if item.Kind != yaml.ScalarNode || strings.TrimSpace(item.Value) == "" {
			f.r.at(fmt.Sprintf("%s[%d]", join(f.path, key), i), lineOf(item), f.ctx, "must be non-empty text")
			continue
		}
		out = append(out, strings.TrimSpace(item.Value))
	}
	return out
}

// peek returns the text of key in the mapping n without reading it, to name
// the mapping in problems found while reading it.
func peek(n *yaml.Node, key string) string {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := deref(n.Content[i]), deref(n.Content[i+1]); k.Value == key && v.Kind == yaml.ScalarNode {
			return strings.TrimSpace(v.Value)
		}
	}
	return ""
}

// label names a mapping for problems, e.g. "rule permit", by the text of its
// key; "rule (unnamed)" when it has none.
func label(kind string, n *yaml.Node, key string) string {
	if name := peek(n, key); name != "" {
		return kind + " " + name
	}
	return kind + " (unnamed)"
}
