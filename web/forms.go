package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sojourn"
)

// maxFormBytes caps a submitted form.
const maxFormBytes = 1 << 20

// parseForm reads a posted form into p.Form. Text must be valid UTF-8
// without NUL (as the API requires); a field that is not is named.
func parseForm(r *http.Request, p *page) error {
	r.Body = http.MaxBytesReader(nil, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return sojourn.Errorf(sojourn.CodeInvalid, "the form could not be read")
	}
	for k, vs := range r.PostForm {
		for _, v := range vs {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				p.Errors[k] = p.T("form.bad_text")
			}
		}
		p.Form[k] = vs
	}
	return nil
}

// date reads a date field (YYYY-MM-DD); a value that is not a date is
// an error on the field, an empty one the zero date.
func (p *page) date(field string) sojourn.Date {
	v := strings.TrimSpace(p.Val(field))
	if v == "" {
		return sojourn.Date{}
	}
	d, err := sojourn.ParseDate(v)
	if err != nil {
		p.Errors[field] = p.T("form.bad_date")
	}
	return d
}

// int64Field reads a whole number field; 0 when empty or bad.
func (p *page) int64Field(field string) int64 {
	v := strings.TrimSpace(p.Val(field))
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		p.Errors[field] = p.T("form.bad_number")
		return 0
	}
	return n
}

// refused takes the service's answer to a form: field errors go next to
// their fields (known lists the form's fields; the others join the summary),
// other expected refusals become the page's message. It reports whether
// err was shown that way; an unexpected error is left to the caller.
func (p *page) refused(err error, known ...string) bool {
	var se *sojourn.Error
	if !errors.As(err, &se) || se.Code == sojourn.CodeInternal || se.Code == sojourn.CodeNotFound {
		return false
	}
	var other []string
	for _, f := range se.Fields {
		msg := p.loc.Message(f.Message)
		if slices.Contains(known, f.Field) {
			if p.Errors[f.Field] == "" {
				p.Errors[f.Field] = msg
			}
		} else {
			other = append(other, f.Field+": "+msg)
		}
	}
	p.Problem = p.loc.Message(se.Message)
	if len(other) > 0 {
		p.Problem += " (" + strings.Join(other, "; ") + ")"
	}
	return true
}

// messageOf is the message of an error of the service layer.
func messageOf(err error) string {
	var se *sojourn.Error
	if errors.As(err, &se) {
		return se.Message
	}
	return "internal error"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
