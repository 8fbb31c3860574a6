package api

import (
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"sojourn/service"
)

// authenticate resolves the bearer token of every API call to an actor; a
// call without a valid token is answered 401 before any handler runs.
func (h *handler) authenticate(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		token, ok := strings.CutPrefix(ctx.Header("Authorization"), "Bearer ")
		if !ok {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="sojourn"`)
			huma.WriteErr(api, ctx, http.StatusUnauthorized, "an API token is required: Authorization: Bearer <token>")
			return
		}
		actor, err := h.svc.Authenticate(ctx.Context(), strings.TrimSpace(token))
		if err != nil {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="sojourn", error="invalid_token"`)
			se := h.problem(err).(huma.StatusError)
			huma.WriteErr(api, ctx, se.GetStatus(), se.Error())
			return
		}
		next(huma.WithContext(ctx, service.WithActor(ctx.Context(), actor)))
	}
}
