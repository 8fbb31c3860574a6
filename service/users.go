package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// tokenPrefix marks Sojourn API tokens so they are recognisable in logs
// and secret scanners.
const tokenPrefix = "sj_"

// newSecret returns a fresh random secret with a prefix.
func newSecret(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret returns what is stored of a token or session secret: its
// SHA-256. Secrets carry 256 random bits, so a fast hash is enough.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateUser adds a user and returns it with a first API token (scope write,
// default lifetime), whose secret is shown only now.
func (s *Service) CreateUser(ctx context.Context, in sojourn.UserInput) (sojourn.User, string, error) {
	if in.Clearance == "" {
		in.Clearance = sojourn.Unclassified
	}
	if err := precheck(ctx, access.ManageUsers, in); err != nil {
		return sojourn.User{}, "", err
	}
	a := ActorFrom(ctx)
	var out sojourn.User
	var secret string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if out, err = s.createUser(ctx, tx, a, in); err != nil {
			return err
		}
		_, secret, err = s.issueToken(ctx, tx, a, out, sojourn.TokenInput{Name: "initial", Scope: sojourn.ScopeWrite})
		return err
	})
	return out, secret, err
}

// createUser adds a user, with neither password nor token, and audits it.
func (s *Service) createUser(ctx context.Context, tx *store.Tx, a sojourn.Actor, in sojourn.UserInput) (sojourn.User, error) {
	if in.Authority != "" {
		if _, err := tx.AuthorityByCode(ctx, in.Authority); err != nil {
			return sojourn.User{}, fieldNotFound("authority", err)
		}
	}
	out, err := tx.CreateUser(ctx, in, tx.Now())
	if sojourn.ErrorCode(err) == sojourn.CodeConflict {
		return out, sojourn.Errorf(sojourn.CodeConflict, "a user named %q already exists", in.Name)
	}
	if err != nil {
		return out, err
	}
	return out, s.record(ctx, tx, a, access.ManageUsers, objectID("user", out.ID), in)
}

// issueToken stores a new token for user and audits it.
func (s *Service) issueToken(ctx context.Context, tx *store.Tx, a sojourn.Actor, u sojourn.User, in sojourn.TokenInput) (sojourn.Token, string, error) {
	ttl := s.cfg.TokenTTL
	if in.ExpiresIn > 0 {
		ttl = time.Duration(in.ExpiresIn) * 24 * time.Hour
	}
	now := tx.Now()
	expires := now.Add(ttl)
	secret := newSecret(tokenPrefix)
	k, err := tx.CreateToken(ctx, u, sojourn.Token{Name: in.Name, Scope: in.Scope, CreatedAt: now, ExpiresAt: &expires}, hashSecret(secret))
	if err != nil {
		return k, "", err
	}
	return k, secret, s.record(ctx, tx, a, access.ManageUsers, objectID("token", k.ID), k)
}

// selfOrAdmin loads the named user and checks the actor is that user or an
// administrator. Anyone else is told the user does not exist, whether or
// not it does, so the answer names no accounts.
func selfOrAdmin(ctx context.Context, tx *store.Tx, name string) (sojourn.Actor, sojourn.User, error) {
	a := ActorFrom(ctx)
	self := a.UserID != 0 && a.Name == name
	if self {
		if _, err := authorize(ctx, access.ReadRegistry, access.Target{}); err != nil {
			return a, sojourn.User{}, err
		}
	} else if _, err := authorize(ctx, access.ManageUsers, access.Target{}); sojourn.ErrorCode(err) == sojourn.CodeForbidden {
		return a, sojourn.User{}, sojourn.NotFound()
	} else if err != nil {
		return a, sojourn.User{}, err
	}
	u, err := tx.UserByName(ctx, name)
	if err == nil && self && u.ID != a.UserID {
		err = sojourn.NotFound()
	}
	return a, u, err
}

// IssueToken issues a new API token to the named user (themselves or by an
// administrator) and returns it with its secret, shown only now.
func (s *Service) IssueToken(ctx context.Context, user string, in sojourn.TokenInput) (sojourn.Token, string, error) {
	if err := in.Validate(); err != nil {
		return sojourn.Token{}, "", err
	}
	var out sojourn.Token
	var secret string
	err := s.write(ctx, func(tx *store.Tx) error {
		a, u, err := selfOrAdmin(ctx, tx, user)
		if err != nil {
			return err
		}
		out, secret, err = s.issueToken(ctx, tx, a, u, in)
		return err
	})
	return out, secret, err
}

// Tokens lists the named user's tokens.
func (s *Service) Tokens(ctx context.Context, user string) ([]sojourn.Token, error) {
	var out []sojourn.Token
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		_, u, err := selfOrAdmin(ctx, tx, user)
		if err != nil {
			return err
		}
		out, err = tx.TokensOf(ctx, u.ID)
		return err
	})
	return out, err
}

// RevokeToken revokes a token of the named user at once.
func (s *Service) RevokeToken(ctx context.Context, user string, id int64) (sojourn.Token, error) {
	var out sojourn.Token
	err := s.write(ctx, func(tx *store.Tx) error {
		a, u, err := selfOrAdmin(ctx, tx, user)
		if err != nil {
			return err
		}
		if out, err = tx.TokenByID(ctx, id); err != nil || out.User != u.Name {
			return sojourn.Errorf(sojourn.CodeNotFound, "token not found")
		}
		now := tx.Now()
		if err := tx.RevokeToken(ctx, id, now); err != nil {
			return err
		}
		out.RevokedAt = &now
		return s.record(ctx, tx, a, access.ManageUsers, objectID("token", id), map[string]string{"revoked": "yes"})
	})
	return out, err
}

// SetPassword sets the named user's password (themselves or by an
// administrator), hashed with argon2id. Changing one's own password needs
// the current one, checked outside any write transaction and counted
// against the account's login limit, so a stolen session or token cannot
// turn itself into a password, nor guess the old one at leisure.
func (s *Service) SetPassword(ctx context.Context, user string, in sojourn.PasswordInput) error {
	if err := writable(ctx); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	a := ActorFrom(ctx)
	var old string
	if a.UserID != 0 && a.Name == user {
		var err error
		if old, err = s.checkCurrentPassword(ctx, user, in.Current); err != nil {
			return err
		}
	}
	hash := s.cfg.Argon2.hashPassword(in.Password)
	return s.write(ctx, func(tx *store.Tx) error {
		a, u, err := selfOrAdmin(ctx, tx, user)
		if err != nil {
			return err
		}
		if a.UserID == u.ID {
			if now, err := tx.PasswordHash(ctx, u.ID); err != nil {
				return err
			} else if now != old {
				return sojourn.Errorf(sojourn.CodeConflict, "the password was changed meanwhile; try again")
			}
			if err := tx.ClearLoginFailures(ctx, "user:"+u.Name); err != nil {
				return err
			}
		}
		if err := tx.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageUsers, objectID("user", u.ID), map[string]string{"password": "set"})
	})
}

// checkCurrentPassword checks the actor's own current password, counting
// the attempt like a login, and returns the stored hash it checked.
func (s *Service) checkCurrentPassword(ctx context.Context, user, current string) (string, error) {
	var hash string
	err := s.write(ctx, func(tx *store.Tx) error {
		if err := s.countAttempt(ctx, tx, attemptLimit{"user:" + user, s.cfg.AccountFailures, ""}); err != nil {
			return err
		}
		_, u, err := selfOrAdmin(ctx, tx, user)
		if err != nil {
			return err
		}
		hash, err = tx.PasswordHash(ctx, u.ID)
		return err
	})
	if err != nil {
		return "", err
	}
	if hash != "" && !s.passwordMatches(hash, current) {
		return "", &sojourn.Error{Code: sojourn.CodeForbidden, Message: "the current password is wrong",
			Fields: []sojourn.FieldError{{Field: "current_password", Message: "does not match"}}}
	}
	return hash, nil
}

// DisableUser disables a user: their sessions end and tokens are revoked.
func (s *Service) DisableUser(ctx context.Context, user string) error {
	a, err := authorize(ctx, access.ManageUsers, access.Target{})
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByName(ctx, user)
		if err != nil {
			return err
		}
		if err := tx.DisableUser(ctx, u.ID, tx.Now()); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageUsers, objectID("user", u.ID), map[string]string{"disabled": "yes"})
	})
}

// Authenticate returns the actor holding an API token: the token must exist,
// be neither revoked nor expired, and belong to an enabled user.
func (s *Service) Authenticate(ctx context.Context, token string) (sojourn.Actor, error) {
	fail := sojourn.Errorf(sojourn.CodeUnauthenticated, "invalid, expired or revoked API token")
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return sojourn.Actor{}, fail
	}
	var k sojourn.Token
	var u sojourn.User
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		k, u, err = tx.TokenByHash(ctx, hashSecret(token))
		return err
	})
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound || (err == nil && (!k.ActiveAt(s.now()) || u.Disabled)) {
		return sojourn.Actor{}, fail
	}
	if err != nil {
		return sojourn.Actor{}, err
	}
	a := actorOf(u)
	a.ReadOnly = k.Scope == sojourn.ScopeRead
	return a, nil
}

// actorOf returns the actor a user acts as.
func actorOf(u sojourn.User) sojourn.Actor {
	return sojourn.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, Authority: u.Authority, Clearance: u.Clearance}
}
