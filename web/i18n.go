package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"sojourn"
)

// langCookie holds the language a user chose.
const langCookie = "sojourn_lang"

// locale is one language's catalog: every string a page shows, by key.
type locale struct {
	tag string
	cat map[string]string
}

// locales are the languages of the pages, the first the default.
var locales = mustLoadLocales("en", "ru")

// matcher picks a locale from Accept-Language.
var matcher = language.NewMatcher([]language.Tag{language.English, language.Russian})

func mustLoadLocales(tags ...string) []*locale {
	out := make([]*locale, len(tags))
	for i, tag := range tags {
		data, err := files.ReadFile("i18n/" + tag + ".json")
		if err != nil {
			panic(err)
		}
		l := &locale{tag: tag}
		if err := json.Unmarshal(data, &l.cat); err != nil {
			panic(fmt.Sprintf("i18n/%s.json: %v", tag, err))
		}
		out[i] = l
	}
	return out
}

// localeByTag returns the locale of a tag, or nil.
func localeByTag(tag string) *locale {
	for _, l := range locales {
		if l.tag == tag {
			return l
		}
	}
	return nil
}

// localeFor picks the request's language: the user's choice (cookie),
// else the browser's Accept-Language, else English.
func localeFor(r *http.Request) *locale {
	if c, err := r.Cookie(langCookie); err == nil {
		if l := localeByTag(c.Value); l != nil {
			return l
		}
	}
	if h := r.Header.Get("Accept-Language"); h != "" {
		if tags, _, err := language.ParseAcceptLanguage(h); err == nil && len(tags) > 0 {
			_, i, conf := matcher.Match(tags...)
			if conf != language.No {
				return locales[i]
			}
		}
	}
	return locales[0]
}

// T translates key; args are formatted into it (fmt verbs). A key missing
// from the catalog shows as itself (the catalog test keeps that from
// happening).
func (l *locale) T(key string, args ...any) string {
	s, ok := l.cat[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Date writes a date in the language's usual form, e.g. "2 November 1937"
// or "2 ноября 1937 г."; the zero date is "—".
func (l *locale) Date(d sojourn.Date) string {
	if d.IsZero() {
		return "—"
	}
	t := d.Time()
	return strings.NewReplacer("{d}", strconv.Itoa(t.Day()), "{month}", l.T("month."+strconv.Itoa(int(t.Month()))),
		"{y}", strconv.Itoa(t.Year())).Replace(l.T("date.format"))
}

// Message translates a message of the service layer: a whole message the
// catalog knows ("msg." + message), or one starting with a phrase it
// knows ("msgprefix." + phrase); else the message as it is.
func (l *locale) Message(m string) string {
	if s, ok := l.cat["msg."+m]; ok {
		return s
	}
	for k, s := range l.cat {
		if p, ok := strings.CutPrefix(k, "msgprefix."); ok && strings.HasPrefix(m, p) {
			return s + strings.TrimPrefix(m, p)
		}
	}
	return m
}

// language sets the user's language (a form on every page) and goes back
// to the page the form was on.
func (s *site) language(w http.ResponseWriter, r *http.Request) {
	tag := r.PostFormValue("lang")
	if localeByTag(tag) != nil {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: tag, Path: "/app/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back")), http.StatusSeeOther)
}

// localPath returns p when it is a path of the web application, else the
// home page, so that a form cannot send the browser elsewhere.
func localPath(p string) string {
	if strings.HasPrefix(p, "/app/") && !strings.HasPrefix(p, "//") && !strings.ContainsAny(p, "\\\r\n") {
		return p
	}
	return "/app/"
}
