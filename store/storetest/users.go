package storetest

import (
	"testing"
	"time"

	"sojourn"
	"sojourn/store"
)

func testUsers(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	expires := now.Add(time.Hour)
	var u sojourn.User
	var k sojourn.Token
	write(t, s, func(tx *store.Tx) (err error) {
		u, err = tx.CreateUser(ctx, sojourn.UserInput{Name: "olga", Role: sojourn.RoleOfficer, Authority: "VRD",
			Clearance: sojourn.Secret}, now)
		if err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, u.ID, "$argon2id$x"); err != nil {
			return err
		}
		k, err = tx.CreateToken(ctx, u, sojourn.Token{Name: "cli", Scope: sojourn.ScopeRead, CreatedAt: now, ExpiresAt: &expires}, "hash1")
		return err
	})
	read(t, s, func(tx *store.Tx) error {
		got, owner, err := tx.TokenByHash(ctx, "hash1")
		if err != nil || owner.Name != "olga" || owner.Clearance != sojourn.Secret || got.Scope != sojourn.ScopeRead || !got.ExpiresAt.Equal(expires) {
			t.Errorf("token = %+v, %+v, %v", got, owner, err)
		}
		_, _, err = tx.TokenByHash(ctx, "other")
		wantCode(t, err, sojourn.CodeNotFound)
		if h, err := tx.PasswordHash(ctx, u.ID); err != nil || h != "$argon2id$x" {
			t.Errorf("password hash = %q, %v", h, err)
		}
		if byID, err := tx.UserByID(ctx, u.ID); err != nil || byID.Name != "olga" {
			t.Errorf("by id = %+v, %v", byID, err)
		}
		n, err := tx.CountUsers(ctx)
		if n != 1 {
			t.Errorf("count = %d", n)
		}
		return err
	})
	write(t, s, func(tx *store.Tx) error {
		if err := tx.RevokeToken(ctx, k.ID, now); err != nil {
			return err
		}
		wantCode(t, tx.RevokeToken(ctx, k.ID, now), sojourn.CodeConflict)
		return nil
	})
	read(t, s, func(tx *store.Tx) error {
		list, err := tx.TokensOf(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].RevokedAt == nil || list[0].ActiveAt(now) {
			t.Errorf("tokens = %+v, %v", list, err)
		}
		return err
	})
}

func testSessions(t *testing.T, s *store.Store) {
	seedAuthority(t, s, "VRD")
	var u sojourn.User
	write(t, s, func(tx *store.Tx) (err error) {
		u, err = tx.CreateUser(ctx, sojourn.UserInput{Name: "ivo", Role: sojourn.RoleClerk, Authority: "VRD", Clearance: sojourn.Unclassified}, now)
		if err != nil {
			return err
		}
		if err := tx.CreateSession(ctx, "s1", u.ID, now); err != nil {
			return err
		}
		return tx.TouchSession(ctx, "s1", now.Add(time.Minute))
	})
	write(t, s, func(tx *store.Tx) error {
		ss, err := tx.SessionByHash(ctx, "s1")
		if err != nil || ss.UserID != u.ID || !ss.LastSeen.Equal(now.Add(time.Minute)) || ss.EndedAt != nil {
			t.Errorf("session = %+v, %v", ss, err)
		}
		if err := tx.DisableUser(ctx, u.ID, now); err != nil {
			return err
		}
		ss, _ = tx.SessionByHash(ctx, "s1")
		if ss.EndedAt == nil {
			t.Error("disabling the user did not end the session")
		}
		if err := tx.CreateSession(ctx, "s2", u.ID, now); err != nil {
			return err
		}
		if err := tx.EndSessionsOf(ctx, u.ID, now); err != nil {
			return err
		}
		if ss, _ = tx.SessionByHash(ctx, "s2"); ss.EndedAt == nil {
			t.Error("EndSessionsOf left a session open")
		}
		return nil
	})
	window := now.Add(-15 * time.Minute)
	write(t, s, func(tx *store.Tx) error {
		for want := 1; want <= 3; want++ {
			if n, err := tx.CountLoginAttempt(ctx, "user:ivo", window, now); err != nil || n != want {
				t.Errorf("attempt %d counted as %d, %v", want, n, err)
			}
		}
		if err := tx.UncountLoginAttempt(ctx, "user:ivo"); err != nil {
			return err
		}
		if n, _ := tx.CountLoginAttempt(ctx, "user:ivo", window, now); n != 3 {
			t.Errorf("after taking one back, the next attempt counts as %d, want 3", n)
		}
		later := now.Add(time.Hour)
		if n, _ := tx.CountLoginAttempt(ctx, "user:ivo", later.Add(-15*time.Minute), later); n != 1 {
			t.Errorf("first attempt in a new window counts as %d, want 1", n)
		}
		if err := tx.ClearLoginFailures(ctx, "user:ivo"); err != nil {
			return err
		}
		if n, _ := tx.CountLoginAttempt(ctx, "user:ivo", window, now); n != 1 {
			t.Errorf("first attempt after clearing counts as %d, want 1", n)
		}
		return nil
	})
}
