package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/reqid"
)

// Limits on what an error answer echoes, so that a large bad request
// cannot make a larger answer: at most maxProblems field problems (with
// the total in error_count) and maxEcho bytes of any echoed text.
const (
	maxProblems = 20
	maxEcho     = 200
)

// internalProblem is the answer to an internal error: a bare message for
// the client, the cause for the log.
type internalProblem struct {
	*huma.ErrorModel
	cause error
}

// Unwrap returns the cause.
func (p *internalProblem) Unwrap() error { return p.cause }

// cappedProblem is a problem document whose list of field problems was cut
// to maxProblems; ErrorCount says how many there were.
type cappedProblem struct {
	*huma.ErrorModel
	ErrorCount int `json:"error_count"`
}

// shapeErrors is the last step of every answer: it logs an internal error's
// cause with the request id (clients never see it) and bounds a problem
// document's size.
func (h *handler) shapeErrors(ctx huma.Context, _ string, v any) (any, error) {
	switch p := v.(type) {
	case *internalProblem:
		h.logInternal(ctx, "internal error", p.cause)
		p.Instance = instance(ctx.Context())
		return p.ErrorModel, nil
	case *huma.ErrorModel:
		p.Instance = instance(ctx.Context())
		return capProblem(p), nil
	}
	return v, nil
}

// logInternal logs an internal error's cause with the request's id.
func (h *handler) logInternal(ctx huma.Context, msg string, err error) {
	h.cfg.Logger.ErrorContext(ctx.Context(), msg,
		slog.String("method", ctx.Method()), slog.String("path", ctx.URL().Path), slog.Any("err", causeOf(err)))
}

// causeOf returns what lies under err's internal errors, whose own text
// is only "internal error".
func causeOf(err error) error {
	for {
		var e *sojourn.Error
		if !errors.As(err, &e) || e.Code != sojourn.CodeInternal || e.Unwrap() == nil {
			return err
		}
		err = e.Unwrap()
	}
}

// writeProblem answers err from a middleware or a stream, where no handler
// returns it to huma.
func (h *handler) writeProblem(api huma.API, ctx huma.Context, err error) {
	se := h.problem(err).(huma.StatusError)
	if p, ok := se.(*internalProblem); ok {
		h.logInternal(ctx, "internal error", p.cause)
	}
	huma.WriteErr(api, ctx, se.GetStatus(), se.Error())
}

// capProblem bounds the number of field problems and the length of every
// text in them.
func capProblem(p *huma.ErrorModel) any {
	p.Detail = clip(p.Detail)
	n := len(p.Errors)
	if n > maxProblems {
		p.Errors = p.Errors[:maxProblems]
	}
	for _, d := range p.Errors {
		d.Message, d.Location = clip(d.Message), clip(d.Location)
		switch v := d.Value.(type) {
		case nil, bool, float64, int, int64:
		case string:
			d.Value = clip(v)
		default:
			d.Value = nil // a structure is not echoed
		}
	}
	if n > maxProblems {
		return &cappedProblem{ErrorModel: p, ErrorCount: n}
	}
	return p
}

// clip cuts s to at most maxEcho bytes at a character boundary, marking
// the cut.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	i := maxEcho
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// requestID returns the id of the request a context belongs to.
func requestID(ctx context.Context) string { return reqid.From(ctx) }

// withRequestID gives every request an id, in its context (for the log)
// and in the X-Request-Id answer header (for the caller to quote): the
// one a trusted proxy sent, when it is a plain token, else a new one.
func withRequestID(r *http.Request, w http.ResponseWriter) *http.Request {
	id := r.Header.Get("X-Request-Id")
	if !viaTrustedProxy(r.Context()) || !reqid.Valid(id) {
		id = reqid.New()
	}
	w.Header().Set("X-Request-Id", id)
	return r.WithContext(reqid.With(r.Context(), id))
}

// instance names a request in its problem documents, e.g.
// "urn:sojourn:request:3f2a9c…", for the caller to quote.
func instance(ctx context.Context) string {
	if id := requestID(ctx); id != "" {
		return "urn:sojourn:request:" + id
	}
	return ""
}

// internal returns the answer to an internal error.
func internal(cause error) error {
	return &internalProblem{ErrorModel: huma.NewError(http.StatusInternalServerError, "internal error").(*huma.ErrorModel),
		cause: cause}
}
