package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"sojourn/audit"
	"sojourn/service"
)

type auditQuery struct {
	Object string    `query:"object" maxLength:"200" doc:"only entries about this object, e.g. case/12"`
	Actor  string    `query:"actor" maxLength:"200" doc:"only entries by this user"`
	Action string    `query:"action" maxLength:"200" doc:"only entries of this action, e.g. case.read"`
	From   time.Time `query:"from" doc:"only entries at or after this time (RFC 3339)"`
	To     time.Time `query:"to" doc:"only entries before this time (RFC 3339)"`
	After  string    `query:"after" pattern:"^[0-9]{1,2}/[0-9]{1,18}$" doc:"page on after this entry, CHAIN/SEQ, as Audit-Next-After gave it"`
	Limit  int       `query:"limit" minimum:"0" maximum:"500"`
}

type auditPage struct {
	NextAfter string `header:"Audit-Next-After" doc:"pass as after= for the next page; absent on an empty page"`
	Body      []audit.Entry
}

func (h *handler) registerAudit(api huma.API) {
	huma.Register(api, h.op("audit-log", http.MethodGet, "/audit", "Search the audit log (auditors)", "audit"),
		func(ctx context.Context, in *auditQuery) (*auditPage, error) {
			list, err := h.svc.AuditLog(ctx, service.AuditQuery{Object: in.Object, Actor: in.Actor, Action: in.Action,
				From: in.From, To: in.To, After: parseAfter(in.After), Limit: in.Limit})
			page := &auditPage{Body: list}
			if n := len(list); n > 0 {
				page.NextAfter = strconv.Itoa(list[n-1].Chain) + "/" + strconv.FormatInt(list[n-1].Seq, 10)
			}
			return result(h, page, err)
		})
	h.registerAuditExport(api)
}

// parseAfter reads CHAIN/SEQ (already checked against the pattern); "" is
// the start of the log.
func parseAfter(s string) *audit.Head {
	chain, seq, ok := strings.Cut(s, "/")
	if !ok {
		return nil
	}
	c, _ := strconv.Atoi(chain)
	n, _ := strconv.ParseInt(seq, 10, 64)
	return &audit.Head{Chain: c, Seq: n}
}
