package e2e

import (
	"net/http"

	"sojourn"
)

// setupAuthority creates an authority of a kind under a parent ("" for
// none) that decides caseTypes itself, with a clerk and an officer.
func (s *server) setupAuthority(code, kind, parent, from string, caseTypes ...string) office {
	in := map[string]any{"code": code, "name": code + " (fictional)", "kind": kind, "valid_from": from}
	if len(caseTypes) > 0 {
		in["case_types"] = caseTypes
	}
	if parent != "" {
		in["parent"] = parent
	}
	s.must(http.StatusCreated, s.admin, "POST", "/api/v1/authorities", in)
	return office{
		code:    code,
		clerk:   s.user(code+"-clerk", sojourn.RoleClerk, code, sojourn.Restricted),
		officer: s.user(code+"-officer", sojourn.RoleOfficer, code, sojourn.Secret),
	}
}

// head creates the head of an authority and returns the token.
func (s *server) head(code string) string {
	return s.user(code+"-head", sojourn.RoleHead, code, sojourn.Secret)
}

// citizen registers a person of a country with an authority.
func (s *server) citizen(o office, given, family, country string) int64 {
	r := s.must(http.StatusCreated, o.clerk, "POST", "/api/v1/persons", map[string]any{
		"authority": o.code, "birth_date": "1921-05-17", "country_of_origin": country, "confirm_new": true,
		"names": []map[string]string{{"script": "Latin", "given": given, "family": family}},
	})
	return id(r.JSON())
}

// fileType files a case of a type and returns its id.
func (s *server) fileType(o office, caseType string, personID int64, filedOn string) int64 {
	return id(s.must(http.StatusCreated, o.clerk, "POST", "/api/v1/cases", map[string]any{
		"type": caseType, "person_id": personID, "authority": o.code, "filed_on": filedOn,
	}).JSON())
}

// concur records the host authorities' concurrence on a case.
func (s *server) concur(token string, caseID int64, on, ref string) map[string]any {
	return s.must(http.StatusOK, token, "POST", path("/api/v1/cases/%d/concurrences", caseID), map[string]any{
		"party": "HOST authorities", "given_on": on, "reference": ref,
	}).JSON()
}

// s8Delegation is HQ's delegation of return requests of its citizens to
// EMB-P from 1956-02-10, with the conditions and the report of S8.
func s8Delegation() map[string]any {
	return map[string]any{
		"from": "HQ", "to": "EMB-P", "valid_from": "1956-02-10",
		"scope":     map[string]any{"case_types": []string{"return_request"}, "countries": []string{"CS"}},
		"legal_ref": "HQ circular 1956/7",
		"conditions": []map[string]string{
			{"id": "individual_case", "when": "individual_case", "message": "the request must be an individual case"},
			{"id": "justified", "when": "justified", "message": "the request must be justified"},
			{"id": "host_concurrence", "when": "host_concurrence", "message": "the concurrence of the HOST authorities must be recorded"},
			{"id": "no_pending_liability", "when": "!pending_liability || reasons_given",
				"message": "no liability (misconduct proceedings) may be pending in the host country unless the decision gives reasons"},
		},
		"obligations": []map[string]any{
			{"id": "report", "within_days": 14, "report": "Report naming the person dispatched and the reason"},
		},
	}
}

// decisionUnder is a decision body meeting the officer-stated conditions,
// by hand (no policy pack decides return requests in these tests).
func decisionUnder(outcome, on, grounds string) map[string]any {
	return byHand(map[string]any{"outcome": outcome, "grounds": grounds, "decided_on": on,
		"individual_case": true, "justified": true})
}

// s8World is HQ, its embassy EMB-P and HQ's delegation to it.
type s8World struct {
	hq, emb        office
	hqHead, emHead string
	delegation     int64
}

func (s *server) setupS8() s8World {
	w := s8World{
		hq:  s.setupAuthority("HQ", "ministry", "", "1918-10-28", "return_request"),
		emb: s.setupAuthority("EMB-P", "embassy", "HQ", "1945-06-01"),
	}
	w.hqHead, w.emHead = s.head("HQ"), s.head("EMB-P")
	w.delegation = id(s.must(http.StatusCreated, w.hqHead, "POST", "/api/v1/delegations", s8Delegation()).JSON())
	return w
}

// returnRequest files a concurred return request of a citizen of CS at
// EMB-P and returns the case id.
func (s *server) returnRequest(w s8World, given, family, filed string) int64 {
	c := s.fileType(w.emb, "return_request", s.citizen(w.emb, given, family, "CS"), filed)
	s.concur(w.emb.clerk, c, filed, "HOST note "+family)
	return c
}
