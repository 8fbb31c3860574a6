package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sojourn"
)

// TestCatalogsComplete walks the catalogs: every key of one language is in
// every other with a non-empty text and the same number of format verbs,
// and every key the templates and the Go code name is in the catalogs.
func TestCatalogsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[sdv]`)
	for _, a := range locales {
		for k, v := range a.cat {
			for _, b := range locales {
				w, ok := b.cat[k]
				switch {
				case !ok:
					t.Errorf("%s: key %q (from %s) is missing", b.tag, k, a.tag)
				case strings.TrimSpace(w) == "":
					t.Errorf("%s: key %q is empty", b.tag, k)
				case len(verbs.FindAllString(v, -1)) != len(verbs.FindAllString(w, -1)):
					t.Errorf("key %q: %s and %s take different arguments", k, a.tag, b.tag)
				}
			}
		}
	}
	used := map[string]bool{}
	inTemplates := regexp.MustCompile(`\bT "([^"]+)"`)
	templates, _ := fs.Glob(files, "templates/*.html")
	for _, n := range templates {
		data, _ := files.ReadFile(n)
		for _, m := range inTemplates.FindAllStringSubmatch(string(data), -1) {
			used[m[1]] = true
		}
	}
	choices := regexp.MustCompile(`"select"((?: "[^"]*")+)`)
	for _, n := range templates {
		data, _ := files.ReadFile(n)
		for _, m := range choices.FindAllStringSubmatch(string(data), -1) {
			for _, c := range strings.Fields(m[1]) {
				used["opt."+strings.Trim(c, `"`)] = true
			}
		}
	}
	inGo := regexp.MustCompile(`\.T\("([^"]+)"`)
	sources, _ := filepath.Glob("*.go")
	for _, n := range sources {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range inGo.FindAllStringSubmatch(string(data), -1) {
			used[m[1]] = true
		}
	}
	for _, k := range keysOfForms() {
		used[k] = true
	}
	used["opt.any"] = true
	for k := range used {
		if _, ok := locales[0].cat[k]; !ok && !strings.HasSuffix(k, ".") { // a key ending in "." is a prefix
			t.Errorf("key %q is used but in no catalog", k)
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in use: the scan is broken", len(used))
	}
}

// keysOfForms are the keys the case forms name: their fields, actions
// and the notices of a done action.
func keysOfForms() []string {
	var out []string
	for name, a := range caseActions {
		for _, f := range a.fields {
			out = append(out, labelKey(f))
		}
		out = append(out, "case.done."+name, "action."+name)
	}
	for name, c := range creations {
		for _, f := range c.fields() {
			out = append(out, labelKey(f))
		}
		out = append(out, "action."+name)
	}
	return out
}

// TestDates writes a date in each language's form.
func TestDates(t *testing.T) {
	d := sojourn.MustDate("1937-11-02")
	for tag, want := range map[string]string{"en": "2 November 1937", "ru": "2 ноября 1937 г."} {
		if got := localeByTag(tag).Date(d); got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
}
