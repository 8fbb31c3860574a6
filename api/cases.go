package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/service"
)

type caseOut struct {
	ETag string `header:"ETag" doc:"the case's version; send it back in If-Match"`
	Body sojourn.Case
}

// CasePath is the {id} path parameter of a case.
type CasePath struct {
	ID int64 `path:"id" minimum:"1"`
}

// CaseChange is a change to a case, guarded by an optional If-Match.
type CaseChange struct {
	CasePath
	IfMatch string `header:"If-Match" doc:"the ETag the change was based on; a stale one gets 412"`
}

type caseList struct {
	Page
	PersonID  int64  `query:"person_id" minimum:"0" doc:"only this person's cases"`
	Type      string `query:"type" maxLength:"64" doc:"only cases of this type, e.g. residence_permit" example:"residence_permit"`
	State     string `query:"state" enum:"filed,in_review,decided,closed,suspended,"`
	Authority string `query:"authority" maxLength:"16" doc:"only cases pending at or decided by this authority (code)" example:"VRD"`
	Sponsor   string `query:"sponsor" maxLength:"16" doc:"only cases petitioned by this sponsor (code)" example:"IAS"`
	FiledFrom string `query:"filed_from" format:"date" doc:"only cases filed on or after this date"`
	FiledTo   string `query:"filed_to" format:"date" doc:"only cases filed on or before this date"`
	MinAge    int    `query:"min_age" minimum:"0" maximum:"36600" doc:"only cases filed at least this many days ago"`
	MaxAge    int    `query:"max_age" minimum:"0" maximum:"36600" doc:"only cases filed at most this many days ago"`
	Sort      string `query:"sort" enum:"id,-id,filed_on,-filed_on,updated_at,-updated_at," doc:"order (- for descending), ties broken by id; default id (filing order); -filed_on is youngest first. A page goes on after the case named by after in this order"`
}

// query checks the filters and turns them into a service query: a type
// Sojourn knows, dates that parse, ranges that are not upside down.
func (in *caseList) query() (service.CaseQuery, error) {
	q := service.CaseQuery{PersonID: in.PersonID, Type: in.Type, State: sojourn.CaseState(in.State), Authority: in.Authority,
		Sponsor: in.Sponsor, MinAgeDays: in.MinAge, MaxAgeDays: in.MaxAge, Sort: in.Sort, After: in.After, Limit: in.Limit}
	if in.Type != "" && !slices.Contains(sojourn.CaseTypes, in.Type) {
		return q, queryError("type", in.Type, fmt.Errorf("not a case type; one of %s", strings.Join(sojourn.CaseTypes, ", ")))
	}
	var err error
	if q.FiledFrom, err = queryDate("filed_from", in.FiledFrom); err != nil {
		return q, err
	}
	if q.FiledTo, err = queryDate("filed_to", in.FiledTo); err != nil {
		return q, err
	}
	if !q.FiledFrom.IsZero() && !q.FiledTo.IsZero() && q.FiledTo.Before(q.FiledFrom) {
		return q, queryError("filed_to", in.FiledTo, errors.New("is before filed_from"))
	}
	if in.MaxAge > 0 && in.MinAge > in.MaxAge {
		return q, queryError("max_age", strconv.Itoa(in.MaxAge), errors.New("is below min_age"))
	}
	return q, nil
}

// etag formats a case version as a strong ETag.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// version parses an If-Match header: 0 when absent or "*".
func version(ifMatch string) (int64, error) {
	s := strings.TrimSpace(ifMatch)
	if s == "" || s == "*" {
		return 0, nil
	}
	v, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(s, "W/"), `"`), 10, 64)
	if err != nil || v <= 0 {
		return 0, huma.NewError(http.StatusPreconditionFailed, "If-Match must be an ETag of this case, e.g. \"3\"")
	}
	return v, nil
}

// caseResult wraps a case with its ETag, or maps the error.
func (h *handler) caseResult(c sojourn.Case, err error) (*caseOut, error) {
	if err != nil {
		return nil, h.problem(err)
	}
	return &caseOut{ETag: etag(c.Version), Body: c}, nil
}

// guarded parses If-Match then runs a change with the expected version.
func (h *handler) guarded(ifMatch string, run func(version int64) (sojourn.Case, error)) (*caseOut, error) {
	v, err := version(ifMatch)
	if err != nil {
		return nil, err
	}
	return h.caseResult(run(v))
}

func (h *handler) registerCases(api huma.API) {
	huma.Register(api, created(h.op("file-case", http.MethodPost, "/cases", "File a case", "cases"), func(c sojourn.Case) string { return idPath("/cases/", c.ID) }),
		func(ctx context.Context, in *body[sojourn.CaseInput]) (*caseOut, error) {
			return h.caseResult(h.svc.FileCase(ctx, in.Body))
		})
	huma.Register(api, h.op("list-cases", http.MethodGet, "/cases", "List cases: filter by person, type, state, authority, sponsor, filing date and age; sort", "cases"),
		func(ctx context.Context, in *caseList) (*listOut[sojourn.Case], error) {
			q, err := in.query()
			if err != nil {
				return nil, err
			}
			list, err := h.svc.Cases(ctx, q)
			if err != nil {
				return nil, h.problem(err)
			}
			total, err := h.svc.CaseCount(ctx, q)
			return result(h, page(ctx, list, h.svc.PageSize(in.Limit), total, func(c sojourn.Case) int64 { return c.ID }), err)
		})
	huma.Register(api, h.op("get-case", http.MethodGet, "/cases/{id}", "Get a case with its evidence and decisions", "cases"),
		func(ctx context.Context, in *CasePath) (*caseOut, error) {
			return h.caseResult(h.svc.Case(ctx, in.ID))
		})
	huma.Register(api, h.op("review-case", http.MethodPost, "/cases/{id}/review", "Take a case into review", "cases"),
		func(ctx context.Context, in *CaseChange) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.ReviewCase(ctx, in.ID, v) })
		})
	huma.Register(api, h.op("add-evidence", http.MethodPost, "/cases/{id}/evidence", "Add evidence with its source", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.EvidenceInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.AddEvidence(ctx, in.ID, v, in.Body) })
		})
	huma.Register(api, h.op("decide-case", http.MethodPost, "/cases/{id}/decision", "Decide a case with grounds", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.DecisionInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.DecideCase(ctx, in.ID, v, in.Body) })
		})
	huma.Register(api, h.op("appeal-case", http.MethodPost, "/cases/{id}/appeal", "Appeal a decided case", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.AppealInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.AppealCase(ctx, in.ID, v, in.Body) })
		})
	huma.Register(api, h.op("close-case", http.MethodPost, "/cases/{id}/close", "Close a case", "cases"),
		func(ctx context.Context, in *struct {
			CaseChange
			Body sojourn.CloseInput
		}) (*caseOut, error) {
			return h.guarded(in.IfMatch, func(v int64) (sojourn.Case, error) { return h.svc.CloseCase(ctx, in.ID, v, in.Body) })
		})
}
