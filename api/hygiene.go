package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Request hygiene: every request is checked here, before any handler, for
// what no handler should have to think about. Text must be valid UTF-8 with
// no NUL character, in the path, the query and a JSON body alike (400: the
// database engines disagree on both, and a replaced character is a changed
// value); a JSON object may not name a key twice, also not in another case
// ("Authority" beside "authority"), since the decoder would silently keep
// one of them (400); and headers are bounded (431). Every refusal is a
// problem+json document.

// hygienic wraps next with the request checks.
func hygienic(next http.Handler, cfg Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if headerBytes(r.Header) > cfg.MaxHeaderBytes {
			writeProblemJSON(w, r, http.StatusRequestHeaderFieldsTooLarge, "the request's headers are too large")
			return
		}
		if err := checkURL(r.URL); err != nil {
			writeProblemJSON(w, r, http.StatusBadRequest, err.Error())
			return
		}
		if r.Body != nil && r.Body != http.NoBody && isJSON(r.Header.Get("Content-Type")) {
			body, whole, err := peekBody(r.Body, cfg.MaxBodyBytes)
			if err != nil {
				writeProblemJSON(w, r, http.StatusBadRequest, "the request body could not be read")
				return
			}
			if whole {
				if err := checkJSON(body); err != nil {
					writeProblemJSON(w, r, http.StatusBadRequest, err.Error())
					return
				}
				r.Body = io.NopCloser(bytes.NewReader(body))
			} else { // too large: the operation answers 413
				r.Body = struct {
					io.Reader
					io.Closer
				}{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// headerBytes is the size of the request's header fields.
func headerBytes(h http.Header) int64 {
	var n int64
	for k, vs := range h {
		for _, v := range vs {
			n += int64(len(k) + len(v) + 4)
		}
	}
	return n
}

// isJSON reports whether a request body of the content type is JSON (the
// API's bodies are; a missing type is read as JSON too).
func isJSON(contentType string) bool {
	return contentType == "" || strings.Contains(strings.ToLower(contentType), "json")
}

// peekBody reads up to limit bytes of body; whole says the body ended
// within them.
func peekBody(body io.Reader, limit int64) ([]byte, bool, error) {
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	return b, int64(len(b)) <= limit, err
}

// checkURL refuses a path or query that is not clean text.
func checkURL(u *url.URL) error {
	if err := checkText("the path", u.Path); err != nil {
		return err
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil // the operation reports a malformed query
	}
	for k, vs := range q {
		if err := checkText("a query parameter name", k); err != nil {
			return err
		}
		for _, v := range vs {
			if err := checkText("query parameter "+clip(k), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkText refuses invalid UTF-8, NUL and the replacement character (what
// a decoder makes of an invalid escape such as a lone surrogate).
func checkText(what, s string) error {
	switch {
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not valid UTF-8", what)
	case strings.ContainsRune(s, 0):
		return fmt.Errorf("%s contains a NUL character", what)
	case strings.ContainsRune(s, utf8.RuneError):
		return fmt.Errorf("%s contains U+FFFD or an invalid escape", what)
	}
	return nil
}

// maxMembers bounds the items of any JSON array and the keys of any object
// in a body: no operation takes more than 1000 of either, and validating a
// body of 100,000 wrong items took over 100 MB before it was refused.
const maxMembers = 1000

// checkJSON walks a JSON document and refuses invalid text in any key or
// string, a key named twice in one object, in any case, and an array or
// object of more than maxMembers. A document that is not JSON at all is
// left to the operation to report.
func checkJSON(b []byte) error {
	if !utf8.Valid(b) {
		return errors.New("the request body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	// one entry per open object (its keys so far) or array (nil), and how
	// many items each has so far
	var open []map[string]bool
	var items []int
	expectKey := false // the next string is an object's key
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or malformed JSON the operation reports
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				open, items = append(open, map[string]bool{}), append(items, 0)
				expectKey = true
				continue
			case '[':
				open, items = append(open, nil), append(items, 0)
				expectKey = false
				continue
			default:
				open, items = open[:len(open)-1], items[:len(items)-1]
			}
		case string:
			if err := checkText("a text in the body", v); err != nil {
				return err
			}
			if expectKey {
				k := strings.ToLower(v)
				if open[len(open)-1][k] {
					return fmt.Errorf("the key %q appears twice in one object of the body (keys are matched in any case)", clip(v))
				}
				open[len(open)-1][k] = true
				expectKey = false
				continue
			}
		}
		// a value ended: inside an object, a key comes next
		if len(open) > 0 {
			if items[len(items)-1]++; items[len(items)-1] > maxMembers {
				return fmt.Errorf("an array or object in the body holds more than %d items", maxMembers)
			}
		}
		expectKey = len(open) > 0 && open[len(open)-1] != nil
	}
}

// writeProblemJSON answers a problem+json document from outside huma.
func writeProblemJSON(w http.ResponseWriter, r *http.Request, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"title": http.StatusText(status), "status": status, "detail": detail,
		"instance": instance(r.Context())})
}
