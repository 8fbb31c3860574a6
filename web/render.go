package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"sojourn"
	"sojourn/service"
)

// pages holds one template set per page: the layout plus the page's own
// file, which defines "content".
type pages map[string]*template.Template

// mustParsePages parses every page under templates/ with the layout.
func mustParsePages() pages {
	out := pages{}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "part_") {
			continue
		}
		out[base] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/part_*.html", n))
	}
	return out
}

// funcs are the template helpers that need no locale.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	// percent is a share from 0 to 1 in hundredths.
	"percent": func(f float64) float64 { return 100 * f },
	"join":    strings.Join,
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
}

// page is what every template is given: the user, their language, the
// form as submitted and its field errors, and the page's own data.
type page struct {
	loc     *locale
	r       *http.Request
	Actor   sojourn.Actor
	Title   string
	Errors  map[string]string
	Form    url.Values
	Problem string
	Notice  string
	Data    any
}

// T translates a catalog key, formatting args into it.
func (p *page) T(key string, args ...any) string { return p.loc.T(key, args...) }

// Date formats a date the way the user's language writes it.
func (p *page) Date(d sojourn.Date) string { return p.loc.Date(d) }

// Lang is the page's language tag.
func (p *page) Lang() string { return p.loc.tag }

// Err is the message of a field's error, if any.
func (p *page) Err(field string) string { return p.Errors[field] }

// Val is a field's submitted value.
func (p *page) Val(field string) string { return p.Form.Get(field) }

// Path is the request's path with its query.
func (p *page) Path() string { return p.r.URL.RequestURI() }

// Query is a query parameter of the request.
func (p *page) Query(name string) string { return p.r.URL.Query().Get(name) }

// LoggedIn reports whether a user is logged in.
func (p *page) LoggedIn() bool { return p.Actor.Name != "" }

// Can reports whether the user has one of the roles.
func (p *page) Can(roles ...string) bool {
	for _, r := range roles {
		if p.Actor.Role == r {
			return true
		}
	}
	return false
}

// handlerFunc renders a page or returns an error, which is rendered as one.
type handlerFunc func(w http.ResponseWriter, r *http.Request, p *page) error

// public serves a page that needs no session.
func (s *site) public(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r)
		s.finish(w, r, p, h(w, r, p))
	}
}

// private serves a page that needs a session: without one (or with one
// that ended) the browser is sent to the login page, which comes back here.
func (s *site) private(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := s.newPage(r)
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			http.Redirect(w, r, "/app/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		actor, err := s.svc.SessionActor(r.Context(), c.Value)
		if err != nil {
			http.SetCookie(w, sessionCookieFor(""))
			http.Redirect(w, r, "/app/login?expired=1&next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		p.Actor = actor
		r = r.WithContext(service.WithActor(r.Context(), actor))
		p.r = r
		s.finish(w, r, p, h(w, r, p))
	}
}

func (s *site) newPage(r *http.Request) *page {
	return &page{loc: localeFor(r), r: r, Errors: map[string]string{}, Form: url.Values{}}
}

// finish renders an error a handler returned: the 404 page for what does
// not exist or may not be seen, a message for the rest (internal details
// are logged, never shown).
func (s *site) finish(w http.ResponseWriter, r *http.Request, p *page, err error) {
	if err == nil {
		return
	}
	status := http.StatusInternalServerError
	var se *sojourn.Error
	if errors.As(err, &se) {
		status = statusOf(se.Code)
		p.Problem = p.loc.Message(se.Message)
	}
	if status == http.StatusInternalServerError {
		s.cfg.Logger.ErrorContext(r.Context(), "page failed", slog.String("path", r.URL.Path), slog.Any("err", err))
		p.Problem = p.T("error.internal")
	}
	if status == http.StatusNotFound {
		p.Problem = p.T("error.not_found")
	}
	p.Title = p.T("error.title")
	s.render(w, status, "error", p)
}

// context is the context of the page's request (for the log's request
// id), the background when it has none.
func (p *page) context() context.Context {
	if p.r == nil {
		return context.Background()
	}
	return p.r.Context()
}

// statusOf maps an error code to the page's HTTP status.
func statusOf(c sojourn.Code) int {
	switch c {
	case sojourn.CodeInvalid:
		return http.StatusUnprocessableEntity
	case sojourn.CodeNotFound:
		return http.StatusNotFound
	case sojourn.CodeConflict:
		return http.StatusConflict
	case sojourn.CodeForbidden:
		return http.StatusForbidden
	case sojourn.CodeUnauthenticated:
		return http.StatusUnauthorized
	case sojourn.CodePreconditionFailed:
		return http.StatusPreconditionFailed
	case sojourn.CodeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// notFound is the error of a page that does not exist.
func notFound() error { return sojourn.NotFound() }

// render writes a page with its template; an htmx request for a fragment
// (HX-Target naming "content") gets only the page's content.
func (s *site) render(w http.ResponseWriter, status int, name string, p *page) {
	t, ok := s.pages[name]
	if !ok {
		s.cfg.Logger.ErrorContext(p.context(), "no such page template", slog.String("page", name))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	root := "layout.html"
	if p.r != nil && p.r.Header.Get("HX-Request") == "true" && p.r.Header.Get("HX-Target") == "content" {
		root = "content"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, root, p); err != nil {
		s.cfg.Logger.ErrorContext(p.context(), "render failed", slog.String("page", name), slog.Any("err", err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", p.loc.tag)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// show renders a page with status 200.
func (s *site) show(w http.ResponseWriter, name string, p *page) error {
	s.render(w, http.StatusOK, name, p)
	return nil
}

// TOr translates prefix+value when the catalog has it, else shows value
// as it is (a value the data holds, e.g. a script no catalog names).
func (p *page) TOr(prefix string, value any) string {
	v := fmt.Sprint(value)
	if s, ok := p.loc.cat[prefix+v]; ok {
		return s
	}
	return v
}
