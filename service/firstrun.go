package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// IsSetUp reports whether the database has any user, i.e. whether
// sojourn init (FirstAdministrator) has run; an empty database has none.
// It says nothing else, so it needs no actor.
func (s *Service) IsSetUp(ctx context.Context) (bool, error) {
	var n int
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.CountUsers(ctx)
		return err
	})
	return n > 0, err
}

// FirstAdministrator creates the first user of an empty database, an
// administrator cleared for everything, with a one-time password, which
// it returns (shown only now, stored hashed). A database that has users
// is refused: their administrators reset passwords (ResetPassword).
func (s *Service) FirstAdministrator(ctx context.Context, name string) (sojourn.User, string, error) {
	in := sojourn.UserInput{Name: name, Role: sojourn.RoleAdmin, Clearance: sojourn.TopSecret}
	if err := precheck(ctx, access.ManageUsers, in); err != nil {
		return sojourn.User{}, "", err
	}
	a, password := ActorFrom(ctx), oneTimePassword()
	hash := oneTimeMark + s.cfg.Argon2.hashPassword(password)
	var out sojourn.User
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if n, err := tx.CountUsers(ctx); err != nil || n > 0 {
			return firstOf(err, sojourn.Errorf(sojourn.CodeConflict,
				"Sojourn is set up already (%d users): an administrator gives a new one-time password with sojourn user reset NAME", n))
		}
		if out, err = s.createUser(ctx, tx, a, in); err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, out.ID, hash); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageUsers, objectID("user", out.ID), map[string]string{"password": "one-time"})
	})
	return out, password, err
}

// firstOf returns err if it is not nil, else alt.
func firstOf(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}
