package api

import (
	"context"
	"net/url"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
)

// listOut is a list answer: the items as a JSON array (never null), a Link
// to the next page while the page is full, and the total where it is known.
type listOut[T any] struct {
	Link  string `header:"Link" doc:"the next page, as <URL>; rel=\"next\", while this page is full"`
	Total *int64 `header:"X-Total-Count" doc:"how many items the list holds on all its pages (of those you may see)"`
	Body  []T
}

// requestURLKey holds the request's URL in a call's context, for the next
// page's link.
type requestURLKey struct{}

// rememberURL keeps the request URL in the context of every operation.
func rememberURL(ctx huma.Context, next func(huma.Context)) {
	next(huma.WithValue(ctx, requestURLKey{}, ctx.URL()))
}

// whole answers a list that comes in one piece.
func whole[T any](list []T) *listOut[T] {
	if list == nil {
		list = []T{}
	}
	n := int64(len(list))
	return &listOut[T]{Total: &n, Body: list}
}

// page answers one page of a list paged by after=ID and limit: when the
// page holds limit items (the service's page size when limit is 0), Link
// is the request's URL with after set to the last item's id. total < 0
// means the total is not known.
func page[T any](ctx context.Context, list []T, limit int, total int64, idOf func(T) int64) *listOut[T] {
	out := &listOut[T]{Body: list}
	if out.Body == nil {
		out.Body = []T{}
	}
	if total >= 0 {
		out.Total = &total
	}
	if u, ok := ctx.Value(requestURLKey{}).(url.URL); ok && len(list) > 0 && len(list) >= limit {
		q := u.Query()
		q.Set("after", strconv.FormatInt(idOf(list[len(list)-1]), 10))
		out.Link = "<" + u.Path + "?" + q.Encode() + `>; rel="next"`
	}
	return out
}
