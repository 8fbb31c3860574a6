package service

import (
	"context"
	"strings"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// sessionPrefix marks session secrets (the value of the session cookie).
const sessionPrefix = "ss_"

// sessionTouches is how many times within the idle timeout a session in
// use records its last use: every page needs its session, but a write
// (one durable commit) on every page view made the session most of a
// page's wait. A session may so end up to SessionIdle/sessionTouches early.
const sessionTouches = 30

// Login checks a user's password and opens a new web session, returning the
// session secret for the cookie. Every attempt is counted per account and
// client address together, and per client address, before the password is
// checked (a success is then taken back); past the configured limits logins
// are refused for the rest of the window, whatever the password. No count
// is kept per account alone: failures from other addresses (others typing
// a colleague's name, or guessing) never lock a user out of their own
// address. The password hash (argon2id) runs
// between two short transactions, never inside one, and runs for unknown
// names and users without a password too, against a dummy hash, so the
// answer takes the same work whether the account exists. A previous session
// presented with the login (old) is ended: the session id rotates on every
// login. A one-time password logs in only with a new password, which
// replaces it in the same transaction as the session opens (onetime.go).
func (s *Service) Login(ctx context.Context, in sojourn.LoginInput, addr, old string) (string, error) {
	var u sojourn.User
	hash := ""
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if err := s.countAttempt(ctx, tx, attemptLimit{loginKey(in.Name, addr), s.cfg.AccountFailures, " for this account from this address"},
			attemptLimit{"addr:" + addr, s.cfg.AddressFailures, " from this address"}); err != nil {
			return err
		}
		if u, err = tx.UserByName(ctx, in.Name); sojourn.ErrorCode(err) == sojourn.CodeNotFound {
			u, err = sojourn.User{}, nil
		}
		if err == nil && u.ID != 0 {
			hash, err = tx.PasswordHash(ctx, u.ID)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	if !s.passwordMatches(hash, in.Password) || u.ID == 0 || u.Disabled {
		if err := s.write(ctx, func(tx *store.Tx) error { return s.recordFailure(ctx, tx, u, addr) }); err != nil {
			return "", err
		}
		return "", sojourn.Errorf(sojourn.CodeUnauthenticated, "wrong name or password")
	}
	replace, err := s.newPasswordAtLogin(hash, in)
	if err != nil {
		return "", s.passwordKnown(ctx, u, addr, err)
	}
	var secret string
	err = s.write(ctx, func(tx *store.Tx) (err error) {
		if err := tx.UncountLoginAttempt(ctx, "addr:"+addr); err != nil {
			return err
		}
		if err := tx.ClearLoginFailures(ctx, loginKey(in.Name, addr)); err != nil {
			return err
		}
		if replace != "" {
			if err := s.replacePassword(ctx, tx, u, hash, replace); err != nil {
				return err
			}
		}
		secret, err = s.openSession(ctx, tx, u, old)
		return err
	})
	return secret, err
}

// loginKey is the throttle counter of one account tried from one address.
func loginKey(name, addr string) string { return "login:" + addr + " " + name }

// attemptLimit is a throttle counter, how many attempts it allows in a
// window and what it counts (for the refusal's message).
type attemptLimit struct {
	key  string
	max  int
	what string
}

// countAttempt counts an attempt against each limit's key (always in the
// order given, so concurrent attempts lock the counters in the same order)
// and refuses it when a count passes its limit.
func (s *Service) countAttempt(ctx context.Context, tx *store.Tx, limits ...attemptLimit) error {
	now := tx.Now()
	since := now.Add(-s.cfg.LoginWindow)
	for _, l := range limits {
		n, err := tx.CountLoginAttempt(ctx, l.key, since, now)
		if err != nil {
			return err
		}
		if n > l.max {
			return s.throttled(ctx, tx, l)
		}
	}
	return nil
}

// throttled is the refusal of an attempt past a limit: it says when the
// counter's window ends.
func (s *Service) throttled(ctx context.Context, tx *store.Tx, l attemptLimit) error {
	start, err := tx.LoginWindowStart(ctx, l.key)
	if err != nil {
		return err
	}
	wait := max(start.Add(s.cfg.LoginWindow).Sub(tx.Now()), time.Second).Round(time.Second)
	e := sojourn.Errorf(sojourn.CodeRateLimited, "too many failed logins%s; try again in %s", l.what, wait)
	e.RetryAfter = wait
	return e
}

// passwordMatches checks a password against an encoded hash; with no hash
// (unknown user, no password set) it checks against a dummy hash of the
// configured parameters and reports false, doing the same work.
func (s *Service) passwordMatches(hash, password string) bool {
	if hash == "" {
		checkPassword(s.dummyHash(), password)
		return false
	}
	return checkPassword(strings.TrimPrefix(hash, oneTimeMark), password)
}

// recordFailure audits a failed login: against the user when the account
// exists, else against no user (the name tried is not kept).
func (s *Service) recordFailure(ctx context.Context, tx *store.Tx, u sojourn.User, addr string) error {
	actor, object := actorOf(u), objectID("user", u.ID)
	if u.ID == 0 {
		actor, object = sojourn.Actor{Name: "(unknown user)"}, "user/unknown"
	}
	return s.record(ctx, tx, actor, access.Action("session.login_failed"), object, map[string]string{"addr": addr})
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

// SessionActor returns the actor of an open session and records activity
// (in a write only when the last record is older than a sessionTouches-th
// of the idle timeout; otherwise the session is only read). A session ends when it has been idle too long, is older than the absolute
// limit, was logged out, or its user was disabled.
func (s *Service) SessionActor(ctx context.Context, secret string) (sojourn.Actor, error) {
	fail := sojourn.Errorf(sojourn.CodeUnauthenticated, "session expired or ended; log in again")
	if !strings.HasPrefix(secret, sessionPrefix) || len(secret) > 100 {
		return sojourn.Actor{}, fail
	}
	hash := hashSecret(secret)
	var a sojourn.Actor
	var lastSeen time.Time
	check := func(tx *store.Tx, now time.Time) error {
		ss, err := tx.SessionByHash(ctx, hash)
		if err != nil {
			return fail
		}
		if ss.EndedAt != nil || now.Sub(ss.LastSeen) > s.cfg.SessionIdle || now.Sub(ss.CreatedAt) > s.cfg.SessionMax {
			return fail
		}
		u, err := tx.UserByID(ctx, ss.UserID)
		if err != nil || u.Disabled {
			return fail
		}
		a, lastSeen = actorOf(u), ss.LastSeen
		return nil
	}
	err := s.store.Read(ctx, func(tx *store.Tx) error { return check(tx, s.now()) })
	if err != nil || s.now().Sub(lastSeen) < s.cfg.SessionIdle/sessionTouches {
		return a, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		if err := check(tx, tx.Now()); err != nil {
			return err
		}
		return tx.TouchSession(ctx, hash, tx.Now())
	})
	return a, err
}
