package e2e

import (
	"net/http"

	"sojourn"
)

// office is an authority with its staff, set up over the API.
type office struct {
	code    string
	clerk   string // tokens
	officer string
}

// setupOffice creates an authority and a clerk and officer working there.
func (s *server) setupOffice(code, name string) office {
	s.must(http.StatusCreated, s.admin, "POST", "/api/v1/authorities", map[string]any{
		"code": code, "name": name, "kind": "department", "places": []string{"Capital"}, "valid_from": "1930-01-01",
		"case_types": []string{"residence_permit"},
	})
	return office{
		code:    code,
		clerk:   s.user(code+"-clerk", sojourn.RoleClerk, code, sojourn.Restricted),
		officer: s.user(code+"-officer", sojourn.RoleOfficer, code, sojourn.Secret),
	}
}

// setupSponsor registers a sponsor accredited with an authority from a date.
func (s *server) setupSponsor(code, name, authority, from string) {
	s.must(http.StatusCreated, s.admin, "POST", "/api/v1/sponsors", map[string]any{
		"code": code, "name": name, "country": "CS",
	})
	s.must(http.StatusCreated, s.admin, "POST", "/api/v1/sponsors/"+code+"/accreditations", map[string]any{
		"authority": authority, "valid_from": from,
	})
}

// person registers a person with one Latin name and returns their id. It
// confirms a new person: fixtures register namesakes on purpose (the
// duplicate guard is TestDuplicateGuard's).
func (s *server) person(token, authority, given, family, born string) int64 {
	r := s.must(http.StatusCreated, token, "POST", "/api/v1/persons", map[string]any{
		"authority": authority, "birth_date": born, "country_of_origin": "CS", "confirm_new": true,
		"names": []map[string]string{{"script": "Latin", "given": given, "family": family}},
	})
	return id(r.JSON())
}

// fileCase files a residence-permit case and returns it.
func (s *server) fileCase(token, authority string, personID int64, filedOn string, petition map[string]any) map[string]any {
	in := map[string]any{"type": "residence_permit", "person_id": personID, "authority": authority, "filed_on": filedOn}
	if petition != nil {
		in["petition"] = petition
	}
	return s.must(http.StatusCreated, token, "POST", "/api/v1/cases", in).JSON()
}

// passport records a passport for a person.
func (s *server) passport(token string, personID int64, number, from, to string) {
	s.must(http.StatusCreated, token, "POST", path("/api/v1/persons/%d/documents", personID), map[string]any{
		"kind": "passport", "number": number, "issuing_state": "CS", "valid_from": from, "valid_to": to,
	})
}

// grantPermit files a case for the person and grants a permit for the period.
func (s *server) grantPermit(o office, personID int64, from, to string) map[string]any {
	c := s.fileCase(o.clerk, o.code, personID, from, nil)
	return s.must(http.StatusOK, o.officer, "POST", path("/api/v1/cases/%d/decision", id(c)), byHand(map[string]any{
		"outcome": "grant", "grounds": "Requirements met.", "decided_on": from,
		"permit_valid_from": from, "permit_valid_to": to,
	})).JSON()
}

// byHand gives a decision body the override grounds of a decision made by
// hand: with no policy pack in force for the case type, a decision
// without them is refused. Fixtures of tests about something else than
// policy evaluation upload no pack and decide so.
func byHand(decision map[string]any) map[string]any {
	decision["override_grounds"] = "Decided by hand: no policy pack for this case type is in force in this test."
	return decision
}
