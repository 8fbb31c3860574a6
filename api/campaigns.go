package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

type idPage struct {
	IDPath
	Page
}

// registerCampaigns adds registration with a city's office, citizenships,
// review campaigns, decrees and elections.
func (h *handler) registerCampaigns(api huma.API) {
	huma.Register(api, created(h.op("register-resident", http.MethodPost, "/persons/{id}/registrations",
		"Register a person with the office of their city (a registration valid then ends the day before)", "persons"), func(r sojourn.Registration) string { return idPath("/persons/", r.PersonID) }),
		func(ctx context.Context, in *struct {
			PersonPath
			Body sojourn.RegistrationInput
		}) (*body[sojourn.Registration], error) {
			r, err := h.svc.Register(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Registration]{r}, err)
		})
	huma.Register(api, created(h.op("record-citizenship", http.MethodPost, "/persons/{id}/citizenships",
		"Record a citizenship a person holds", "persons"), factsOf),
		func(ctx context.Context, in *struct {
			PersonPath
			Body sojourn.CitizenshipInput
		}) (*body[sojourn.StatusFact], error) {
			f, err := h.svc.RecordCitizenship(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.StatusFact]{f}, err)
		})
	huma.Register(api, expensive(accepted(h.op("start-campaign", http.MethodPost, "/campaigns",
		"Start a review campaign: one review case per person the rule selects, run in the background", "campaigns"), func(c sojourn.Campaign) string { return idPath("/campaigns/", c.ID) })),
		func(ctx context.Context, in *body[sojourn.CampaignInput]) (*body[sojourn.Campaign], error) {
			c, err := h.svc.StartCampaign(ctx, in.Body)
			return result(h, &body[sojourn.Campaign]{c}, err)
		})
	huma.Register(api, h.op("get-campaign", http.MethodGet, "/campaigns/{id}",
		"A campaign's progress: the run's, and per city the reviews open and decided by outcome", "campaigns"),
		func(ctx context.Context, in *IDPath) (*body[sojourn.Campaign], error) {
			c, err := h.svc.Campaign(ctx, in.ID)
			return result(h, &body[sojourn.Campaign]{c}, err)
		})
	huma.Register(api, h.op("list-campaign-reviews", http.MethodGet, "/campaigns/{id}/reviews",
		"A campaign's reviews (person, city, review case), by person", "campaigns"),
		func(ctx context.Context, in *idPage) (*listOut[sojourn.Review], error) {
			list, err := h.svc.CampaignReviews(ctx, in.ID, in.After, in.Limit)
			return result(h, page(ctx, list, h.svc.PageSize(in.Limit), -1, func(r sojourn.Review) int64 { return r.PersonID }), err)
		})
	huma.Register(api, expensive(accepted(h.op("issue-decree", http.MethodPost, "/decrees",
		"Issue a citizenship decree: an election opens for each person of its class, in the background", "decrees"), func(d sojourn.Decree) string { return idPath("/decrees/", d.ID) })),
		func(ctx context.Context, in *body[sojourn.DecreeInput]) (*body[sojourn.Decree], error) {
			d, err := h.svc.IssueDecree(ctx, in.Body)
			return result(h, &body[sojourn.Decree]{d}, err)
		})
	huma.Register(api, h.op("get-decree", http.MethodGet, "/decrees/{id}", "A decree and its elections' progress", "decrees"),
		func(ctx context.Context, in *IDPath) (*body[sojourn.Decree], error) {
			d, err := h.svc.Decree(ctx, in.ID)
			return result(h, &body[sojourn.Decree]{d}, err)
		})
	huma.Register(api, h.op("list-elections", http.MethodGet, "/decrees/{id}/elections", "A decree's elections, by person", "decrees"),
		func(ctx context.Context, in *idPage) (*listOut[sojourn.Election], error) {
			list, err := h.svc.DecreeElections(ctx, in.ID, in.After, in.Limit)
			return result(h, page(ctx, list, h.svc.PageSize(in.Limit), -1, func(e sojourn.Election) int64 { return e.PersonID }), err)
		})
	huma.Register(api, h.op("record-election", http.MethodPost, "/elections/{id}",
		"Record a person's election (convert, dual, keep); writes their citizenship facts", "decrees"),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.ElectionInput
		}) (*body[sojourn.Election], error) {
			e, err := h.svc.RecordElection(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Election]{e}, err)
		})
}
