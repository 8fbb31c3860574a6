package store

import (
	"context"
	"time"

	"sojourn"
)

const sponsorColumns = "SELECT id, code, name, country, created_at FROM sponsors"

func scanSponsor(s scanner) (sojourn.Sponsor, error) {
	var sp sojourn.Sponsor
	var created int64
	err := s.Scan(&sp.ID, &sp.Code, &sp.Name, &sp.Country, &created)
	sp.CreatedAt = fromMicros(created)
	return sp, err
}

// CreateSponsor inserts a sponsor organisation.
func (t *Tx) CreateSponsor(ctx context.Context, in sojourn.SponsorInput, now time.Time) (sojourn.Sponsor, error) {
	id, err := t.insert(ctx, "INSERT INTO sponsors (code, name, country, created_at) VALUES (?, ?, ?, ?)",
		in.Code, in.Name, in.Country, micros(now))
	return sojourn.Sponsor{ID: id, Code: in.Code, Name: in.Name, Country: in.Country,
		CreatedAt: fromMicros(micros(now)), Accreditations: []sojourn.Accreditation{}}, err
}

// SponsorByCode returns a sponsor with its accreditations.
func (t *Tx) SponsorByCode(ctx context.Context, code string) (sojourn.Sponsor, error) {
	sp, err := getOne(ctx, t, "sponsor "+code, scanSponsor, sponsorColumns+" WHERE code = ?", code)
	if err != nil {
		return sp, err
	}
	sp.Accreditations, err = t.AccreditationsOf(ctx, code)
	return sp, err
}

// ListSponsors returns every sponsor (without accreditations) by code.
func (t *Tx) ListSponsors(ctx context.Context) ([]sojourn.Sponsor, error) {
	return getAll(ctx, t, scanSponsor, sponsorColumns+" ORDER BY code")
}

const accreditationColumns = "SELECT id, sponsor, authority, valid_from, valid_to, revoked_on FROM accreditations"

func scanAccreditation(s scanner) (sojourn.Accreditation, error) {
	var a sojourn.Accreditation
	err := s.Scan(&a.ID, &a.Sponsor, &a.Authority, &a.ValidFrom, &a.ValidTo, &a.RevokedOn)
	return a, err
}

// CreateAccreditation accredits a sponsor with an authority for a period.
func (t *Tx) CreateAccreditation(ctx context.Context, sponsor string, in sojourn.AccreditationInput) (sojourn.Accreditation, error) {
	id, err := t.insert(ctx, "INSERT INTO accreditations (sponsor, authority, valid_from, valid_to) VALUES (?, ?, ?, ?)",
		sponsor, in.Authority, in.ValidFrom, in.ValidTo)
	return sojourn.Accreditation{ID: id, Sponsor: sponsor, Authority: in.Authority,
		Period: sojourn.Period{ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}}, err
}

// AccreditationByID returns one accreditation.
func (t *Tx) AccreditationByID(ctx context.Context, id int64) (sojourn.Accreditation, error) {
	return getOne(ctx, t, "accreditation", scanAccreditation, accreditationColumns+" WHERE id = ?", id)
}

// RevokeAccreditation records that an accreditation no longer counts from on.
func (t *Tx) RevokeAccreditation(ctx context.Context, id int64, on sojourn.Date) error {
	_, err := t.update(ctx, "UPDATE accreditations SET revoked_on = ? WHERE id = ?", on, id)
	return err
}

// AccreditationsOf returns a sponsor's accreditations, oldest first.
func (t *Tx) AccreditationsOf(ctx context.Context, sponsor string) ([]sojourn.Accreditation, error) {
	return getAll(ctx, t, scanAccreditation, accreditationColumns+" WHERE sponsor = ? ORDER BY valid_from, id", sponsor)
}
