package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

// statusOf maps error codes to HTTP statuses.
var statusOf = map[sojourn.Code]int{
	sojourn.CodeInvalid:            http.StatusUnprocessableEntity,
	sojourn.CodeNotFound:           http.StatusNotFound,
	sojourn.CodeConflict:           http.StatusConflict,
	sojourn.CodeForbidden:          http.StatusForbidden,
	sojourn.CodeUnauthenticated:    http.StatusUnauthorized,
	sojourn.CodePreconditionFailed: http.StatusPreconditionFailed,
	sojourn.CodeRateLimited:        http.StatusTooManyRequests,
	sojourn.CodeInternal:           http.StatusInternalServerError,
}

// problem turns a service error into a problem+json response error. Field
// details are located in the body ("body.names[0].script"). Internal errors
// are answered with a bare message; shapeErrors logs their cause. A call cut
// short because its client left is answered (to nobody) without a log entry.
func (h *handler) problem(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return huma.NewError(http.StatusServiceUnavailable, "the request was cancelled")
	}
	if dup, ok := duplicate(err); ok {
		return dup
	}
	var e *sojourn.Error
	if !errors.As(err, &e) || e.Code == sojourn.CodeInternal {
		return internal(err)
	}
	if e.Code == sojourn.CodeNotFound {
		e = sojourn.NotFound() // one answer, byte for byte, for hidden and missing objects
	}
	details := make([]error, len(e.Fields))
	for i, f := range e.Fields {
		details[i] = &huma.ErrorDetail{Location: "body." + f.Field, Message: f.Message}
	}
	err = huma.NewError(statusOf[e.Code], e.Message, details...)
	if e.RetryAfter > 0 {
		err = huma.ErrorWithHeaders(err, http.Header{"Retry-After": {retryAfter(e.RetryAfter)}})
	}
	return err
}

// retryAfter is a Retry-After value: whole seconds, rounded up.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(int(math.Ceil(d.Seconds())))
}

// result returns the output or the mapped error.
func result[T any](h *handler, out T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, h.problem(err)
	}
	return out, nil
}
