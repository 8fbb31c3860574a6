package service

import (
	"context"
	"slices"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Permit returns the permit numbered number with its holder, status and
// revocation. Numbers run per authority: when the caller sees permits of
// that number at several authorities, authority must name one. A permit
// outside the caller's jurisdiction or clearance is not found; reading one
// of a classified case is audited.
func (s *Service) Permit(ctx context.Context, number, authority string) (sojourn.PermitRecord, error) {
	if _, err := authorize(ctx, access.ReadCase, access.Target{}); err != nil {
		return sojourn.PermitRecord{}, err
	}
	var out sojourn.PermitRecord
	err := s.readLoggedAll(ctx, access.ReadCase, func(tx *store.Tx) ([]sighting, error) {
		row, err := s.visiblePermit(ctx, tx, access.ReadCase, number, authority)
		if err != nil {
			return nil, err
		}
		out, err = s.permitRecord(ctx, tx, row)
		return []sighting{{objectID("permit", row.Permit.ID), row.Classification, out.Permit}}, err
	})
	return out, err
}

// visiblePermit finds the one permit numbered number (of authority, if
// given) the actor may take act on.
func (s *Service) visiblePermit(ctx context.Context, tx *store.Tx, act access.Action, number, authority string) (store.PermitRow, error) {
	rows, err := tx.PermitsNumbered(ctx, number, authority, visibility(ActorFrom(ctx)))
	switch {
	case err != nil:
		return store.PermitRow{}, err
	case len(rows) == 0:
		return store.PermitRow{}, sojourn.NotFound()
	case len(rows) > 1:
		return store.PermitRow{}, &sojourn.Error{Code: sojourn.CodeInvalid, Message: "permit number " + number + " is used by several authorities",
			Fields: []sojourn.FieldError{{Field: "authority", Message: "name the issuing authority"}}}
	}
	row := rows[0]
	_, err = authorize(ctx, act, access.Target{Authority: row.Permit.Authority, Classification: row.Classification})
	return row, err
}

// permitRecord completes a permit row with its holder, authority and
// status today.
func (s *Service) permitRecord(ctx context.Context, tx *store.Tx, row store.PermitRow) (sojourn.PermitRecord, error) {
	p := row.Permit
	holder, err := tx.PersonByID(ctx, p.PersonID)
	if err != nil {
		return sojourn.PermitRecord{}, err
	}
	auth, err := tx.AuthorityByCode(ctx, p.Authority)
	if err != nil {
		return sojourn.PermitRecord{}, err
	}
	return sojourn.PermitRecord{Permit: p, AuthorityName: auth.Name, Holder: holder.Names, BirthDate: holder.BirthDate,
		IssuedOn: row.IssuedOn, Status: p.StatusOn(sojourn.DateOf(s.now()), row.Revocation != nil),
		Revocation: row.Revocation, VerifyToken: row.Token}, nil
}

// RevokePermit revokes a permit from a day, with grounds and legal
// references: the permit's status becomes revoked (its verification page
// says so) and its fact in the status ledger ends the day before (or is
// retracted, when revoked before it began). The day may not be in the
// future, nor before the permit was issued, and the authority must exist
// on it. A permit is revoked once.
func (s *Service) RevokePermit(ctx context.Context, number, authority string, in sojourn.PermitRevocationInput) (sojourn.PermitRecord, error) {
	if err := precheck(ctx, access.RevokePermit, in); err != nil {
		return sojourn.PermitRecord{}, err
	}
	var out sojourn.PermitRecord
	err := s.write(ctx, func(tx *store.Tx) error {
		row, err := s.visiblePermit(ctx, tx, access.RevokePermit, number, authority)
		if err != nil {
			return err
		}
		if err := s.checkRevocation(ctx, tx, row, in); err != nil {
			return err
		}
		a := ActorFrom(ctx)
		rev := sojourn.PermitRevocation{RevokedOn: in.RevokedOn, Grounds: in.Grounds, LegalRefs: in.LegalRefs,
			RevokedBy: a.Name, RecordedAt: tx.Now()}
		if err := tx.RevokePermit(ctx, row.Permit, rev); err != nil {
			return err
		}
		if err := endPermitFact(ctx, tx, row.Permit, rev); err != nil {
			return err
		}
		row.Revocation = &rev
		if out, err = s.permitRecord(ctx, tx, row); err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.RevokePermit, objectID("permit", row.Permit.ID), rev)
	})
	return out, err
}

// checkRevocation refuses a second revocation and one dated in the
// future, before the permit was issued or when its authority did not
// exist.
func (s *Service) checkRevocation(ctx context.Context, tx *store.Tx, row store.PermitRow, in sojourn.PermitRevocationInput) error {
	if row.Revocation != nil {
		return sojourn.Errorf(sojourn.CodeConflict, "permit %s was already revoked on %s", row.Permit.Number, row.Revocation.RevokedOn)
	}
	field := func(msg string) error {
		return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid revocation",
			Fields: []sojourn.FieldError{{Field: "revoked_on", Message: msg}}}
	}
	if in.RevokedOn.After(sojourn.DateOf(s.now())) {
		return field("is in the future; a permit is revoked from today at the latest")
	}
	if in.RevokedOn.Before(row.IssuedOn) {
		return field("is before the permit was issued (" + row.IssuedOn.String() + ")")
	}
	auth, err := tx.AuthorityByCode(ctx, row.Permit.Authority)
	if err != nil {
		return err
	}
	if !auth.ActiveOn(in.RevokedOn) {
		return notInOffice(auth, in.RevokedOn)
	}
	return nil
}

// endPermitFact ends the permit's current fact in the status ledger the
// day before the revocation, superseding it (a revocation before the
// permit began retracts it).
func endPermitFact(ctx context.Context, tx *store.Tx, p sojourn.Permit, rev sojourn.PermitRevocation) error {
	facts, err := tx.FactsOf(ctx, p.PersonID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(facts, func(f sojourn.StatusFact) bool {
		return f.Kind == sojourn.FactPermit && f.Ref == p.Number && f.Authority == p.Authority && f.SupersededAt == nil && !f.Retracted
	})
	if i < 0 {
		return nil // already retracted by a correction
	}
	old := facts[i]
	in := sojourn.CorrectionInput{Reason: "permit revoked: " + rev.Grounds}
	switch {
	case !rev.RevokedOn.After(old.ValidFrom):
		in.Retract = true
	case old.ValidTo.IsZero() || !old.ValidTo.Before(rev.RevokedOn):
		in.ValidTo = rev.RevokedOn.AddDays(-1)
	default:
		return nil // it had ended before the revocation
	}
	ended := in.Apply(old)
	ended.RecordedAt, ended.RecordedBy = rev.RecordedAt, rev.RevokedBy
	_, err = supersede(ctx, tx, old, ended)
	return err
}
