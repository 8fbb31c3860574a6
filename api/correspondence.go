package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

// also returns op declaring further error statuses it may answer.
func also(op huma.Operation, statuses ...int) huma.Operation {
	op.Errors = append(append([]int{}, op.Errors...), statuses...)
	return op
}

// itemSearch is the query of a registry search.
type itemSearch struct {
	Text           string `query:"q" maxLength:"200" doc:"words that must all occur in the subject or body (Latin or Cyrillic; case and diacritics ignored on SQLite)"`
	SeriesID       int64  `query:"series_id" minimum:"0"`
	Number         string `query:"number" maxLength:"64" doc:"the register number, e.g. 168/ld"`
	From           string `query:"from" format:"date" doc:"items dated on or after"`
	To             string `query:"to" format:"date" doc:"items dated on or before"`
	Sender         string `query:"sender" maxLength:"300" doc:"an authority's code, or part of an outside sender's name"`
	Addressee      string `query:"addressee" maxLength:"300" doc:"an authority's code, or part of an outside addressee's name"`
	Classification string `query:"classification" enum:"unclassified,restricted,secret,top_secret,"`
	Limit          int    `query:"limit" minimum:"0" maximum:"500"`
}

type dueQuery struct {
	On    string `query:"on" format:"date" doc:"reference date; default today"`
	Limit int    `query:"limit" minimum:"0" maximum:"500"`
}

type attachmentPath struct {
	ID           int64 `path:"id" minimum:"1"`
	AttachmentID int64 `path:"attachment" minimum:"1"`
}

func (h *handler) registerCorrespondence(api huma.API) {
	const tag = "correspondence"
	huma.Register(api, also(created(h.op("create-series", http.MethodPost, "/correspondence/series", "Open a register series", tag),
		func(sojourn.Series) string { return "/correspondence/series" }), http.StatusConflict),
		func(ctx context.Context, in *body[sojourn.SeriesInput]) (*body[sojourn.Series], error) {
			out, err := h.svc.CreateSeries(ctx, in.Body)
			return result(h, &body[sojourn.Series]{out}, err)
		})
	huma.Register(api, h.op("list-series", http.MethodGet, "/correspondence/series", "List the register series of your authority", tag),
		func(ctx context.Context, _ *struct{}) (*body[[]sojourn.Series], error) {
			out, err := h.svc.ListSeries(ctx)
			return result(h, &body[[]sojourn.Series]{out}, err)
		})
	huma.Register(api, also(created(h.op("register-item", http.MethodPost, "/correspondence", "Register a letter, memorandum, telegram, note or resolution", tag),
		func(it sojourn.Item) string { return idPath("/correspondence/", it.ID) }), http.StatusConflict),
		func(ctx context.Context, in *body[sojourn.ItemInput]) (*body[sojourn.Item], error) {
			out, err := h.svc.RegisterItem(ctx, in.Body)
			return result(h, &body[sojourn.Item]{out}, err)
		})
	huma.Register(api, h.op("search-items", http.MethodGet, "/correspondence", "Search the registry (full text and filters), newest first", tag),
		func(ctx context.Context, in *itemSearch) (*body[[]sojourn.ItemSummary], error) {
			q := sojourn.ItemQuery{Text: in.Text, SeriesID: in.SeriesID, Number: in.Number, Sender: in.Sender, Addressee: in.Addressee,
				Classification: sojourn.Level(in.Classification), Limit: in.Limit}
			var err error
			if q.From, err = queryDate("from", in.From); err != nil {
				return nil, err
			}
			if q.To, err = queryDate("to", in.To); err != nil {
				return nil, err
			}
			out, err := h.svc.SearchItems(ctx, q)
			return result(h, &body[[]sojourn.ItemSummary]{out}, err)
		})
	huma.Register(api, h.op("due-for-destruction", http.MethodGet, "/correspondence/due-for-destruction", "Items whose retention ended, not destroyed nor held", tag),
		func(ctx context.Context, in *dueQuery) (*body[[]sojourn.ItemSummary], error) {
			on, err := queryDate("on", in.On)
			if err != nil {
				return nil, err
			}
			out, err := h.svc.DueForDestruction(ctx, on, in.Limit)
			return result(h, &body[[]sojourn.ItemSummary]{out}, err)
		})
	huma.Register(api, h.op("get-item", http.MethodGet, "/correspondence/{id}", "Get a registered item with its routing, resolutions and links", tag),
		func(ctx context.Context, in *IDPath) (*body[sojourn.Item], error) {
			out, err := h.svc.Item(ctx, in.ID)
			return result(h, &body[sojourn.Item]{out}, err)
		})
	huma.Register(api, h.op("item-thread", http.MethodGet, "/correspondence/{id}/thread", "The items an item answers and the items answering it", tag),
		func(ctx context.Context, in *IDPath) (*body[sojourn.Thread], error) {
			out, err := h.svc.Thread(ctx, in.ID)
			return result(h, &body[sojourn.Thread]{out}, err)
		})
	huma.Register(api, also(h.op("get-attachment", http.MethodGet, "/correspondence/{id}/attachments/{attachment}", "An attachment with its content, checked against its SHA-256", tag), http.StatusPreconditionFailed),
		func(ctx context.Context, in *attachmentPath) (*body[sojourn.Attachment], error) {
			out, err := h.svc.Attachment(ctx, in.ID, in.AttachmentID)
			return result(h, &body[sojourn.Attachment]{out}, err)
		})
	huma.Register(api, createdIn(h.op("route-item", http.MethodPost, "/correspondence/{id}/routes", "Route an item to a unit", tag)),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.RouteInput
		}) (*body[sojourn.Route], error) {
			out, err := h.svc.RouteItem(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Route]{out}, err)
		})
	huma.Register(api, createdIn(h.op("resolve-item", http.MethodPost, "/correspondence/{id}/resolutions", "Record a resolution, optionally setting a unit a task", tag)),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.ResolutionInput
		}) (*body[sojourn.Resolution], error) {
			out, err := h.svc.ResolveItem(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Resolution]{out}, err)
		})
	huma.Register(api, also(h.op("link-item", http.MethodPost, "/correspondence/{id}/links", "Link an item to a case or a person", tag), http.StatusConflict),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.LinkInput
		}) (*body[sojourn.Item], error) {
			out, err := h.svc.LinkItem(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Item]{out}, err)
		})
	huma.Register(api, also(h.op("hold-item", http.MethodPost, "/correspondence/{id}/legal-hold", "Set or lift an item's legal hold", tag), http.StatusConflict),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.HoldInput
		}) (*body[sojourn.Item], error) {
			out, err := h.svc.HoldItem(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Item]{out}, err)
		})
	huma.Register(api, also(createdIn(h.op("destroy-item", http.MethodPost, "/correspondence/{id}/destruction", "Destroy an item's content under a retention rule", tag)), http.StatusConflict),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.DestructionInput
		}) (*body[sojourn.Destruction], error) {
			out, err := h.svc.DestroyItem(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Destruction]{out}, err)
		})
	huma.Register(api, also(h.op("complete-task", http.MethodPost, "/correspondence-tasks/{id}/completion", "Record that a resolution's task was done", tag), http.StatusConflict),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.TaskDoneInput
		}) (*body[sojourn.Task], error) {
			out, err := h.svc.CompleteTask(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Task]{out}, err)
		})
	huma.Register(api, h.op("overdue-tasks", http.MethodGet, "/authorities/{code}/overdue-tasks", "Correspondence tasks set a unit that are overdue on a date", tag),
		func(ctx context.Context, in *overdueQuery) (*body[[]sojourn.Task], error) {
			on, err := queryDate("on", in.On)
			if err != nil {
				return nil, err
			}
			out, err := h.svc.OverdueTasks(ctx, in.Code, on)
			return result(h, &body[[]sojourn.Task]{out}, err)
		})
	huma.Register(api, h.op("case-correspondence", http.MethodGet, "/cases/{id}/correspondence", "The correspondence linked to a case", tag),
		func(ctx context.Context, in *IDPath) (*body[[]sojourn.ItemSummary], error) {
			out, err := h.svc.CaseCorrespondence(ctx, in.ID)
			return result(h, &body[[]sojourn.ItemSummary]{out}, err)
		})
	huma.Register(api, also(created(h.op("register-outgoing", http.MethodPost, "/cases/{id}/outgoing",
		"Register the outgoing item a decision, referral or owed report of the case produces", tag),
		func(it sojourn.Item) string { return idPath("/correspondence/", it.ID) }), http.StatusConflict),
		func(ctx context.Context, in *struct {
			IDPath
			Body sojourn.OutgoingInput
		}) (*body[sojourn.Item], error) {
			out, err := h.svc.RegisterOutgoing(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Item]{out}, err)
		})
	huma.Register(api, h.op("person-correspondence", http.MethodGet, "/persons/{id}/correspondence", "The correspondence linked to a person", tag),
		func(ctx context.Context, in *IDPath) (*body[[]sojourn.ItemSummary], error) {
			out, err := h.svc.PersonCorrespondence(ctx, in.ID)
			return result(h, &body[[]sojourn.ItemSummary]{out}, err)
		})
}
