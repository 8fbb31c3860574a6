package sojourn

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Code classifies an Error; the API maps each code to one HTTP status.
type Code string

// The error codes of Sojourn.
const (
	CodeInvalid            Code = "invalid"
	CodeNotFound           Code = "not_found"
	CodeConflict           Code = "conflict"
	CodeForbidden          Code = "forbidden"
	CodeUnauthenticated    Code = "unauthenticated"
	CodePreconditionFailed Code = "precondition_failed"
	CodeRateLimited        Code = "rate_limited"
	CodeInternal           Code = "internal"
)

// FieldError names one field of the input and what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the one error type the service layer returns. Message is written
// for people; Fields lists per-field problems of invalid input.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	// RetryAfter says, for CodeRateLimited, how long until the caller may
	// try again (0: not known).
	RetryAfter time.Duration
	cause      error
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.cause }

// Errorf returns an Error with the code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound is the one answer for something that does not exist or that the
// caller may not see: the same words whatever was asked for, so that the
// answer never tells whether a hidden object exists.
func NotFound() *Error { return &Error{Code: CodeNotFound, Message: "not found"} }

// Internal wraps an unexpected failure; its cause is logged, never shown.
func Internal(cause error) *Error {
	return &Error{Code: CodeInternal, Message: "internal error", cause: cause}
}

// ErrorCode returns the code of err, CodeInternal for foreign errors and ""
// for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// Problems collects field errors while validating a value.
type Problems struct {
	fields []FieldError
}

// Add records a problem with field.
func (p *Problems) Add(field, format string, args ...any) {
	p.fields = append(p.fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Require records a problem when s is blank.
func (p *Problems) Require(field, s string) {
	if strings.TrimSpace(s) == "" {
		p.Add(field, "is required")
	}
}

// RequireDate records a problem when d is the zero date.
func (p *Problems) RequireDate(field string, d Date) {
	if d.IsZero() {
		p.Add(field, "is required")
	}
}

// Period records a problem when to is set and before from.
func (p *Problems) Period(fromField string, from Date, toField string, to Date) {
	if !to.IsZero() && !from.IsZero() && to.Before(from) {
		p.Add(toField, "must not be before %s", fromField)
	}
}

// Merge adds the problems of err, a validation of part of the same value
// whose fields are named as they are here.
func (p *Problems) Merge(err error) {
	var e *Error
	if errors.As(err, &e) {
		p.fields = append(p.fields, e.Fields...)
	}
}

// MaxLen records a problem when s is longer than n bytes.
func (p *Problems) MaxLen(field, s string, n int) {
	if len(s) > n {
		p.Add(field, "must be at most %d characters", n)
	}
}

// OneOf records a problem when s is not one of allowed.
func (p *Problems) OneOf(field, s string, allowed ...string) {
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	p.Add(field, "must be one of %s", strings.Join(allowed, ", "))
}

// Nest adds the problems of a nested value under prefix (e.g. "names[0]").
func (p *Problems) Nest(prefix string, err error) {
	var e *Error
	if !errors.As(err, &e) {
		return
	}
	for _, f := range e.Fields {
		p.fields = append(p.fields, FieldError{Field: prefix + "." + f.Field, Message: f.Message})
	}
}

// Err returns an invalid Error holding the problems, or nil if there are none.
func (p *Problems) Err(what string) error {
	if len(p.fields) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "invalid " + what, Fields: p.fields}
}
