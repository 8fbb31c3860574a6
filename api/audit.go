package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn/audit"
)

type auditQuery struct {
	Object string `query:"object" maxLength:"200" doc:"only entries about this object, e.g. case/12"`
	Limit  int    `query:"limit" minimum:"0" maximum:"500"`
}

func (h *handler) registerAudit(api huma.API) {
	huma.Register(api, h.op("audit-log", http.MethodGet, "/audit", "Read the audit log (auditors)", "audit"),
		func(ctx context.Context, in *auditQuery) (*body[[]audit.Entry], error) {
			list, err := h.svc.AuditLog(ctx, in.Object, in.Limit)
			return result(h, &body[[]audit.Entry]{list}, err)
		})
}
