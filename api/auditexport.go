package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
)

// ndjson is the media type of an audit export: JSON Lines.
const ndjson = "application/x-ndjson"

func (h *handler) registerAuditExport(api huma.API) {
	op := h.op("audit-export", http.MethodGet, "/audit/export",
		"Export the whole audit log with its checkpoints, for `sojourn audit verify` (auditors)", "audit")
	op.Responses = map[string]*huma.Response{"200": {Description: "the export, one JSON value per line",
		Content: map[string]*huma.MediaType{ndjson: {}}}}
	huma.Register(api, op, func(ctx context.Context, _ *struct{}) (*huma.StreamResponse, error) {
		return &huma.StreamResponse{Body: func(hc huma.Context) {
			_, rw := humago.Unwrap(hc)
			w := &lazyStream{ctx: hc, rc: http.NewResponseController(rw)}
			err := h.svc.ExportAudit(ctx, w)
			switch {
			case err != nil && !w.started:
				h.writeProblem(api, hc, err)
			case err != nil:
				h.logInternal(hc, "audit export cut short", err)
			}
		}}, nil
	})
}

// streamIdle is how long an export may wait for the client to take more;
// the server's write timeout would otherwise cut off a large log.
const streamIdle = time.Minute

// lazyStream sends the 200 status and headers on the first write, so that
// an export refused before it starts can still be answered with an error.
// Each write moves the write deadline on: a slow client gets the whole log,
// a stalled one is cut off.
type lazyStream struct {
	ctx     huma.Context
	rc      *http.ResponseController
	started bool
}

func (w *lazyStream) Write(p []byte) (int, error) {
	if !w.started {
		w.started = true
		w.ctx.SetHeader("Content-Type", ndjson)
		w.ctx.SetStatus(http.StatusOK)
	}
	w.rc.SetWriteDeadline(time.Now().Add(streamIdle)) // ErrNotSupported only where no timeout applies
	return w.ctx.BodyWriter().Write(p)
}
