// Package web serves the officer's web application under /app/: pages
// rendered on the server with html/template (readable without JavaScript;
// htmx, vendored and embedded, only swaps parts of them), in English and
// Russian. It is thin like the API: it parses forms, authenticates the
// session and hands everything else to the service layer, the one path to
// the data.
package web

import (
	"embed"
	"io/fs"
	"log/slog"
	"net/http"

	"sojourn/reqid"
	"sojourn/service"
)

//go:embed assets templates i18n
var files embed.FS

// Config configures the web application.
type Config struct {
	// Logger receives internal errors, which users never see.
	Logger *slog.Logger
}

// DefaultConfig returns the default logger.
func DefaultConfig() Config { return Config{Logger: slog.Default()} }

// site carries what every page needs.
type site struct {
	svc   *service.Service
	cfg   Config
	pages pages
}

// New returns the web application's handler for the paths under /app/,
// behind cross-origin request protection (a cross-site form post cannot
// ride the session cookie) and headers that keep the pages from being
// framed, sniffed or cached.
func New(svc *service.Service, cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	cfg.Logger = reqid.Logger(cfg.Logger)
	s := &site{svc: svc, cfg: cfg, pages: mustParsePages()}
	mux := http.NewServeMux()
	assets, _ := fs.Sub(files, "assets")
	mux.Handle("GET /app/assets/", http.StripPrefix("/app/assets/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /app/login", s.public(s.loginPage))
	mux.HandleFunc("POST /app/login", s.public(s.login))
	mux.HandleFunc("POST /app/language", s.language)
	mux.HandleFunc("POST /app/logout", s.logout)
	s.routes(mux)
	mux.HandleFunc("/app/", s.public(func(w http.ResponseWriter, r *http.Request, p *page) error {
		return notFound()
	}))
	return headers(http.NewCrossOriginProtection().Handler(mux))
}

// routes registers the pages that need a session.
func (s *site) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /app/{$}", s.private(s.home))
	mux.HandleFunc("GET /app/persons", s.private(s.persons))
	mux.HandleFunc("POST /app/persons", s.private(s.create("register", s.persons)))
	mux.HandleFunc("GET /app/persons/{id}", s.private(s.person))
	mux.HandleFunc("POST /app/persons/{id}/documents", s.private(s.create("document", s.person)))
	mux.HandleFunc("POST /app/persons/{id}/cases", s.private(s.create("file", s.person)))
	mux.HandleFunc("POST /app/persons/{id}/registrations", s.private(s.create("residence", s.person)))
	mux.HandleFunc("POST /app/persons/{id}/protections", s.private(s.create("protect", s.person)))
	mux.HandleFunc("POST /app/persons/{id}/protections/lifting", s.private(s.create("lift", s.person)))
	mux.HandleFunc("GET /app/cases", s.private(s.cases))
	mux.HandleFunc("GET /app/cases/{id}", s.private(s.casePage))
	mux.HandleFunc("POST /app/cases/{id}/{action}", s.private(s.caseAction))
	mux.HandleFunc("GET /app/correspondence", s.private(s.registry))
	mux.HandleFunc("GET /app/correspondence/{id}", s.private(s.itemPage))
	mux.HandleFunc("GET /app/dashboard", s.private(s.dashboard))
	mux.HandleFunc("GET /app/lapses", s.private(s.lapses))
	mux.HandleFunc("GET /app/delegations", s.private(s.delegations))
	mux.HandleFunc("GET /app/approvals", s.private(s.approvals))
	mux.HandleFunc("POST /app/approvals", s.private(s.create("approval", s.approvals)))
	mux.HandleFunc("GET /app/decrees", s.private(s.decrees))
	mux.HandleFunc("GET /app/decrees/{id}", s.private(s.decreePage))
	mux.HandleFunc("POST /app/decrees/{id}/elections/{election}", s.private(s.create("election", s.decreePage)))
	mux.HandleFunc("GET /app/audit", s.private(s.auditSearch))
	mux.HandleFunc("GET /app/policies", s.private(s.policies))
	mux.HandleFunc("GET /app/policies/{name}", s.private(s.policyPage))
	mux.HandleFunc("POST /app/policies/{name}/whatif", s.private(s.startWhatIf))
	mux.HandleFunc("GET /app/whatif/{id}", s.private(s.whatIf))
}

// headers sets the pages' security headers: scripts, styles and images
// only from /app/assets (no inline script), no framing, no caching.
func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
