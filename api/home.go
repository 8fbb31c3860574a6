package api

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// The paths a first call without one lands on.
const (
	// AppPath is where the web application lives; a browser asking for /
	// is sent there.
	AppPath = "/app/"
	// DocsPath is the rendered API reference.
	DocsPath = "/api/docs"
	// OpenAPIPath is the OpenAPI document.
	OpenAPIPath = "/api/openapi.json"
	// BasePath is the prefix of every API operation.
	BasePath = "/api/v1"
)

// index is what a program is told at /, /api and /api/.
type index struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	OpenAPI string `json:"openapi"`
	Docs    string `json:"docs"`
	API     string `json:"api"`
	App     string `json:"app"`
}

// registerHome adds the entry points: / sends a browser (one that prefers
// HTML) to the web application with 303 See Other and tells a program,
// in JSON, where the document, the reference and the API are; /api says
// the same to anyone; /docs moves to the reference.
func registerHome(mux *http.ServeMux, cfg Config) {
	idx := index{Name: "Sojourn", Version: cfg.Version, OpenAPI: OpenAPIPath, Docs: DocsPath, API: BasePath, App: AppPath}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept")
		if prefersHTML(r.Header.Values("Accept")) {
			http.Redirect(w, r, AppPath, http.StatusSeeOther)
			return
		}
		writeJSON(w, http.StatusOK, idx)
	})
	for _, p := range []string{"GET /api", "GET /api/{$}"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, idx) })
	}
	for _, p := range []string{"GET /docs", "GET /docs/{$}", "GET /api/docs/{$}"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, DocsPath, http.StatusMovedPermanently)
		})
	}
}

// prefersHTML reports whether an Accept header ranks text/html above
// application/json (a browser's does; a program's usually names JSON or
// nothing). Parameters other than q are ignored, as are malformed ranges.
func prefersHTML(accept []string) bool {
	html, json := -1.0, -1.0
	for _, field := range accept {
		for _, part := range strings.Split(field, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			q := 1.0
			if v, ok := params["q"]; ok {
				if q, err = strconv.ParseFloat(v, 64); err != nil {
					continue
				}
			}
			switch mt {
			case "text/html", "application/xhtml+xml":
				html = max(html, q)
			case "application/json", "application/*":
				json = max(json, q)
			}
		}
	}
	return html > 0 && html > json
}
