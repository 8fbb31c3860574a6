package service

import (
	"context"
	"strings"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// sessionPrefix marks session secrets (the value of the session cookie).
const sessionPrefix = "ss_"

// Login checks a user's password and opens a new web session, returning the
// session secret for the cookie. Failed attempts are counted per account and
// per client address; past the configured limits logins are refused for the
// rest of the window, whatever the password. A previous session presented
// with the login (old) is ended: the session id rotates on every login.
func (s *Service) Login(ctx context.Context, in sojourn.LoginInput, addr, old string) (string, error) {
	var secret string
	var failed error
	err := s.write(ctx, func(tx *store.Tx) error {
		if err := s.throttled(ctx, tx, in.Name, addr); err != nil {
			return err
		}
		u, err := tx.UserByName(ctx, in.Name)
		if err != nil && sojourn.ErrorCode(err) != sojourn.CodeNotFound {
			return err
		}
		hash := ""
		if err == nil {
			if hash, err = tx.PasswordHash(ctx, u.ID); err != nil {
				return err
			}
		}
		if u.ID == 0 || u.Disabled || !checkPassword(hash, in.Password) {
			failed = sojourn.Errorf(sojourn.CodeUnauthenticated, "wrong name or password")
			return s.countFailure(ctx, tx, u, in.Name, addr)
		}
		secret, err = s.openSession(ctx, tx, u, old)
		return err
	})
	if err == nil && failed != nil {
		err = failed
	}
	return secret, err
}

// throttled refuses a login when the account or the address has failed too
// often in the current window.
func (s *Service) throttled(ctx context.Context, tx *store.Tx, name, addr string) error {
	since := tx.Now().Add(-s.cfg.LoginWindow)
	for _, lim := range []struct {
		key string
		max int
	}{{"user:" + name, s.cfg.AccountFailures}, {"addr:" + addr, s.cfg.AddressFailures}} {
		n, err := tx.LoginFailures(ctx, lim.key, since)
		if err != nil {
			return err
		}
		if n >= lim.max {
			return sojourn.Errorf(sojourn.CodeRateLimited, "too many failed logins; try again in %s", s.cfg.LoginWindow)
		}
	}
	return nil
}

// countFailure counts a failed login for the account and the address, and
// audits it when the account exists.
func (s *Service) countFailure(ctx context.Context, tx *store.Tx, u sojourn.User, name, addr string) error {
	now := tx.Now()
	since := now.Add(-s.cfg.LoginWindow)
	for _, key := range []string{"user:" + name, "addr:" + addr} {
		if err := tx.AddLoginFailure(ctx, key, since, now); err != nil {
			return err
		}
	}
	if u.ID == 0 {
		return nil
	}
	return s.record(ctx, tx, actorOf(u), access.Action("session.login_failed"), objectID("user", u.ID), map[string]string{"addr": addr})
}

// openSession starts a session for u, ending the old one if given.
func (s *Service) openSession(ctx context.Context, tx *store.Tx, u sojourn.User, old string) (string, error) {
	if old != "" {
		if err := tx.EndSession(ctx, hashSecret(old), tx.Now()); err != nil {
			return "", err
		}
	}
	if err := tx.ClearLoginFailures(ctx, "user:"+u.Name); err != nil {
		return "", err
	}
	secret := newSecret(sessionPrefix)
	if err := tx.CreateSession(ctx, hashSecret(secret), u.ID, tx.Now()); err != nil {
		return "", err
	}
	return secret, s.record(ctx, tx, actorOf(u), access.Action("session.login"), objectID("user", u.ID), map[string]string{"session": "opened"})
}

// Logout ends a session; the cookie no longer works afterwards.
func (s *Service) Logout(ctx context.Context, secret string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		ss, err := tx.SessionByHash(ctx, hashSecret(secret))
		if err != nil || ss.EndedAt != nil {
			return sojourn.Errorf(sojourn.CodeUnauthenticated, "no open session")
		}
		u, err := tx.UserByID(ctx, ss.UserID)
		if err != nil {
			return err
		}
		if err := tx.EndSession(ctx, hashSecret(secret), tx.Now()); err != nil {
			return err
		}
		return s.record(ctx, tx, actorOf(u), access.Action("session.logout"), objectID("user", u.ID), map[string]string{"session": "ended"})
	})
}

// SessionActor returns the actor of an open session and records activity.
// A session ends when it has been idle too long, is older than the absolute
// limit, was logged out, or its user was disabled.
func (s *Service) SessionActor(ctx context.Context, secret string) (sojourn.Actor, error) {
	fail := sojourn.Errorf(sojourn.CodeUnauthenticated, "session expired or ended; log in again")
	if !strings.HasPrefix(secret, sessionPrefix) || len(secret) > 100 {
		return sojourn.Actor{}, fail
	}
	var a sojourn.Actor
	err := s.write(ctx, func(tx *store.Tx) error {
		hash := hashSecret(secret)
		ss, err := tx.SessionByHash(ctx, hash)
		if err != nil {
			return fail
		}
		now := tx.Now()
		if ss.EndedAt != nil || now.Sub(ss.LastSeen) > s.cfg.SessionIdle || now.Sub(ss.CreatedAt) > s.cfg.SessionMax {
			return fail
		}
		u, err := tx.UserByID(ctx, ss.UserID)
		if err != nil || u.Disabled {
			return fail
		}
		a = actorOf(u)
		return tx.TouchSession(ctx, hash, now)
	})
	return a, err
}
