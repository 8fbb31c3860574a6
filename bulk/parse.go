package bulk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"sojourn"
)

// Problem is why a row was rejected: its line, the field at fault ("" for
// the row as a whole) and the reason.
type Problem struct {
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Reason)
	}
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Field, p.Reason)
}

// parser turns lines of one file into rows of its kind.
type parser struct {
	kind  Kind
	csv   bool
	cols  []column // the CSV header, once read
	today sojourn.Date
}

// row is one line's row: a *PersonRow, *DocumentRow, *CaseRow or *FactRow.
type row any

// parse reads one line into a row, checked on its own; problems name the
// fields at fault.
func (p *parser) parse(line []byte) (row, []Problem) {
	data := line
	if p.csv {
		var err error
		if data, err = csvToJSON(p.cols, string(line)); err != nil {
			return nil, []Problem{{Reason: err.Error()}}
		}
	}
	var r row
	switch p.kind {
	case Persons:
		r = &PersonRow{}
	case Documents:
		r = &DocumentRow{}
	case Cases:
		r = &CaseRow{}
	default:
		r = &FactRow{}
	}
	if err := decode(data, r); err != nil {
		return nil, []Problem{*err}
	}
	return r, problems(validateRow(r, p.today))
}

// validateRow checks a row on its own, as the service checks its input.
func validateRow(r row, today sojourn.Date) error {
	switch v := r.(type) {
	case *PersonRow:
		return v.validate(today)
	case *DocumentRow:
		return v.validate()
	case *CaseRow:
		return v.validate(today)
	case *FactRow:
		return v.validate()
	}
	return fmt.Errorf("no rows of type %T", r)
}

// decode reads one JSON object into v, refusing unknown fields and
// anything after the object.
func decode(data []byte, v any) *Problem {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return &Problem{Reason: "text after the JSON object"}
		}
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &Problem{Field: te.Field, Reason: fmt.Sprintf("must be %s, not %s", te.Type, te.Value)}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return &Problem{Field: strings.Trim(f, `"`), Reason: "unknown field"}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Problem{Reason: "not a complete JSON object"}
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return &Problem{Reason: "not a JSON object: " + msg}
	}
	return &Problem{Field: faultyField(fields, v), Reason: msg}
}

// faultyField returns the first field (in name order) whose value alone
// does not decode into a v, where the decoder does not say which it was
// (a bad date).
func faultyField(fields map[string]json.RawMessage, v any) string {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		one, _ := json.Marshal(map[string]json.RawMessage{name: fields[name]})
		if json.Unmarshal(one, reflect.New(reflect.TypeOf(v).Elem()).Interface()) != nil {
			return name
		}
	}
	return ""
}

// problems lists the field problems of a validation error.
func problems(err error) []Problem {
	if err == nil {
		return nil
	}
	var e *sojourn.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return []Problem{{Reason: err.Error()}}
	}
	out := make([]Problem, len(e.Fields))
	for i, f := range e.Fields {
		out[i] = Problem{Field: f.Field, Reason: f.Message}
	}
	return out
}
