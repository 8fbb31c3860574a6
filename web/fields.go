package web

import "regexp"

// index matches the index of a list field ("names[0].given").
var index = regexp.MustCompile(`\[\d+\]`)

// labelKey is the catalog key of a field's label: "field." and the field's
// name without list indexes.
func labelKey(name string) string { return "field." + index.ReplaceAllString(name, "") }

// fieldView is one labelled input of a form, with its value and error.
type fieldView struct {
	ID, Name, Type, Label, Value, Error string
	Options                             []option
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// Field describes an input of the form of action: its label is the
// catalog's "field.NAME"; choices of a select (typ "select") are choices,
// labelled "opt.CHOICE" (an empty choice: "opt.any").
func (p *page) Field(action, name, typ string, choices ...string) fieldView {
	f := fieldView{ID: action + "-" + name, Name: name, Type: typ, Label: p.T(labelKey(name)),
		Value: p.FormVal(action, name), Error: p.FormErr(action, name)}
	for _, c := range choices {
		label := p.T("opt." + c)
		if c == "" {
			label = p.T("opt.any")
		}
		f.Options = append(f.Options, option{Value: c, Label: label, Selected: c == f.Value})
	}
	return f
}

// FieldValue returns f holding v, for a value the form proposes.
func (p *page) FieldValue(f fieldView, v string) fieldView {
	f.Value = v
	return f
}

// NameRows counts the name rows of the registration form.
func (p *page) NameRows() []int {
	out := make([]int, nameRows)
	for i := range out {
		out[i] = i
	}
	return out
}

// AddOption returns f with one more choice of a select, labelled as it is
// (e.g. a policy version's name).
func (p *page) AddOption(f fieldView, value string) fieldView {
	f.Options = append(f.Options, option{Value: value, Label: value, Selected: value == f.Value})
	return f
}
