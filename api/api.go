// Package api serves Sojourn's JSON API under /api/v1 with huma: OpenAPI 3.1
// at /api/openapi.json, errors as application/problem+json (RFC 9457). It is
// thin: it parses and validates requests, authenticates the caller and hands
// everything else to the service layer.
package api

import (
	"log/slog"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"sojourn"
	"sojourn/clientip"
	"sojourn/metrics"
	"sojourn/service"
)

// Config configures the API.
type Config struct {
	// Version is reported in the OpenAPI document.
	Version string
	// MaxBodyBytes caps every request body.
	MaxBodyBytes int64
	// MaxHeaderBytes caps a request's header fields (431 beyond); the
	// server's own cap (http.Server.MaxHeaderBytes) must be larger, as
	// its answer is not a problem document.
	MaxHeaderBytes int64
	// Logger receives internal errors, which clients never see.
	Logger *slog.Logger
	// ExpensivePerMinute and ExpensiveBurst limit how many expensive
	// operations (reports, what-if runs, exports) one caller may start.
	ExpensivePerMinute, ExpensiveBurst int
	// VerifyPerMinute and VerifyBurst limit how many permit checks
	// (GET /verify/{token}, no login) one client address may make.
	VerifyPerMinute, VerifyBurst int
	// PublicURL is the base URL of the public verification page that
	// permits' QR codes point to, e.g. https://permits.example.org; ""
	// means the scheme and host each request came to.
	PublicURL string
	// TrustedProxies are the reverse proxies whose forwarding headers
	// (Forwarded, X-Forwarded-For, X-Request-Id) are believed; from any
	// other peer they are ignored.
	TrustedProxies clientip.Trusted
	// Metrics, when set, counts every request by route and status (the
	// metrics are served elsewhere: never on this handler).
	Metrics *metrics.Metrics
	// Pprof serves net/http/pprof under /debug/pprof/ to administrators
	// (bearer token or session of the admin role) only.
	Pprof bool
	// Web, when set, serves the paths under /app/ (the web application),
	// behind the same access log and cross-origin protection.
	Web http.Handler
}

// DefaultConfig returns a 1 MiB body cap, a 64 KiB header cap, the default logger, 30
// expensive operations a minute per caller (10 at once) and 60 permit
// checks a minute per client address (20 at once).
func DefaultConfig() Config {
	return Config{Version: "dev", MaxBodyBytes: 1 << 20, MaxHeaderBytes: 64 << 10, Logger: slog.Default(), ExpensivePerMinute: 30, ExpensiveBurst: 10,
		VerifyPerMinute: 60, VerifyBurst: 20}
}

// handler carries what every operation needs.
type handler struct {
	svc *service.Service
	cfg Config
}

// Register adds the API's routes to mux.
func Register(mux *http.ServeMux, svc *service.Service, cfg Config) huma.API {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultConfig().MaxBodyBytes
	}
	hc := huma.DefaultConfig("Sojourn", cfg.Version)
	hc.Info.Description = "Legal status of people living abroad, and the paper trail of every decision about them."
	hc.OpenAPIPath = "/api/openapi"
	hc.DocsPath = ""
	hc.SchemasPath = ""
	hc.CreateHooks = nil
	hc.RejectUnknownQueryParameters = true
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer":  {Type: "http", Scheme: "bearer", Description: "API token from `sojourn user add`"},
		"session": {Type: "apiKey", In: "cookie", Name: sessionCookie, Description: "session cookie set by POST /api/v1/session (login)"},
	}
	hc.Security = []map[string][]string{{"bearer": {}}, {"session": {}}}
	hc.OnAddOperation = append(hc.OnAddOperation, declareStatuses)
	hc.Components.Schemas.RegisterTypeAlias(reflect.TypeFor[sojourn.Date](), reflect.TypeFor[dateSchema]())
	h := &handler{svc: svc, cfg: cfg}
	hc.Transformers = append(hc.Transformers, h.shapeErrors, locate, emptyLists)
	api := humago.New(mux, hc)
	if cfg.ExpensivePerMinute <= 0 || cfg.ExpensiveBurst <= 0 {
		cfg.ExpensivePerMinute, cfg.ExpensiveBurst = DefaultConfig().ExpensivePerMinute, DefaultConfig().ExpensiveBurst
	}
	if cfg.VerifyPerMinute <= 0 || cfg.VerifyBurst <= 0 {
		cfg.VerifyPerMinute, cfg.VerifyBurst = DefaultConfig().VerifyPerMinute, DefaultConfig().VerifyBurst
	}
	h.cfg = cfg
	api.UseMiddleware(rememberURL, h.authenticate(api), h.rateLimit(api, newLimiter(cfg.ExpensivePerMinute, cfg.ExpensiveBurst),
		newLimiter(cfg.VerifyPerMinute, cfg.VerifyBurst)), stampOrigin)
	h.registerRegistry(api)
	h.registerMatching(api)
	h.registerDuplicateScans(api)
	h.registerPersons(api)
	h.registerMerges(api)
	h.registerCases(api)
	h.registerDelegation(api)
	h.registerStays(api)
	h.registerAudit(api)
	h.registerSessions(api)
	h.registerPolicy(api)
	h.registerCampaigns(api)
	h.registerPermits(api)
	h.registerVerify(api)
	h.registerCorrespondence(api)
	addExamples(api.OpenAPI())
	declareLocations(api.OpenAPI())
	return api
}

// dateSchema describes sojourn.Date in the OpenAPI document, so that huma
// validates dates (and rejects impossible ones such as 1937-02-30) with the
// field's path before the body is decoded.
type dateSchema struct{}

// Schema returns a string schema with the "date" format.
func (dateSchema) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeString, Format: "date", Examples: []any{"1937-11-02"}}
}

// op builds an operation with the common settings.
func (h *handler) op(id, method, path, summary string, tags ...string) huma.Operation {
	return huma.Operation{
		OperationID:  id,
		Method:       method,
		Path:         "/api/v1" + path,
		Summary:      summary,
		Tags:         tags,
		MaxBodyBytes: h.cfg.MaxBodyBytes,
		Errors:       []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity},
	}
}
