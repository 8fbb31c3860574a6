package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/service"
)

// PersonPath is the {id} path parameter of a person.
type PersonPath struct {
	ID int64 `path:"id" minimum:"1"`
}

// Page selects a page of a listing by id.
type Page struct {
	After int64 `query:"after" minimum:"0" doc:"list items after this id"`
	Limit int   `query:"limit" minimum:"0" maximum:"500" doc:"at most this many items"`
}

// personList finds persons.
type personList struct {
	Page
	Name     string `query:"name" maxLength:"200" doc:"persons with a family or given name (or both, either first) beginning so, letter case and accents aside: dvor finds Dvořák" example:"dvor"`
	Document string `query:"document" maxLength:"64" doc:"persons holding a document with this number" example:"C-4471203"`
	Permit   string `query:"permit" maxLength:"64" doc:"persons holding a permit with this number" example:"R-000001"`
}

// query checks the search terms: each given must hold something other
// than spaces and no control characters.
func (in *personList) query() (service.PersonQuery, error) {
	for _, p := range []struct{ name, value string }{{"name", in.Name}, {"document", in.Document}, {"permit", in.Permit}} {
		if p.value == "" {
			continue
		}
		if strings.TrimSpace(p.value) == "" {
			return service.PersonQuery{}, queryError(p.name, p.value, errors.New("must not be blank"))
		}
		if strings.IndexFunc(p.value, unicode.IsControl) >= 0 {
			return service.PersonQuery{}, queryError(p.name, p.value, errors.New("must not hold control characters"))
		}
	}
	return service.PersonQuery{Name: strings.TrimSpace(in.Name), Document: strings.TrimSpace(in.Document),
		Permit: strings.TrimSpace(in.Permit), After: in.After, Limit: in.Limit}, nil
}

type personQuery struct {
	PersonPath
	KnownAt string `query:"known_at" format:"date-time" doc:"record time: the file as the system knew it then; default now"`
}

type statusQuery struct {
	PersonPath
	On      string `query:"on" format:"date" doc:"valid date; default today"`
	KnownAt string `query:"known_at" format:"date-time" doc:"record time: what the system knew then; default now"`
}

type lapseQuery struct {
	List          string `query:"list" enum:"lapsing,no_legal_status," doc:"only this list (to page through it); default both"`
	Authority     string `query:"authority" doc:"authority code; default every authority you see"`
	On            string `query:"on" format:"date" doc:"reference date; default today"`
	Days          int    `query:"days" minimum:"0" maximum:"3660" default:"30" doc:"window in days"`
	Limit         int    `query:"limit" minimum:"0" maximum:"500" doc:"at most this many persons in each list (default 500)"`
	LapsingAfter  int64  `query:"lapsing_after" minimum:"0" doc:"lapsing_next of the previous page"`
	NoStatusAfter int64  `query:"no_legal_status_after" minimum:"0" doc:"no_legal_status_next of the previous page"`
}

func (h *handler) registerPersons(api huma.API) {
	huma.Register(api, declareDuplicate(api, created(h.op("register-person", http.MethodPost, "/persons",
		"Register a person (refused with 409 and the candidates when persons likely the same are registered, unless confirm_new)", "persons"),
		func(p sojourn.Person) string { return idPath("/persons/", p.ID) })),
		func(ctx context.Context, in *body[sojourn.PersonInput]) (*body[sojourn.Person], error) {
			p, err := h.svc.RegisterPerson(ctx, in.Body)
			return result(h, &body[sojourn.Person]{p}, err)
		})
	huma.Register(api, h.op("list-persons", http.MethodGet, "/persons",
		"List persons, or find them by a name's beginning (letter case and accents aside), a document number or a permit number", "persons"),
		func(ctx context.Context, in *personList) (*listOut[sojourn.Person], error) {
			q, err := in.query()
			if err != nil {
				return nil, err
			}
			list, total, err := h.svc.FindPersons(ctx, q)
			return result(h, page(ctx, list, h.svc.PageSize(in.Limit), total, func(p sojourn.Person) int64 { return p.ID }), err)
		})
	huma.Register(api, h.op("get-person", http.MethodGet, "/persons/{id}", "Get a person's file", "persons"),
		func(ctx context.Context, in *personQuery) (*body[service.PersonFile], error) {
			p, err := h.svc.Person(ctx, in.ID, parseTime(in.KnownAt))
			return result(h, &body[service.PersonFile]{p}, err)
		})
	huma.Register(api, created(h.op("correct-person", http.MethodPost, "/persons/{id}/corrections",
		"Correct a person's names, birth date or country, with a reason (the old version stays readable as known at)", "persons"), func(p sojourn.Person) string { return idPath("/persons/", p.ID) }),
		func(ctx context.Context, in *struct {
			PersonPath
			Body sojourn.PersonCorrection
		}) (*body[sojourn.Person], error) {
			p, err := h.svc.CorrectPerson(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Person]{p}, err)
		})
	huma.Register(api, created(h.op("correct-document", http.MethodPost, "/persons/{id}/documents/{document}/corrections",
		"Correct a document's kind, number, issuing state or validity, with a reason (also corrects its ledger fact)", "persons"), fileOfDocument),
		func(ctx context.Context, in *struct {
			PersonPath
			Document int64 `path:"document" minimum:"1"`
			Body     sojourn.DocumentCorrection
		}) (*body[sojourn.Document], error) {
			d, err := h.svc.CorrectDocument(ctx, in.ID, in.Document, in.Body)
			return result(h, &body[sojourn.Document]{d}, err)
		})
	huma.Register(api, created(h.op("add-document", http.MethodPost, "/persons/{id}/documents", "Record a person's document", "persons"), fileOfDocument),
		func(ctx context.Context, in *struct {
			PersonPath
			Body sojourn.DocumentInput
		}) (*body[sojourn.Document], error) {
			d, err := h.svc.AddDocument(ctx, in.ID, in.Body)
			return result(h, &body[sojourn.Document]{d}, err)
		})
	huma.Register(api, h.op("person-status", http.MethodGet, "/persons/{id}/status", "A person's legal status on a date, as known at a time", "status"),
		func(ctx context.Context, in *statusQuery) (*body[sojourn.Status], error) {
			on, err := queryDate("on", in.On)
			if err != nil {
				return nil, err
			}
			st, err := h.svc.StatusOn(ctx, in.ID, on, parseTime(in.KnownAt))
			return result(h, &body[sojourn.Status]{st}, err)
		})
	huma.Register(api, h.op("person-facts", http.MethodGet, "/persons/{id}/facts", "Every record of a person's status facts", "status"),
		func(ctx context.Context, in *PersonPath) (*listOut[sojourn.StatusFact], error) {
			facts, err := h.svc.Facts(ctx, in.ID)
			return result(h, whole(facts), err)
		})
	huma.Register(api, created(h.op("correct-fact", http.MethodPost, "/persons/{id}/facts/{fact}/corrections", "Correct a status fact (supersedes it)", "status"), factsOf),
		func(ctx context.Context, in *struct {
			PersonPath
			Fact int64 `path:"fact" minimum:"1"`
			Body sojourn.CorrectionInput
		}) (*body[sojourn.StatusFact], error) {
			f, err := h.svc.CorrectFact(ctx, in.ID, in.Fact, in.Body)
			return result(h, &body[sojourn.StatusFact]{f}, err)
		})
	huma.Register(api, expensive(h.op("lapses", http.MethodGet, "/lapses", "Who is about to lose, or has lost, legal status", "status")),
		func(ctx context.Context, in *lapseQuery) (*body[service.Lapses], error) {
			q, err := in.query()
			if err != nil {
				return nil, err
			}
			l, err := h.svc.LapseList(ctx, q)
			return result(h, &body[service.Lapses]{l}, err)
		})
}

// queryDate parses an optional date query parameter: "" is the zero date,
// which the service reads as today; anything else must be a date Sojourn
// accepts, or the call is refused naming the parameter.
func queryDate(name, s string) (sojourn.Date, error) {
	if s == "" {
		return sojourn.Date{}, nil
	}
	d, err := sojourn.ParseDate(s)
	if err != nil {
		return d, queryError(name, s, err)
	}
	return d, nil
}

// queryError is the 422 answer to a query parameter that does not parse.
func queryError(name, value string, err error) error {
	return huma.NewError(http.StatusUnprocessableEntity, "validation failed",
		&huma.ErrorDetail{Location: "query." + name, Message: err.Error(), Value: value})
}

// parseTime parses a query time already validated by huma; "" is zero.
func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// query turns the lapse list's query parameters into a service query,
// refusing a date that does not parse.
func (in *lapseQuery) query() (service.LapseQuery, error) {
	on, err := queryDate("on", in.On)
	return service.LapseQuery{List: in.List, Authority: in.Authority, On: on, Days: in.Days, Limit: in.Limit,
		LapsingAfter: in.LapsingAfter, NoStatusAfter: in.NoStatusAfter}, err
}
