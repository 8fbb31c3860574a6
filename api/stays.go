package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/service"
)

// ProtectionPath names one protection (a status fact) of a person.
type ProtectionPath struct {
	PersonPath
	Fact int64 `path:"fact" minimum:"1"`
}

type overstayQuery struct {
	CodePath
	Page
}

// registerStays registers the routes of admission, stays, protections and
// departures (docs/case-types.md).
func (h *handler) registerStays(api huma.API) {
	huma.Register(api, h.op("approve-case", http.MethodPost, "/cases/{id}/approval", "The top authority approves one case (admission by an exceptional route)", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.ApprovalInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.ApproveCase(ctx, in.ID, v, in.Body) })
		})
	huma.Register(api, h.op("enforce-departure", http.MethodPost, "/cases/{id}/enforcement", "Record that an ordered departure was carried out", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.EnforcementInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.EnforceDeparture(ctx, in.ID, v, in.Body) })
		})
	huma.Register(api, created(h.op("record-protection", http.MethodPost, "/persons/{id}/protections", "Record a protection against return (suspends open departures)", "persons"), factsOf),
		func(ctx context.Context, in *struct {
			PersonPath
			Body sojourn.ProtectionInput
		}) (*body[sojourn.StatusFact], error) {
			f, err := h.svc.RecordProtection(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.StatusFact]{f}, err)
		})
	huma.Register(api, h.op("lift-protection", http.MethodPost, "/persons/{id}/protections/{fact}/lifting", "Lift a protection by a reasoned decision", "persons"),
		func(ctx context.Context, in *struct {
			ProtectionPath
			Body sojourn.LiftingInput
		}) (*body[sojourn.StatusFact], error) {
			f, err := h.svc.LiftProtection(ctx, in.ID, in.Fact, in.Body)
			return result(h, &body[sojourn.StatusFact]{f}, err)
		})
	huma.Register(api, h.op("list-departure-dues", http.MethodGet, "/persons/{id}/departure-dues", "The departures a person's stays make due", "persons"),
		func(ctx context.Context, in *PersonPath) (*listOut[sojourn.DepartureDue], error) {
			list, err := h.svc.DepartureDues(ctx, in.ID)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("record-departure", http.MethodPost, "/departure-dues/{id}/departure", "Record that the person left", "persons"),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.DepartureInput
		}) (*body[sojourn.DepartureDue], error) {
			d, err := h.svc.RecordDeparture(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.DepartureDue]{d}, err)
		})
	huma.Register(api, h.op("list-overstays", http.MethodGet, "/authorities/{code}/overstays", "An authority's flagged overstays still open, by id", "persons"),
		func(ctx context.Context, in *overstayQuery) (*listOut[sojourn.DepartureDue], error) {
			list, err := h.svc.Overstays(ctx, service.OverstayQuery{Authority: in.Code, After: in.After, Limit: in.Limit})
			return result(h, page(ctx, list, h.svc.PageSize(in.Limit), -1, func(d sojourn.DepartureDue) int64 { return d.ID }), err)
		})
	huma.Register(api, h.op("flag-overstays", http.MethodPost, "/overstays/flags", "Flag every stay ended before a date and not left (the daily check)", "persons"),
		func(ctx context.Context, in *body[FlagInput]) (*listOut[sojourn.DepartureDue], error) {
			list, err := h.svc.FlagOverstays(ctx, in.Body.On)
			return result(h, whole(list), err)
		})
}
