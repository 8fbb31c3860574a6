package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"sojourn"
	"sojourn/access"
	"sojourn/audit"
	"sojourn/store"
)

// tokenPrefix marks Sojourn API tokens so they are recognisable in logs
// and secret scanners.
const tokenPrefix = "sj_"

// newToken returns a fresh random API token.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashToken returns what is stored of a token: its SHA-256. Tokens carry 256
// random bits, so a fast hash is enough; the token itself is never stored.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateUser adds a user and returns it with its API token, shown only now.
func (s *Service) CreateUser(ctx context.Context, in sojourn.UserInput) (sojourn.User, string, error) {
	if in.Clearance == "" {
		in.Clearance = sojourn.Unclassified
	}
	if err := precheck(ctx, access.ManageUsers, in); err != nil {
		return sojourn.User{}, "", err
	}
	a := ActorFrom(ctx)
	token := newToken()
	var out sojourn.User
	err := s.store.Write(ctx, func(tx *store.Tx) (err error) {
		if in.Authority != "" {
			if _, err := tx.AuthorityByCode(ctx, in.Authority); err != nil {
				return fieldNotFound("authority", err)
			}
		}
		if out, err = tx.CreateUser(ctx, in, hashToken(token), s.now()); err != nil {
			if sojourn.ErrorCode(err) == sojourn.CodeConflict {
				return sojourn.Errorf(sojourn.CodeConflict, "a user named %q already exists", in.Name)
			}
			return err
		}
		return s.record(ctx, tx, a, access.ManageUsers, objectID("user", out.ID), in)
	})
	return out, token, err
}

// Authenticate returns the actor holding an API token.
func (s *Service) Authenticate(ctx context.Context, token string) (sojourn.Actor, error) {
	fail := sojourn.Errorf(sojourn.CodeUnauthenticated, "invalid or missing API token")
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return sojourn.Actor{}, fail
	}
	var u sojourn.User
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.UserByTokenHash(ctx, hashToken(token))
		return err
	})
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
		return sojourn.Actor{}, fail
	}
	if err != nil {
		return sojourn.Actor{}, err
	}
	return sojourn.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, Authority: u.Authority, Clearance: u.Clearance}, nil
}

// AuditLog returns audit entries, optionally of one object, for auditors.
func (s *Service) AuditLog(ctx context.Context, object string, limit int) ([]audit.Entry, error) {
	if _, err := authorize(ctx, access.ReadAudit, access.Target{}); err != nil {
		return nil, err
	}
	var out []audit.Entry
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.AuditEntries(ctx, store.AuditFilter{Object: object, Limit: s.limit(limit)})
		return err
	})
	return out, err
}
