package service

import (
	"context"
	"strings"
	"unicode/utf8"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// oneTimeMark marks the stored hash of a one-time password: the password
// an administrator is given at set-up (FirstAdministrator) or after a
// reset (ResetPassword). It logs in only together with a new password,
// which replaces it (see Login).
const oneTimeMark = "once"

// oneTimePassword returns a fresh random password of 120 bits.
func oneTimePassword() string { return newSecret("")[:20] }

// ResetPassword gives the named user a new one-time password (an
// administrator's act) and returns it, shown only now and stored hashed:
// it logs in only to be replaced. The user's sessions end and the
// account's failed logins are forgotten; API tokens are left alone.
func (s *Service) ResetPassword(ctx context.Context, user string) (string, error) {
	a, err := authorize(ctx, access.ManageUsers, access.Target{})
	if err != nil {
		return "", err
	}
	if err := writable(ctx); err != nil {
		return "", err
	}
	password := oneTimePassword()
	hash := oneTimeMark + s.cfg.Argon2.hashPassword(password)
	return password, s.write(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByName(ctx, user)
		if err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := tx.EndSessionsOf(ctx, u.ID, tx.Now()); err != nil {
			return err
		}
		if err := tx.ClearLoginFailures(ctx, "user:"+u.Name); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageUsers, objectID("user", u.ID), map[string]string{"password": "reset"})
	})
}

// newPasswordAtLogin checks what a login that matched the stored hash
// says of a new password, and returns the hash to store in its place ("" to
// keep it). A one-time password needs a new one ("password change
// required" otherwise); any password may be replaced by one given with it.
func (s *Service) newPasswordAtLogin(hash string, in sojourn.LoginInput) (string, error) {
	if in.NewPassword == "" && !strings.HasPrefix(hash, oneTimeMark) {
		return "", nil
	}
	field := func(msg string) error {
		return &sojourn.Error{Code: sojourn.CodeForbidden, Message: "password change required",
			Fields: []sojourn.FieldError{{Field: "new_password", Message: msg}}}
	}
	switch {
	case in.NewPassword == "":
		return "", field("is required: this is a one-time password; log in with it and a new password of your own")
	case utf8.RuneCountInString(in.NewPassword) < sojourn.MinPasswordLength:
		return "", field("must be at least " + itoa(sojourn.MinPasswordLength) + " characters")
	case in.NewPassword == in.Password:
		return "", field("must differ from the password it replaces")
	}
	return s.cfg.Argon2.hashPassword(in.NewPassword), nil
}

// passwordKnown answers a login that gave the right password but no
// acceptable new one with refusal: it is not counted as a failed login
// (the attempt is taken back and the failures of the account from this
// address are forgotten, as on a success), since whoever made it knows the
// password.
func (s *Service) passwordKnown(ctx context.Context, u sojourn.User, addr string, refusal error) error {
	err := s.write(ctx, func(tx *store.Tx) error {
		if err := tx.UncountLoginAttempt(ctx, "addr:"+addr); err != nil {
			return err
		}
		return tx.ClearLoginFailures(ctx, loginKey(u.Name, addr))
	})
	return firstOf(err, refusal)
}

// replacePassword stores the new password of a login, provided the stored
// hash is still the one the login matched.
func (s *Service) replacePassword(ctx context.Context, tx *store.Tx, u sojourn.User, matched, hash string) error {
	if now, err := tx.PasswordHash(ctx, u.ID); err != nil {
		return err
	} else if now != matched {
		return sojourn.Errorf(sojourn.CodeConflict, "the password was changed meanwhile; log in again")
	}
	if err := tx.SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	return s.record(ctx, tx, actorOf(u), access.ManageUsers, objectID("user", u.ID), map[string]string{"password": "set at login"})
}
