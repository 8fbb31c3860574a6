package web

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
	f := fieldView{ID: action + "-" + name, Name: name, Type: typ, Label: p.T("field." + name),
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
