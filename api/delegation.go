package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/service"
)

// IDPath is the {id} path parameter of delegations and obligations.
type IDPath struct {
	ID int64 `path:"id" minimum:"1"`
}

type overdueQuery struct {
	CodePath
	On string `query:"on" format:"date" doc:"reference date; default today"`
}

type delegationList struct {
	Authority string `query:"authority" maxLength:"16" doc:"delegations from or to this authority; default all"`
}

// FlagInput is what the overdue check runs on.
type FlagInput struct {
	On sojourn.Date `json:"on,omitzero" doc:"the day the check runs for; default today"`
}

func (h *handler) registerDelegation(api huma.API) {
	h.registerDelegations(api)
	h.registerRouting(api)
	h.registerObligations(api)
}

func (h *handler) registerDelegations(api huma.API) {
	huma.Register(api, created(h.op("create-delegation", http.MethodPost, "/delegations", "Delegate decisions from one authority to another", "delegation"), func(d sojourn.Delegation) string { return idPath("/delegations/", d.ID) }),
		func(ctx context.Context, in *body[sojourn.DelegationInput]) (*body[sojourn.Delegation], error) {
			d, err := h.svc.CreateDelegation(ctx, in.Body)
			return result(h, &body[sojourn.Delegation]{d}, err)
		})
	huma.Register(api, h.op("list-delegations", http.MethodGet, "/delegations", "List delegations", "delegation"),
		func(ctx context.Context, in *delegationList) (*listOut[sojourn.Delegation], error) {
			list, err := h.svc.Delegations(ctx, in.Authority)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("get-delegation", http.MethodGet, "/delegations/{id}", "Get a delegation", "delegation"),
		func(ctx context.Context, in *IDPath) (*body[sojourn.Delegation], error) {
			d, err := h.svc.Delegation(ctx, in.ID)
			return result(h, &body[sojourn.Delegation]{d}, err)
		})
	huma.Register(api, h.op("revoke-delegation", http.MethodPost, "/delegations/{id}/revocation", "Revoke a delegation from a date on", "delegation"),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.RevocationInput
		}) (*body[sojourn.Delegation], error) {
			d, err := h.svc.RevokeDelegation(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Delegation]{d}, err)
		})
	huma.Register(api, h.op("list-subordinates", http.MethodGet, "/authorities/{code}/subordinates", "List the authorities directly under an authority", "registry"),
		func(ctx context.Context, in *CodePath) (*listOut[sojourn.Authority], error) {
			list, err := h.svc.Subordinates(ctx, in.Code)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("abolish-authority", http.MethodPost, "/authorities/{code}/abolition", "Abolish an authority; its functions and pending cases pass to a successor", "delegation"),
		func(ctx context.Context, in *struct {
			CodePath
			Body sojourn.AbolitionInput
		}) (*body[service.Abolition], error) {
			a, err := h.svc.AbolishAuthority(ctx, in.Code, in.Body)
			return result(h, &body[service.Abolition]{a}, err)
		})
}

func (h *handler) registerRouting(api huma.API) {
	huma.Register(api, h.op("refer-case", http.MethodPost, "/cases/{id}/referral", "Refer a case to the delegating authority", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.ReferralInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.ReferCase(ctx, in.ID, v, in.Body) })
		})
	huma.Register(api, h.op("record-concurrence", http.MethodPost, "/cases/{id}/concurrences", "Record an outside party's concurrence", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.ConcurrenceInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.RecordConcurrence(ctx, in.ID, v, in.Body) })
		})
}

func (h *handler) registerObligations(api huma.API) {
	huma.Register(api, h.op("get-obligation", http.MethodGet, "/obligations/{id}", "Get an obligation", "delegation"),
		func(ctx context.Context, in *IDPath) (*body[sojourn.Obligation], error) {
			o, err := h.svc.Obligation(ctx, in.ID)
			return result(h, &body[sojourn.Obligation]{o}, err)
		})
	huma.Register(api, h.op("fulfil-obligation", http.MethodPost, "/obligations/{id}/fulfilment", "Fulfil an obligation by linking the report", "delegation"),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.FulfilmentInput
		}) (*body[sojourn.Obligation], error) {
			o, err := h.svc.FulfilObligation(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Obligation]{o}, err)
		})
	huma.Register(api, h.op("overdue-obligations", http.MethodGet, "/authorities/{code}/overdue", "Obligations owed to an authority that are overdue on a date", "delegation"),
		func(ctx context.Context, in *overdueQuery) (*listOut[sojourn.Obligation], error) {
			on, err := queryDate("on", in.On)
			if err != nil {
				return nil, err
			}
			list, err := h.svc.Overdue(ctx, in.Code, on)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("flag-overdue", http.MethodPost, "/obligations/overdue-flags", "Flag every obligation overdue on a date (the daily check)", "delegation"),
		func(ctx context.Context, in *body[FlagInput]) (*listOut[sojourn.Obligation], error) {
			list, err := h.svc.FlagOverdue(ctx, in.Body.On)
			return result(h, whole(list), err)
		})
}
