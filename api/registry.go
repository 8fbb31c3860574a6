package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

type body[T any] struct {
	Body T
}

// CodePath is the {code} path parameter of registry resources.
type CodePath struct {
	Code string `path:"code" maxLength:"16"`
}

type userCreated struct {
	Body createdUser
}

// createdUser is a new user with its API token.
type createdUser struct {
	User  sojourn.User `json:"user"`
	Token string       `json:"token" doc:"the user's API token; shown only once"`
}

func (h *handler) registerRegistry(api huma.API) {
	huma.Register(api, created(h.op("create-authority", http.MethodPost, "/authorities", "Register an authority", "registry"), func(a sojourn.Authority) string { return "/authorities/" + url.PathEscape(a.Code) }),
		func(ctx context.Context, in *body[sojourn.AuthorityInput]) (*body[sojourn.Authority], error) {
			a, err := h.svc.CreateAuthority(ctx, in.Body)
			return result(h, &body[sojourn.Authority]{a}, err)
		})
	huma.Register(api, h.op("list-authorities", http.MethodGet, "/authorities", "List authorities", "registry"),
		func(ctx context.Context, _ *struct{}) (*listOut[sojourn.Authority], error) {
			list, err := h.svc.Authorities(ctx)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("get-authority", http.MethodGet, "/authorities/{code}", "Get an authority", "registry"),
		func(ctx context.Context, in *CodePath) (*body[sojourn.Authority], error) {
			a, err := h.svc.Authority(ctx, in.Code)
			return result(h, &body[sojourn.Authority]{a}, err)
		})
	huma.Register(api, created(h.op("create-sponsor", http.MethodPost, "/sponsors", "Register a sponsor organisation", "registry"), func(s sojourn.Sponsor) string { return "/sponsors/" + url.PathEscape(s.Code) }),
		func(ctx context.Context, in *body[sojourn.SponsorInput]) (*body[sojourn.Sponsor], error) {
			s, err := h.svc.CreateSponsor(ctx, in.Body)
			return result(h, &body[sojourn.Sponsor]{s}, err)
		})
	huma.Register(api, h.op("list-sponsors", http.MethodGet, "/sponsors", "List sponsor organisations", "registry"),
		func(ctx context.Context, _ *struct{}) (*listOut[sojourn.Sponsor], error) {
			list, err := h.svc.Sponsors(ctx)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("get-sponsor", http.MethodGet, "/sponsors/{code}", "Get a sponsor with its accreditations", "registry"),
		func(ctx context.Context, in *CodePath) (*body[sojourn.Sponsor], error) {
			s, err := h.svc.Sponsor(ctx, in.Code)
			return result(h, &body[sojourn.Sponsor]{s}, err)
		})
	huma.Register(api, created(h.op("accredit-sponsor", http.MethodPost, "/sponsors/{code}/accreditations", "Accredit a sponsor for a period", "registry"), func(a sojourn.Accreditation) string { return "/sponsors/" + url.PathEscape(a.Sponsor) }),
		func(ctx context.Context, in *struct {
			CodePath
			Body sojourn.AccreditationInput
		}) (*body[sojourn.Accreditation], error) {
			a, err := h.svc.Accredit(ctx, in.Code, in.Body)
			return result(h, &body[sojourn.Accreditation]{a}, err)
		})
	huma.Register(api, h.op("revoke-accreditation", http.MethodPost, "/sponsors/{code}/accreditations/{id}/revocation", "Revoke an accreditation from a date on", "registry"),
		func(ctx context.Context, in *struct {
			CodePath
			ID   int64 `path:"id" minimum:"1"`
			Body sojourn.RevocationInput
		}) (*body[sojourn.Accreditation], error) {
			a, err := h.svc.RevokeAccreditation(ctx, in.Code, in.ID, in.Body)
			return result(h, &body[sojourn.Accreditation]{a}, err)
		})
	huma.Register(api, created(h.op("create-user", http.MethodPost, "/users", "Create a user and its API token", "registry"), func(u createdUser) string { return "/users/" + url.PathEscape(u.User.Name) + "/tokens" }),
		func(ctx context.Context, in *body[sojourn.UserInput]) (*userCreated, error) {
			out := &userCreated{}
			var err error
			out.Body.User, out.Body.Token, err = h.svc.CreateUser(ctx, in.Body)
			return result(h, out, err)
		})
}
