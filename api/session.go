package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/service"
)

// UserPath is the {name} path parameter of a user.
type UserPath struct {
	Name string `path:"name" maxLength:"200"`
}

type loginIn struct {
	Session string `cookie:"sojourn_session" doc:"a previous session, ended by this login"`
	Body    sojourn.LoginInput
}

type cookieOut struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

type whoami struct {
	Name      string        `json:"name"`
	Role      string        `json:"role"`
	Authority string        `json:"authority,omitempty"`
	Clearance sojourn.Level `json:"clearance"`
	ReadOnly  bool          `json:"read_only"`
}

type tokenCreated struct {
	Body issuedToken
}

// issuedToken is a new API token with its secret.
type issuedToken struct {
	Token  sojourn.Token `json:"token"`
	Secret string        `json:"secret" doc:"the token itself; shown only once"`
}

func (h *handler) registerSessions(api huma.API) {
	login := h.op("login", http.MethodPost, "/session", "Log in with name and password (sets the session cookie)", "session")
	login.Metadata = map[string]any{public: true}
	login.Security = []map[string][]string{}
	login.DefaultStatus = http.StatusNoContent
	login.Errors = append(login.Errors, http.StatusTooManyRequests) // too many failed logins
	huma.Register(api, login, func(ctx context.Context, in *loginIn) (*cookieOut, error) {
		secret, err := h.svc.Login(ctx, in.Body, remoteAddr(ctx), in.Session)
		if err != nil {
			return nil, h.problem(err)
		}
		return &cookieOut{SetCookie: sessionCookieFor(secret)}, nil
	})
	logout := h.op("logout", http.MethodDelete, "/session", "Log out (ends the session)", "session")
	logout.DefaultStatus = http.StatusNoContent
	huma.Register(api, logout, func(ctx context.Context, in *struct {
		Session string `cookie:"sojourn_session"`
	}) (*cookieOut, error) {
		if err := h.svc.Logout(ctx, in.Session); err != nil {
			return nil, h.problem(err)
		}
		return &cookieOut{SetCookie: sessionCookieFor("")}, nil
	})
	huma.Register(api, h.op("whoami", http.MethodGet, "/session", "Who the caller is", "session"),
		func(ctx context.Context, _ *struct{}) (*body[whoami], error) {
			a := service.ActorFrom(ctx)
			return &body[whoami]{whoami{a.Name, a.Role, a.Authority, a.Clearance, a.ReadOnly}}, nil
		})
	h.registerTokens(api)
	h.registerPasswordReset(api)
}

func (h *handler) registerTokens(api huma.API) {
	huma.Register(api, created(h.op("issue-token", http.MethodPost, "/users/{name}/tokens", "Issue an API token", "users"), func(t issuedToken) string { return "/users/" + url.PathEscape(t.Token.User) + "/tokens" }),
		func(ctx context.Context, in *struct {
			UserPath
			Body sojourn.TokenInput
		}) (*tokenCreated, error) {
			out := &tokenCreated{}
			var err error
			out.Body.Token, out.Body.Secret, err = h.svc.IssueToken(ctx, in.Name, in.Body)
			return result(h, out, err)
		})
	huma.Register(api, h.op("list-tokens", http.MethodGet, "/users/{name}/tokens", "List a user's API tokens", "users"),
		func(ctx context.Context, in *UserPath) (*listOut[sojourn.Token], error) {
			list, err := h.svc.Tokens(ctx, in.Name)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("revoke-token", http.MethodPost, "/users/{name}/tokens/{id}/revocation", "Revoke an API token", "users"),
		func(ctx context.Context, in *struct {
			UserPath
			ID int64 `path:"id" minimum:"1"`
		}) (*body[sojourn.Token], error) {
			k, err := h.svc.RevokeToken(ctx, in.Name, in.ID)
			return result(h, &body[sojourn.Token]{k}, err)
		})
	pw := h.op("set-password", http.MethodPut, "/users/{name}/password", "Set a user's password", "users")
	pw.DefaultStatus = http.StatusNoContent
	huma.Register(api, pw, func(ctx context.Context, in *struct {
		UserPath
		Body sojourn.PasswordInput
	}) (*struct{}, error) {
		return result(h, &struct{}{}, h.svc.SetPassword(ctx, in.Name, in.Body))
	})
	dis := h.op("disable-user", http.MethodPost, "/users/{name}/disable", "Disable a user (ends sessions, revokes tokens)", "users")
	dis.DefaultStatus = http.StatusNoContent
	huma.Register(api, dis, func(ctx context.Context, in *UserPath) (*struct{}, error) {
		return result(h, &struct{}{}, h.svc.DisableUser(ctx, in.Name))
	})
}
