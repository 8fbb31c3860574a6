package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// CreateAuthority registers an authority.
func (s *Service) CreateAuthority(ctx context.Context, in sojourn.AuthorityInput) (sojourn.Authority, error) {
	return register(ctx, s, access.ManageAuthorities, in, "authority/"+in.Code, func(tx *store.Tx) (sojourn.Authority, error) {
		if in.Parent != "" {
			if _, err := tx.AuthorityByCode(ctx, in.Parent); err != nil {
				return sojourn.Authority{}, fieldNotFound("parent", err)
			}
		}
		return tx.CreateAuthority(ctx, in, tx.Now())
	})
}

// Authority returns one authority.
func (s *Service) Authority(ctx context.Context, code string) (sojourn.Authority, error) {
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) (sojourn.Authority, error) {
		return tx.AuthorityByCode(ctx, code)
	})
}

// Authorities lists every authority.
func (s *Service) Authorities(ctx context.Context) ([]sojourn.Authority, error) {
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) ([]sojourn.Authority, error) {
		return tx.ListAuthorities(ctx)
	})
}

// CreateSponsor registers a sponsor organisation.
func (s *Service) CreateSponsor(ctx context.Context, in sojourn.SponsorInput) (sojourn.Sponsor, error) {
	return register(ctx, s, access.ManageSponsors, in, "sponsor/"+in.Code, func(tx *store.Tx) (sojourn.Sponsor, error) {
		return tx.CreateSponsor(ctx, in, tx.Now())
	})
}

// Sponsor returns a sponsor with its accreditations.
func (s *Service) Sponsor(ctx context.Context, code string) (sojourn.Sponsor, error) {
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) (sojourn.Sponsor, error) {
		return tx.SponsorByCode(ctx, code)
	})
}

// Sponsors lists every sponsor.
func (s *Service) Sponsors(ctx context.Context) ([]sojourn.Sponsor, error) {
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) ([]sojourn.Sponsor, error) {
		return tx.ListSponsors(ctx)
	})
}

// Accredit records that an authority accredits a sponsor for a period.
func (s *Service) Accredit(ctx context.Context, sponsor string, in sojourn.AccreditationInput) (sojourn.Accreditation, error) {
	a, err := authorize(ctx, access.ManageSponsors, access.Target{})
	if err != nil {
		return sojourn.Accreditation{}, err
	}
	if err := in.Validate(); err != nil {
		return sojourn.Accreditation{}, err
	}
	var out sojourn.Accreditation
	err = s.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.SponsorByCode(ctx, sponsor); err != nil {
			return err
		}
		if _, err := tx.AuthorityByCode(ctx, in.Authority); err != nil {
			return fieldNotFound("authority", err)
		}
		if err := inOffice(ctx, tx, in.Authority, in.ValidFrom, access.ManageSponsors); err != nil {
			return err
		}
		out, err = tx.CreateAccreditation(ctx, sponsor, in)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageSponsors, objectID("accreditation", out.ID), out)
	})
	return out, err
}

// RevokeAccreditation ends an accreditation from a date on.
func (s *Service) RevokeAccreditation(ctx context.Context, sponsor string, id int64, in sojourn.RevocationInput) (sojourn.Accreditation, error) {
	a, err := authorize(ctx, access.ManageSponsors, access.Target{})
	if err != nil {
		return sojourn.Accreditation{}, err
	}
	if err := in.Validate(); err != nil {
		return sojourn.Accreditation{}, err
	}
	var out sojourn.Accreditation
	err = s.write(ctx, func(tx *store.Tx) error {
		out, err = tx.AccreditationByID(ctx, id)
		if err != nil || out.Sponsor != sponsor {
			return sojourn.Errorf(sojourn.CodeNotFound, "accreditation not found")
		}
		if !out.RevokedOn.IsZero() {
			return sojourn.Errorf(sojourn.CodeConflict, "the accreditation was already revoked on %s", out.RevokedOn)
		}
		if in.RevokedOn.Before(out.ValidFrom) {
			return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid revocation",
				Fields: []sojourn.FieldError{{Field: "revoked_on", Message: "is before the accreditation began"}}}
		}
		if err := inOffice(ctx, tx, out.Authority, in.RevokedOn, access.ManageSponsors); err != nil {
			return err
		}
		if err := tx.RevokeAccreditation(ctx, id, in.RevokedOn); err != nil {
			return err
		}
		out.RevokedOn = in.RevokedOn
		return s.record(ctx, tx, a, access.ManageSponsors, objectID("accreditation", id), in)
	})
	return out, err
}

// fieldNotFound turns a not-found error about a referenced object into an
// invalid-input error on the field that referred to it, in the same words
// whether the object does not exist or is hidden from the actor.
func fieldNotFound(field string, err error) error {
	if sojourn.ErrorCode(err) != sojourn.CodeNotFound {
		return err
	}
	return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid reference",
		Fields: []sojourn.FieldError{{Field: field, Message: sojourn.NotFound().Message}}}
}

// register is the shape of adding something to a registry: check the role,
// validate the input, then in one transaction add it and audit the input
// against the object it names.
func register[T any](ctx context.Context, s *Service, act access.Action, in validator, object string,
	add func(*store.Tx) (T, error)) (T, error) {
	var out T
	if err := precheck(ctx, act, in); err != nil {
		return out, err
	}
	a := ActorFrom(ctx)
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		if out, err = add(tx); err != nil {
			return err
		}
		return s.record(ctx, tx, a, act, object, in)
	})
	return out, err
}
