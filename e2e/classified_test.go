package e2e

import (
	"net/http"
	"strings"
	"testing"

	"sojourn"
)

// sameAnswer fails unless asking for a hidden object and for one that does
// not exist answer the same status and the same bytes, but for the
// problem document's instance (each names its own request).
func (s *server) sameAnswer(t *testing.T, token, method, hidden, missing string, body any) {
	t.Helper()
	h, m := s.call(token, method, hidden, body), s.call(token, method, missing, body)
	if h.Status != m.Status || h.Status < 400 || h.withoutInstance() != m.withoutInstance() {
		t.Errorf("%s %s answers %s\nbut %s answers %s", method, hidden, h, missing, m)
	}
}

// caseAt files a case of a classification as the given user and returns its id.
func (s *server) caseAt(token, caseType, authority string, personID int64, filedOn string, level sojourn.Level, petition map[string]any) int64 {
	s.t.Helper()
	in := map[string]any{"type": caseType, "person_id": personID, "authority": authority, "filed_on": filedOn, "classification": level}
	if petition != nil {
		in["petition"] = petition
	}
	return id(s.must(http.StatusCreated, token, "POST", "/api/v1/cases", in).JSON())
}

// TestClassifiedObligations — an obligation is seen only by staff of the
// two authorities with the clearance for its case: one by id, overdue
// lists and fulfilment alike.
func TestClassifiedObligations(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS8()
		embTS := s.user("EMB-P-ts", sojourn.RoleOfficer, "EMB-P", sojourn.TopSecret)
		hqTS := s.user("HQ-ts", sojourn.RoleHead, "HQ", sojourn.TopSecret)
		secret := s.caseAt(embTS, "return_request", "EMB-P", s.citizen(w.emb, "Karel", "Dvorak", "CS"), "1956-02-20", sojourn.TopSecret, nil)
		s.concur(embTS, secret, "1956-02-20", "HOST note Dvorak")
		dec := s.must(http.StatusOK, embTS, "POST", path("/api/v1/cases/%d/decision", secret),
			decisionUnder("grant", "1956-03-01", "Grounds known to few.")).JSON()
		hidden := id(dec["obligations"].([]any)[0].(map[string]any))
		open := s.returnRequest(w, "Milena", "Horak", "1956-02-20")
		dec = s.must(http.StatusOK, w.emb.officer, "POST", path("/api/v1/cases/%d/decision", open),
			decisionUnder("grant", "1956-03-02", "Return granted: contract ended.")).JSON()
		visible := id(dec["obligations"].([]any)[0].(map[string]any))

		for name, token := range map[string]string{"delegator": w.hq.officer, "obligor": w.emb.officer} {
			t.Run(name+" without clearance", func(t *testing.T) {
				s := s.with(t)
				s.sameAnswer(t, token, "GET", path("/api/v1/obligations/%d", hidden), "/api/v1/obligations/999999", nil)
				if r := s.call(token, "GET", path("/api/v1/obligations/%d", hidden), nil); strings.Contains(string(r.Body), "Dvorak") {
					t.Fatalf("the person leaks: %s", r)
				}
			})
		}
		s.sameAnswer(t, w.emb.officer, "POST", path("/api/v1/obligations/%d/fulfilment", hidden), "/api/v1/obligations/999999/fulfilment",
			map[string]any{"report_ref": "1/56", "fulfilled_on": "1956-03-10"})
		if o := s.must(http.StatusOK, hqTS, "GET", path("/api/v1/obligations/%d", hidden), nil).JSON(); o["classification"] != "top_secret" {
			t.Fatalf("obligation for the cleared head = %v", o)
		}
		auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
		uncleared := s.user("auditor-low", sojourn.RoleAuditor, "", sojourn.Secret)
		reads := path("/api/v1/audit?action=obligations.read&object=obligation/%d", hidden)
		if l := s.must(http.StatusOK, auditor, "GET", reads, nil).List(); len(l) != 1 || l[0]["actor"] != "HQ-ts" {
			t.Fatalf("reads of the top-secret obligation in the log = %v", l)
		}
		if l := s.must(http.StatusOK, uncleared, "GET", reads, nil).List(); len(l) != 0 {
			t.Fatalf("an auditor cleared secret sees %v", l)
		}
		overdue := func(token string) []int64 {
			var ids []int64
			for _, o := range s.must(http.StatusOK, token, "GET", "/api/v1/authorities/HQ/overdue?on=1956-03-20", nil).List() {
				ids = append(ids, id(o))
			}
			return ids
		}
		if l := overdue(w.hq.officer); len(l) != 1 || l[0] != visible {
			t.Fatalf("overdue list without clearance = %v, want only %d", l, visible)
		}
		if l := overdue(hqTS); len(l) != 2 {
			t.Fatalf("overdue list with clearance = %v", l)
		}
		lowAdmin := s.user("admin-low", sojourn.RoleAdmin, "", sojourn.Unclassified)
		flagged := s.must(http.StatusOK, lowAdmin, "POST", "/api/v1/obligations/overdue-flags", map[string]any{"on": "1956-03-20"}).List()
		if len(flagged) != 1 || id(flagged[0]) != visible {
			t.Fatalf("flagged, as told to an uncleared administrator = %v", flagged)
		}
	})
}

// TestClassifiedWhatIf — a what-if run's results are filtered by the
// reader's clearance, whoever started the run, in the query before the
// page limit.
func TestClassifiedWhatIf(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		vrdTS := s.user("VRD-ts", sojourn.RoleOfficer, "VRD", sojourn.TopSecret)
		s.setupSponsor("IAS", "International Aid Society", "VRD", "1935-01-01")
		s.uploadPack(residencePack(t, false))
		petition := map[string]any{"sponsor": "IAS", "filed_on": "1938-02-20"}
		secret := s.caseAt(vrdTS, "residence_permit", "VRD", s.person(vrd.clerk, "VRD", "Jan", "Novak", "1899-08-21"), "1938-02-20", sojourn.TopSecret, petition)
		open := s.caseAt(vrd.clerk, "residence_permit", "VRD", s.person(vrd.clerk, "VRD", "Eva", "Kral", "1902-04-11"), "1938-02-20", sojourn.Unclassified, petition)
		draft := strings.Replace(residencePack(t, true), "    effective_to: 1938-01-31\n", "", 1)
		run := id(s.must(http.StatusAccepted, vrdTS, "POST", "/api/v1/policy/whatif",
			map[string]any{"pack": "residence", "version": "1930", "scope": "all", "source": draft}).JSON())
		if done := s.awaitRun(vrdTS, run); done["changes"] != 2.0 {
			t.Fatalf("run for the cleared officer = %v", done)
		}
		page := s.must(http.StatusOK, vrd.officer, "GET", path("/api/v1/policy/whatif/%d?limit=1", run), nil)
		changed := page.JSON()["changed"].([]any)
		if page.JSON()["changes"] != 1.0 || len(changed) != 1 || int64(changed[0].(map[string]any)["case_id"].(float64)) != open {
			t.Fatalf("run read by an officer without clearance = %s", page)
		}
		if strings.Contains(string(page.Body), "Novak") || strings.Contains(string(page.Body), path(`"case_id":%d`, secret)) {
			t.Fatalf("the secret case leaks: %s", page)
		}
		s.sameAnswer(t, rso.officer, "GET", path("/api/v1/policy/whatif/%d", run), "/api/v1/policy/whatif/999999", nil)
	})
}

// TestClassifiedAudit — an auditor sees only the entries their clearance
// covers, selected before the limit; exporting the whole log needs the
// highest clearance.
func TestClassifiedAudit(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		vrdTS := s.user("VRD-ts", sojourn.RoleOfficer, "VRD", sojourn.TopSecret)
		low := s.user("auditor-low", sojourn.RoleAuditor, "", sojourn.Unclassified)
		top := s.user("auditor-top", sojourn.RoleAuditor, "", sojourn.TopSecret)
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		var secret []int64
		for range 5 {
			c := s.caseAt(vrdTS, "residence_permit", "VRD", p, "1937-11-02", sojourn.TopSecret, nil)
			s.must(http.StatusOK, vrdTS, "GET", path("/api/v1/cases/%d", c), nil)
			secret = append(secret, c)
		}
		open := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))

		for _, c := range secret {
			if l := s.must(http.StatusOK, low, "GET", path("/api/v1/audit?object=case/%d", c), nil).List(); len(l) != 0 {
				t.Fatalf("uncleared auditor reads entries of top-secret case %d: %v", c, l)
			}
			if l := s.must(http.StatusOK, top, "GET", path("/api/v1/audit?object=case/%d", c), nil).List(); len(l) != 2 {
				t.Fatalf("cleared auditor reads %v of case %d, want its filing and its read", l, c)
			}
		}
		s.uploadPack(residencePack(t, false))
		s.evaluate(vrdTS, secret[0])
		evaluated := path("/api/v1/audit?action=case.evaluate&object=case/%d", secret[0])
		if l := s.must(http.StatusOK, top, "GET", evaluated, nil).List(); len(l) != 1 || l[0]["actor"] != "VRD-ts" {
			t.Fatalf("the evaluation of a top-secret case in the log = %v", l)
		}
		if l := s.must(http.StatusOK, low, "GET", evaluated, nil).List(); len(l) != 0 {
			t.Fatalf("uncleared auditor sees the evaluation: %v", l)
		}
		l := s.must(http.StatusOK, low, "GET", "/api/v1/audit?action=case.file&limit=1", nil).List()
		if len(l) != 1 || l[0]["object"] != path("case/%d", open) {
			t.Fatalf("first filing the uncleared auditor may see = %v, want case/%d", l, open)
		}
		s.must(http.StatusForbidden, low, "GET", "/api/v1/audit/export", nil)
		s.must(http.StatusOK, top, "GET", "/api/v1/audit/export", nil)
	})
}

// TestListingsFilterBeforeLimit — every listing selects what the reader may
// see in its query, then applies the limit: a page is never emptied by
// hidden rows in front of visible ones.
func TestListingsFilterBeforeLimit(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		vrd := s.setupOffice("VRD", "Visa and Registration Department")
		rso := s.setupOffice("RSO", "Riverside Office")
		vrdTS := s.user("VRD-ts", sojourn.RoleOfficer, "VRD", sojourn.TopSecret)
		p := s.person(vrd.clerk, "VRD", "Anna", "Wirth", "1905-03-14")
		first := id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-02", nil))
		for range 3 {
			s.caseAt(vrdTS, "residence_permit", "VRD", p, "1937-11-02", sojourn.TopSecret, nil)
			s.fileCase(rso.clerk, "RSO", s.person(rso.clerk, "RSO", "Jan", "Novak", "1899-08-21"), "1937-11-02", nil)
		}
		want := []int64{id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-03", nil)), id(s.fileCase(vrd.clerk, "VRD", p, "1937-11-04", nil))}
		l := s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/cases?after=%d&limit=2", first), nil).List()
		if len(l) != 2 || id(l[0]) != want[0] || id(l[1]) != want[1] {
			t.Fatalf("cases after %d, two at most = %v, want %v", first, l, want)
		}
		l = s.must(http.StatusOK, vrd.clerk, "GET", path("/api/v1/persons?after=%d&limit=1", p-1), nil).List()
		if len(l) != 1 || id(l[0]) != p {
			t.Fatalf("persons = %v", l)
		}
	})
}
