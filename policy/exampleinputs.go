package policy

import (
	"errors"

	"cel.dev/cel-go/common/types/ref"
	"go.yaml.in/yaml/v3"
)

// scalarValue converts an example input node to a Go value by its YAML tag:
// bool, int64, float64 or string, or []any of those for a sequence.
func scalarValue(n *yaml.Node, nested bool) (any, error) {
	n = deref(n)
	switch {
	case n.Kind == yaml.SequenceNode && !nested:
		list := make([]any, len(n.Content))
		for i, item := range n.Content {
			v, err := scalarValue(item, true)
			if err != nil {
				return nil, err
			}
			list[i] = v
		}
		return list, nil
	case n.Kind != yaml.ScalarNode:
		return nil, errors.New("must be a single value or a list of values")
	}
	return decodeScalar(n)
}

// decodeScalar returns the value of a scalar node as its YAML tag types it.
func decodeScalar(n *yaml.Node) (any, error) {
	var err error
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err = n.Decode(&b)
		return b, err
	case "!!int":
		var i int64
		err = n.Decode(&i)
		return i, err
	case "!!float":
		var x float64
		err = n.Decode(&x)
		return x, err
	}
	return n.Value, nil
}

// convertInputs converts the inputs of an example against the schema s,
// recording missing, extra and mistyped inputs.
func (d *exampleDoc) convertInputs(s *schema) {
	given := map[string]*yaml.Node{}
	if d.inputs != nil {
		given = d.inputs.vals
	}
	for i, in := range s.inputs {
		n, ok := given[in.Name]
		if !ok {
			d.f.fail("inputs", "input %s is required (%s)", in.Name, in.Type)
			continue
		}
		v, err := scalarValue(n, false)
		if err == nil {
			var val ref.Val
			if val, err = s.types[i].bind(v); err == nil {
				d.ex.Inputs[in.Name] = s.types[i].native(val)
				continue
			}
		}
		d.inputs.fail(in.Name, "input %s %v", in.Name, err)
	}
	if d.inputs == nil {
		return
	}
	for i := 0; i < len(d.inputs.node.Content); i += 2 {
		name := deref(d.inputs.node.Content[i]).Value
		if _, ok := s.slots[name]; !ok || name == OnVariable {
			d.inputs.fail(name, "input %s is not declared by the version", name)
		}
	}
}
