package api

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

// publicPage marks operations rate limited per client address rather
// than per caller (they need no login).
const publicPage = "per-address"

// verifyPage is the public verification page: the permit's number, the
// holder's initials, its validity and status, and nothing else.
var verifyPage = template.Must(template.New("verify").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Permit check: {{.Status}}</title></head>
<body><main><h1>Permit check</h1>
<p>Status: <strong id="status">{{.Status}}</strong></p>
{{- if .Number}}
<dl><dt>Permit number</dt><dd id="number">{{.Number}}</dd>
<dt>Holder's initials</dt><dd id="initials">{{.Initials}}</dd>
<dt>Valid from</dt><dd id="valid-from">{{.ValidFrom}}</dd>
<dt>Valid until</dt><dd id="valid-to">{{.ValidTo}}</dd></dl>
{{- else}}
<p>No permit is known by this code.</p>
{{- end}}
</main></body></html>
`))

// verifyOut is the verification page as HTML or JSON, with its status:
// 404 for an unknown code.
type verifyOut struct {
	Status      int
	ContentType string `header:"Content-Type"`
	Body        []byte
}

func (h *handler) registerVerify(api huma.API) {
	op := huma.Operation{
		OperationID: "verify-permit",
		Method:      http.MethodGet,
		Path:        "/verify/{token}",
		Summary:     "Public check of a permit by the code on its QR: number, holder's initials, validity and status (no login)",
		Tags:        []string{"permits"},
		Security:    []map[string][]string{},
		Metadata:    map[string]any{public: true, publicPage: true},
		Errors:      []int{http.StatusTooManyRequests},
		Responses: map[string]*huma.Response{
			"200": documentResponse[sojourn.PermitCheck](api, "the permit's status: valid, expired or revoked (HTML, or JSON by Accept)", htmlType),
			"404": documentResponse[sojourn.PermitCheck](api, "status unknown: no permit has this code (HTML, or JSON by Accept)", htmlType),
		},
	}
	huma.Register(api, op, func(ctx context.Context, in *struct {
		Token  string `path:"token"`
		Accept string `header:"Accept"`
	}) (*verifyOut, error) {
		check, err := h.svc.VerifyPermit(ctx, in.Token)
		if err != nil {
			return nil, h.problem(err)
		}
		out := &verifyOut{Status: http.StatusOK}
		if check.Status == sojourn.PermitUnknown {
			out.Status = http.StatusNotFound
		}
		if prefers(in.Accept, "application/json", "text/html") {
			doc, err := h.jsonDocument(check)
			if err != nil {
				return nil, err
			}
			out.ContentType, out.Body = doc.ContentType, doc.Body
			return out, nil
		}
		var buf bytes.Buffer
		if err := verifyPage.Execute(&buf, check); err != nil {
			return nil, h.problem(sojourn.Internal(err))
		}
		out.ContentType, out.Body = htmlType, buf.Bytes()
		return out, nil
	})
}

// publicBase is the base URL of public pages: the configured one, else
// the scheme and host the request came to.
func publicBase(ctx context.Context, cfg Config) string {
	if cfg.PublicURL != "" {
		return strings.TrimSuffix(cfg.PublicURL, "/")
	}
	s, _ := ctx.Value(originKey{}).(string)
	return s
}

type originKey struct{}

// stampOrigin remembers the scheme and host a request came to, for
// publicBase.
func stampOrigin(ctx huma.Context, next func(huma.Context)) {
	scheme := "http"
	if ctx.TLS() != nil {
		scheme = "https"
	}
	next(huma.WithValue(ctx, originKey{}, scheme+"://"+ctx.Host()))
}
