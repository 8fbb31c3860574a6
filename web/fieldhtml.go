package web

import (
	"html/template"
	"strings"
)

// HTML renders the field as the "field" template shows it: its label, its
// input (text, date, number, textarea, select or checkbox) and its error
// next to it. It is written here rather than in the template because a
// page holds dozens of fields and the template engine's reflection made
// them most of a page's rendering cost.
func (f fieldView) HTML() template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	id := esc(f.ID)
	invalid := ""
	if f.Error != "" {
		invalid = ` aria-invalid="true" aria-describedby="` + id + `-error"`
	}
	b.WriteString(`<div class="field">` + "\n" + `<label for="` + id + `">` + esc(f.Label) + "</label>\n")
	switch f.Type {
	case "textarea":
		b.WriteString(`<textarea id="` + id + `" name="` + esc(f.Name) + `" rows="3"` + invalid + `>` + esc(f.Value) + "</textarea>\n")
	case "select":
		b.WriteString(`<select id="` + id + `" name="` + esc(f.Name) + `"` + invalid + ">\n")
		for _, o := range f.Options {
			b.WriteString(`<option value="` + esc(o.Value) + `"`)
			if o.Selected {
				b.WriteString(" selected")
			}
			b.WriteString(">" + esc(o.Label) + "</option>")
		}
		b.WriteString("\n</select>\n")
	case "checkbox":
		b.WriteString(`<input type="checkbox" id="` + id + `" name="` + esc(f.Name) + `"`)
		if f.Value != "" {
			b.WriteString(" checked")
		}
		b.WriteString(">\n")
	default:
		b.WriteString(`<input id="` + id + `" name="` + esc(f.Name) + `" type="` + esc(f.Type) + `" value="` + esc(f.Value) + `"` + invalid + ">\n")
	}
	if f.Error != "" {
		b.WriteString(`<p class="error" id="` + id + `-error">` + esc(f.Error) + "</p>")
	}
	b.WriteString("\n</div>")
	return template.HTML(b.String())
}
