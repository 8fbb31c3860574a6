package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// oneTimePassword is the answer to a password reset.
type oneTimePassword struct {
	Password string `json:"one_time_password" doc:"shown only once; it logs in only together with new_password, which replaces it"`
}

// registerPasswordReset registers the administrator's password reset.
func (h *handler) registerPasswordReset(api huma.API) {
	huma.Register(api, h.op("reset-password", http.MethodPost, "/users/{name}/password-reset",
		"Give a user a one-time password (ends their sessions; it must be changed at the next login)", "users"),
		func(ctx context.Context, in *UserPath) (*body[oneTimePassword], error) {
			pw, err := h.svc.ResetPassword(ctx, in.Name)
			return result(h, &body[oneTimePassword]{oneTimePassword{pw}}, err)
		})
}
