package e2e

import (
	"net/http"
	"testing"

	"sojourn"
)

// TestHiddenAnswersAsMissing — everything a caller may not see answers
// exactly as something that does not exist, byte for byte, on every route;
// and nobody writes about a person kept by another authority.
func TestHiddenAnswersAsMissing(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		theirs := s.person(rso.clerk, "RSO", "Eva", "Kral", "1902-04-11")
		s.passport(rso.clerk, theirs, "P-1", "1930-01-01", "1950-01-01")
		theirCase := id(s.fileCase(rso.clerk, "RSO", theirs, "1937-11-02", nil))
		vrdTS := s.user("VRD-ts", sojourn.RoleOfficer, "VRD", sojourn.TopSecret)
		ours := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		secret := s.caseAt(vrdTS, "residence_permit", "VRD", ours, "1937-11-02", sojourn.TopSecret, nil)
		const missing = 999999
		decide := map[string]any{"outcome": "grant", "grounds": "g", "decided_on": "1937-11-20"}
		evidence := map[string]any{"kind": "stated", "claim": "c", "source": "s", "received_on": "1937-11-03"}

		routes := []struct {
			name, token, method, format string
			hidden                      int64
			body                        any
		}{
			{"case of another authority", vrd.officer, "GET", "/api/v1/cases/%d", theirCase, nil},
			{"case above clearance", vrd.officer, "GET", "/api/v1/cases/%d", secret, nil},
			{"decide a case of another authority", vrd.officer, "POST", "/api/v1/cases/%d/decision", theirCase, decide},
			{"decide a case above clearance", vrd.officer, "POST", "/api/v1/cases/%d/decision", secret, decide},
			{"evidence on a case above clearance", vrd.clerk, "POST", "/api/v1/cases/%d/evidence", secret, evidence},
			{"evaluate a case of another authority", vrd.clerk, "POST", "/api/v1/cases/%d/evaluation", theirCase, nil},
			{"person of another authority", vrd.clerk, "GET", "/api/v1/persons/%d", theirs, nil},
			{"their status", vrd.clerk, "GET", "/api/v1/persons/%d/status", theirs, nil},
			{"their facts", vrd.clerk, "GET", "/api/v1/persons/%d/facts", theirs, nil},
			{"correct their person", vrd.officer, "POST", "/api/v1/persons/%d/corrections", theirs,
				map[string]any{"birth_date": "1902-04-12", "reason": "Misread."}},
			{"correct their fact", vrd.officer, "POST", "/api/v1/persons/%d/facts/1/corrections", theirs,
				map[string]any{"retract": true, "reason": "Misread."}},
			{"correct their document", vrd.officer, "POST", "/api/v1/persons/%d/documents/1/corrections", theirs,
				map[string]any{"number": "P-2", "reason": "Misread."}},
			{"their documents", vrd.clerk, "POST", "/api/v1/persons/%d/documents", theirs,
				map[string]any{"kind": "passport", "number": "X", "issuing_state": "CS", "valid_from": "1930-01-01"}},
		}
		for _, r := range routes {
			t.Run(r.name, func(t *testing.T) {
				s := s.with(t)
				s.sameAnswer(t, r.token, r.method, path(r.format, r.hidden), path(r.format, missing), r.body)
			})
		}
		t.Run("tokens of another user", func(t *testing.T) {
			s := s.with(t)
			for _, method := range []string{"GET", "POST"} {
				s.sameAnswer(t, vrd.clerk, method, "/api/v1/users/VRD-officer/tokens", "/api/v1/users/nobody/tokens",
					map[string]any{"name": "n", "scope": "read"})
			}
			s.sameAnswer(t, vrd.clerk, "POST", "/api/v1/users/VRD-officer/tokens/1/revocation", "/api/v1/users/nobody/tokens/1/revocation", nil)
			s.sameAnswer(t, vrd.clerk, "PUT", "/api/v1/users/VRD-officer/password", "/api/v1/users/nobody/password",
				map[string]any{"password": "long enough password"})
		})
		t.Run("file a case about their person", func(t *testing.T) {
			s := s.with(t)
			file := func(person int64) response {
				return s.call(vrd.clerk, "POST", "/api/v1/cases", map[string]any{"type": "residence_permit",
					"person_id": person, "authority": "VRD", "filed_on": "1937-11-02"})
			}
			hidden, nowhere := file(theirs), file(missing)
			if hidden.Status != http.StatusUnprocessableEntity || hidden.withoutInstance() != nowhere.withoutInstance() {
				t.Fatalf("a person of RSO answers %s\nbut no person answers %s", hidden, nowhere)
			}
			if l := s.must(http.StatusOK, rso.clerk, "GET", path("/api/v1/cases?person_id=%d", theirs), nil).List(); len(l) != 1 {
				t.Fatalf("cases about RSO's person = %v", l)
			}
		})
	})
}
