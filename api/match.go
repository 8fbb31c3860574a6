package api

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"unicode"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/match"
	"sojourn/service"
)

// searchQuery is a person search: free text in any script, with an
// optional (partial) birth date and country.
type searchQuery struct {
	Q       string `query:"q" required:"true" minLength:"1" maxLength:"200" doc:"a name in any script (Latin, Cyrillic, Hangul), family name first or last" example:"Pak Yong Il"`
	Born    string `query:"born" maxLength:"10" doc:"birth date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD"`
	Country string `query:"country" maxLength:"2" doc:"country of origin (ISO 3166 code, historical codes allowed)"`
	Limit   int    `query:"limit" minimum:"0" maximum:"500" doc:"at most this many persons (default 500)"`
}

// matchesQuery pages a person's likely matches.
type matchesQuery struct {
	PersonPath
	Limit int `query:"limit" minimum:"0" maximum:"500" doc:"at most this many persons (default 500)"`
}

// duplicateProblem is the 409 answer to registering a person likely
// registered already: the problem and the likely matches.
type duplicateProblem struct {
	*huma.ErrorModel
	Candidates []service.PersonMatch `json:"candidates" doc:"the registered persons likely the same, best first; register with confirm_new to go on"`
}

// duplicate answers a DuplicateError with its candidates; ok is false for
// other errors.
func duplicate(err error) (error, bool) {
	var dup *service.DuplicateError
	if !errors.As(err, &dup) {
		return nil, false
	}
	p := huma.NewError(http.StatusConflict, dup.Error()).(*huma.ErrorModel)
	return &duplicateProblem{ErrorModel: p, Candidates: dup.Candidates}, true
}

// declareDuplicate declares register-person's 409 answer.
func declareDuplicate(api huma.API, op huma.Operation) huma.Operation {
	schema := api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[duplicateProblem](), true, "DuplicateProblem")
	if op.Responses == nil {
		op.Responses = map[string]*huma.Response{}
	}
	op.Responses["409"] = &huma.Response{Description: "likely registered already: the candidates",
		Content: map[string]*huma.MediaType{"application/problem+json": {Schema: schema}}}
	return op
}

// search turns the query into a service search, refusing bad parameters
// by name.
func (in *searchQuery) search() (service.PersonSearch, error) {
	var p sojourn.Problems
	p.PlainText("q", in.Q)
	if !hasLetter(in.Q) {
		p.Add("q", "names no letter")
	}
	if err := p.Err("search"); err != nil {
		return service.PersonSearch{}, queryError("q", in.Q, err)
	}
	born, err := match.ParseDate(in.Born)
	if err != nil {
		return service.PersonSearch{}, queryError("born", in.Born, err)
	}
	if in.Country != "" && !sojourn.IsCountry(in.Country) {
		return service.PersonSearch{}, queryError("country", in.Country, errors.New("not an ISO 3166 country code"))
	}
	return service.PersonSearch{Text: in.Q, Born: born, Country: in.Country, Limit: in.Limit}, nil
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func (h *handler) registerMatching(api huma.API) {
	huma.Register(api, h.op("search-persons", http.MethodGet, "/persons/search",
		"Find persons by name in any script (and birth date, country), best first, with the reasons", "persons"),
		func(ctx context.Context, in *searchQuery) (*body[items[service.PersonMatch]], error) {
			q, err := in.search()
			if err != nil {
				return nil, err
			}
			list, err := h.svc.SearchPersons(ctx, q)
			return result(h, &body[items[service.PersonMatch]]{items[service.PersonMatch]{list}}, err)
		})
	huma.Register(api, h.op("person-matches", http.MethodGet, "/persons/{id}/matches",
		"Persons likely the same as this one (at or above the matching threshold), best first", "persons"),
		func(ctx context.Context, in *matchesQuery) (*body[items[service.PersonMatch]], error) {
			list, err := h.svc.PersonMatches(ctx, in.ID, in.Limit)
			return result(h, &body[items[service.PersonMatch]]{items[service.PersonMatch]{list}}, err)
		})
	huma.Register(api, created(h.op("upload-match-config", http.MethodPost, "/match/config",
		"Upload the matching configuration: thresholds, blocking keys, weights (administrators); it is in use from then on", "persons"),
		func(sojourn.MatchConfig) string { return "/match/config" }),
		func(ctx context.Context, in *body[sojourn.MatchConfigUpload]) (*body[sojourn.MatchConfig], error) {
			c, err := h.svc.UploadMatchConfig(ctx, in.Body)
			return result(h, &body[sojourn.MatchConfig]{c}, err)
		})
	huma.Register(api, h.op("get-match-config", http.MethodGet, "/match/config",
		"The matching configuration in use (revision 0: the shipped default)", "persons"),
		func(ctx context.Context, _ *struct{}) (*body[sojourn.MatchConfig], error) {
			c, err := h.svc.MatchConfig(ctx)
			return result(h, &body[sojourn.MatchConfig]{c}, err)
		})
}

// items wraps a list as {"items": [...]}.
type items[T any] struct {
	Items []T `json:"items"`
}

// scanQuery names a duplicate scan and one page of its pairs.
type scanQuery struct {
	ID    int64 `path:"id" minimum:"1"`
	After int64 `query:"after" minimum:"0" doc:"list pairs after this pair's id"`
	Limit int   `query:"limit" minimum:"0" maximum:"500" doc:"at most this many pairs"`
}

func (h *handler) registerDuplicateScans(api huma.API) {
	huma.Register(api, accepted(h.op("start-duplicate-scan", http.MethodPost, "/duplicate-scans",
		"Scan the register (of your authority) for persons likely registered twice, in the background", "persons"),
		func(d service.DuplicateScan) string { return idPath("/duplicate-scans/", d.ID) }),
		func(ctx context.Context, _ *struct{}) (*body[service.DuplicateScan], error) {
			scan, err := h.svc.StartDuplicateScan(ctx)
			return result(h, &body[service.DuplicateScan]{scan}, err)
		})
	huma.Register(api, h.op("get-duplicate-scan", http.MethodGet, "/duplicate-scans/{id}",
		"Get a duplicate scan: its progress and a page of the pairs of persons it found, for review", "persons"),
		func(ctx context.Context, in *scanQuery) (*body[service.DuplicateScan], error) {
			scan, err := h.svc.DuplicateScanOf(ctx, in.ID, in.After, in.Limit)
			return result(h, &body[service.DuplicateScan]{scan}, err)
		})
}
