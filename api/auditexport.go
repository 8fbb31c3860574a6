package api

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
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
			w := &lazyStream{ctx: hc}
			err := h.svc.ExportAudit(ctx, w)
			switch {
			case err != nil && !w.started:
				se := h.problem(err).(huma.StatusError)
				huma.WriteErr(api, hc, se.GetStatus(), se.Error())
			case err != nil:
				h.cfg.Logger.Error("audit export cut short", slog.Any("err", err))
			}
		}}, nil
	})
}

// lazyStream sends the 200 status and headers on the first write, so that
// an export refused before it starts can still be answered with an error.
type lazyStream struct {
	ctx     huma.Context
	started bool
}

func (w *lazyStream) Write(p []byte) (int, error) {
	if !w.started {
		w.started = true
		w.ctx.SetHeader("Content-Type", ndjson)
		w.ctx.SetStatus(http.StatusOK)
	}
	return w.ctx.BodyWriter().Write(p)
}
