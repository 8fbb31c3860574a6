package api

import (
	"context"
	"net"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/service"
)

// sessionCookie is the name of the web session cookie.
const sessionCookie = "sojourn_session"

// public marks operations that need no authentication (logging in).
const public = "public"

// authenticate resolves every API call to an actor, from a bearer token or
// else a session cookie; a call with neither, or with a bad one, is
// answered 401 before any handler runs.
func (h *handler) authenticate(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		ctx = huma.WithValue(ctx, remoteKey{}, hostOf(ctx.RemoteAddr()))
		if ctx.Operation().Metadata[public] == true {
			next(ctx)
			return
		}
		actor, err := h.actor(ctx)
		if err != nil {
			ctx.SetHeader("WWW-Authenticate", `Bearer realm="sojourn"`)
			h.writeProblem(api, ctx, err)
			return
		}
		next(huma.WithContext(ctx, service.WithActor(ctx.Context(), actor)))
	}
}

// actor authenticates the request's bearer token or session cookie.
func (h *handler) actor(ctx huma.Context) (sojourn.Actor, error) {
	session := ""
	if c, err := huma.ReadCookie(ctx, sessionCookie); err == nil {
		session = c.Value
	}
	return authenticateWith(ctx.Context(), h.svc, ctx.Header("Authorization"), session)
}

// authenticateWith resolves an Authorization header (a bearer token) or,
// without one, a session cookie's value to an actor.
func authenticateWith(ctx context.Context, svc *service.Service, authorization, session string) (sojourn.Actor, error) {
	if authorization != "" {
		token, ok := strings.CutPrefix(authorization, "Bearer ")
		if !ok {
			return sojourn.Actor{}, sojourn.Errorf(sojourn.CodeUnauthenticated, "the Authorization header must be Bearer <token>")
		}
		return svc.Authenticate(ctx, strings.TrimSpace(token))
	}
	if session != "" {
		return svc.SessionActor(ctx, session)
	}
	return sojourn.Actor{}, sojourn.Errorf(sojourn.CodeUnauthenticated,
		"authentication required: Authorization: Bearer <token>, or log in at POST /api/v1/session")
}

// sessionCookieFor returns the cookie that carries a session secret; an
// empty secret (with MaxAge -1) deletes it.
func sessionCookieFor(secret string) http.Cookie {
	c := http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode}
	if secret == "" {
		c.MaxAge = -1
	}
	return c
}

type remoteKey struct{}

// remoteAddr returns the client address the middleware put in ctx.
func remoteAddr(ctx context.Context) string {
	s, _ := ctx.Value(remoteKey{}).(string)
	return s
}

// hostOf strips the port from a host:port address.
func hostOf(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
