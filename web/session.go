package web

import (
	"errors"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"

	"sojourn"
)

// sessionCookie is the session cookie, the same one the API's login sets:
// one session serves the pages and the API calls they make.
const sessionCookie = "sojourn_session"

// sessionCookieFor returns the cookie carrying a session secret; an empty
// secret deletes it.
func sessionCookieFor(secret string) *http.Cookie {
	c := &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode}
	if secret == "" {
		c.MaxAge = -1
	}
	return c
}

// loginPage shows the login form; "expired" says the session ended.
func (s *site) loginPage(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = p.T("login.title")
	p.Form.Set("next", r.URL.Query().Get("next"))
	if r.URL.Query().Get("expired") != "" {
		p.Notice = p.T("login.expired")
	}
	if r.URL.Query().Get("out") != "" {
		p.Notice = p.T("login.out")
	}
	return s.show(w, "login", p)
}

// login checks the name and password and opens a session; a new password
// given with them replaces the password (a one-time password logs in only
// so).
func (s *site) login(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Title = p.T("login.title")
	if err := parseForm(r, p); err != nil {
		return err
	}
	in := sojourn.LoginInput{Name: p.Val("name"), Password: p.Val("password"), NewPassword: p.Val("new_password")}
	p.Form.Del("password")
	p.Form.Del("new_password")
	if in.Name == "" {
		p.Errors["name"] = p.T("msg.is required")
	}
	if in.Password == "" {
		p.Errors["password"] = p.T("msg.is required")
	}
	if len(p.Errors) > 0 {
		s.render(w, http.StatusUnprocessableEntity, "login", p)
		return nil
	}
	old := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		old = c.Value
	}
	secret, err := s.svc.Login(r.Context(), in, clientAddr(r), old)
	if err != nil {
		if !p.refused(err, "new_password") {
			return err
		}
		if e := (*sojourn.Error)(nil); errors.As(err, &e) && e.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
		}
		s.render(w, statusOf(sojourn.ErrorCode(err)), "login", p)
		return nil
	}
	http.SetCookie(w, sessionCookieFor(secret))
	http.Redirect(w, r, localPath(p.Val("next")), http.StatusSeeOther)
	return nil
}

// logout ends the session.
func (s *site) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		_ = s.svc.Logout(r.Context(), c.Value) // an ended session is logged out already
	}
	http.SetCookie(w, sessionCookieFor(""))
	http.Redirect(w, r, "/app/login?out=1", http.StatusSeeOther)
}

// clientAddr is the client's address without the port.
func clientAddr(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// nextPage is a link to the page after a list, continuing after id.
// pageOf cuts a list fetched with one item to spare (pageSize+1) down to a
// page, and returns the link to the next page when the spare item shows
// there is one; id gives the item's key, the next page's "after".
func pageOf[T any](r *http.Request, list []T, id func(T) int64) ([]T, string) {
	if len(list) <= pageSize {
		return list, ""
	}
	return list[:pageSize], nextPage(r, id(list[pageSize-1]))
}

// idsOf returns the key id gives of each item of list.
func idsOf[T any](list []T, id func(T) int64) []int64 {
	ids := make([]int64, len(list))
	for i, v := range list {
		ids[i] = id(v)
	}
	return ids
}

func nextPage(r *http.Request, after int64) string {
	q := r.URL.Query()
	q.Set("after", itoa(after))
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}
