package sojourn

import (
	"strings"
	"time"
	"unicode"
)

// Permit statuses, as the public verification page states them.
const (
	PermitValid   = "valid"
	PermitExpired = "expired"
	PermitRevoked = "revoked"
	PermitUnknown = "unknown"
)

// StatusOn is the permit's status on d: revoked once revoked, else
// expired after its last day, else valid.
func (p Permit) StatusOn(d Date, revoked bool) string {
	switch {
	case revoked:
		return PermitRevoked
	case !p.ValidTo.IsZero() && d.After(p.ValidTo):
		return PermitExpired
	}
	return PermitValid
}

// PermitRecord is a permit as an officer reads it: with its holder, the
// decision date it was issued on, its status today and its revocation.
type PermitRecord struct {
	Permit
	AuthorityName string            `json:"authority_name"`
	Holder        []Name            `json:"holder"`
	BirthDate     Date              `json:"holder_birth_date"`
	IssuedOn      Date              `json:"issued_on"`
	Status        string            `json:"status" enum:"valid,expired,revoked"`
	Revocation    *PermitRevocation `json:"revocation,omitempty"`
	VerifyURL     string            `json:"verify_url,omitempty" doc:"the public verification page its QR code holds"`
	// VerifyToken is the secret of the verification page; it is shown only
	// inside VerifyURL, and is "" for a permit issued before verification.
	VerifyToken string `json:"-"`
}

// PermitRevocation is the reasoned revocation of a permit.
type PermitRevocation struct {
	RevokedOn  Date      `json:"revoked_on"`
	Grounds    string    `json:"grounds"`
	LegalRefs  []string  `json:"legal_refs"`
	RevokedBy  string    `json:"revoked_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// PermitRevocationInput is what an officer submits to revoke a permit.
type PermitRevocationInput struct {
	RevokedOn Date     `json:"revoked_on" doc:"the day the permit ceases to be valid; not after today"`
	Grounds   string   `json:"grounds" minLength:"1" maxLength:"20000" example:"The holder left the country for good on 1938-05-02 (evidence 3)."`
	LegalRefs []string `json:"legal_refs" minItems:"1" maxItems:"50" doc:"the provisions the revocation rests on" example:"[\"Regulation on residence of 1934, art. 12\"]"`
}

// Validate checks the input field by field.
func (in PermitRevocationInput) Validate() error {
	var p Problems
	p.RequireDate("revoked_on", in.RevokedOn)
	p.Require("grounds", in.Grounds)
	p.MaxLen("grounds", in.Grounds, 20000)
	p.PlainText("grounds", in.Grounds)
	if len(in.LegalRefs) == 0 {
		p.Add("legal_refs", "name at least one legal reference")
	}
	for _, r := range in.LegalRefs {
		if strings.TrimSpace(r) == "" {
			p.Add("legal_refs", "a legal reference is empty")
			break
		}
	}
	return p.Err("revocation")
}

// PermitCheck is everything the public verification page shows of a
// permit: its number, the holder's initials, its validity and status.
// An unknown token shows Status unknown and nothing else.
type PermitCheck struct {
	Status    string `json:"status" enum:"valid,expired,revoked,unknown"`
	Number    string `json:"number,omitempty"`
	Initials  string `json:"initials,omitempty"`
	ValidFrom Date   `json:"valid_from,omitzero"`
	ValidTo   Date   `json:"valid_to,omitzero"`
}

// Initials returns the holder's initials, e.g. "A. W.", from their Latin
// name if they have one, else from their first name.
func Initials(names []Name) string {
	if len(names) == 0 {
		return ""
	}
	n := names[0]
	for _, m := range names {
		if s, _ := ScriptName(m.Script); s == "Latin" {
			n = m
			break
		}
	}
	var parts []string
	for _, w := range strings.Fields(n.Given + " " + n.Family) {
		r := []rune(w)
		parts = append(parts, string(unicode.ToUpper(r[0]))+".")
	}
	return strings.Join(parts, " ")
}
