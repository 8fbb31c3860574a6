package sojourn

import (
	"time"
	"unicode/utf8"
)

// Token scopes.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
)

// Token is an API token of a user, as listed (its secret is never kept).
type Token struct {
	ID        int64      `json:"id"`
	User      string     `json:"user"`
	Name      string     `json:"name"`
	Scope     string     `json:"scope" enum:"read,write"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// ActiveAt reports whether the token may be used at t.
func (t Token) ActiveAt(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// TokenInput is what is submitted to issue a token.
type TokenInput struct {
	Name      string `json:"name" minLength:"1" maxLength:"100" doc:"what the token is for" example:"nightly lapse report"`
	Scope     string `json:"scope" enum:"read,write" doc:"read: may only read; write: may also change"`
	ExpiresIn int    `json:"expires_in_days,omitempty" minimum:"1" maximum:"3660" doc:"lifetime in days; default from configuration"`
}

// Validate checks the input field by field.
func (in TokenInput) Validate() error {
	var p Problems
	p.Require("name", in.Name)
	p.MaxLen("name", in.Name, 100)
	p.OneOf("scope", in.Scope, ScopeRead, ScopeWrite)
	if in.ExpiresIn < 0 || in.ExpiresIn > 3660 {
		p.Add("expires_in_days", "must be between 1 and 3660")
	}
	return p.Err("token")
}

// LoginInput is what a person submits to log in.
type LoginInput struct {
	Name     string `json:"name" minLength:"1" maxLength:"200" example:"clerk.vrd"`
	Password string `json:"password" minLength:"1" maxLength:"256" example:"correct horse battery staple"`
	// NewPassword replaces the password as the login succeeds; a one-time
	// password (set-up, reset) logs in only with one.
	NewPassword string `json:"new_password,omitempty" maxLength:"256" doc:"a new password that replaces this one as you log in; required with a one-time password"`
}

// PasswordInput sets a password. Users changing their own password give
// the current one as well.
type PasswordInput struct {
	Password string `json:"password" minLength:"12" maxLength:"256" example:"correct horse battery staple"`
	Current  string `json:"current_password,omitempty" maxLength:"256" doc:"your current password, when changing your own"`
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// Validate checks the password's length.
func (in PasswordInput) Validate() error {
	var p Problems
	if n := utf8.RuneCountInString(in.Password); n < MinPasswordLength {
		p.Add("password", "must be at least %d characters", MinPasswordLength)
	}
	p.MaxLen("password", in.Password, 256)
	return p.Err("password")
}
