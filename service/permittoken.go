package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"

	"sojourn"
	"sojourn/store"
)

// permitTokenBytes is the size of a verification token: 256 random bits,
// far past guessing.
const permitTokenBytes = 32

// newPermitToken returns a fresh verification token (URL-safe base64 of
// random bytes) and the hash it is looked up by.
func newPermitToken() (token, hash string) {
	b := make([]byte, permitTokenBytes)
	rand.Read(b) // never fails (crypto/rand panics if the system has no randomness)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token)
}

// tokenHash is the SHA-256 of a token, in hex: what the database indexes,
// so a lookup never compares the secret itself byte by byte in an index.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// addPermitToken gives a newly issued permit its verification token.
func addPermitToken(ctx context.Context, tx *store.Tx, p sojourn.Permit) error {
	token, hash := newPermitToken()
	return tx.AddPermitToken(ctx, p, token, hash)
}

// decoyToken stands in for the stored token when none matched, so that an
// unknown token costs the same comparison as a known one.
var decoyToken = base64.RawURLEncoding.EncodeToString(make([]byte, permitTokenBytes))

// VerifyPermit answers the public verification page of a token: the
// permit's number, holder's initials, validity and status today, or
// status unknown and nothing else. It needs no actor. Every token, well
// formed or not, is hashed and looked up, and the stored token is
// confirmed by a constant-time comparison, so an unknown token takes the
// same path as a known one.
func (s *Service) VerifyPermit(ctx context.Context, token string) (sojourn.PermitCheck, error) {
	unknown := sojourn.PermitCheck{Status: sojourn.PermitUnknown}
	var out sojourn.PermitCheck
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		row, err := tx.PermitByTokenHash(ctx, tokenHash(token))
		stored := row.Token
		if err != nil {
			stored = decoyToken
		}
		match := subtle.ConstantTimeCompare([]byte(stored), []byte(token)) == 1
		if sojourn.ErrorCode(err) == sojourn.CodeNotFound || (err == nil && !match) {
			out = unknown
			return nil
		}
		if err != nil {
			return err
		}
		holder, err := tx.PersonByID(ctx, row.Permit.PersonID)
		if err != nil {
			return err
		}
		p := row.Permit
		out = sojourn.PermitCheck{Number: p.Number, Initials: sojourn.Initials(holder.Names), ValidFrom: p.ValidFrom,
			ValidTo: p.ValidTo, Status: p.StatusOn(sojourn.DateOf(s.now()), row.Revocation != nil)}
		return nil
	})
	return out, err
}
