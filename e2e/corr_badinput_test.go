package e2e

import (
	"net/http"
	"testing"
)

// TestCorrespondenceBadInput — the registry's endpoints answer bad input as
// TestBadInput's do (a 4xx problem+json, nothing changed), name the field
// in their own checks, refuse bad query parameters, and accept the valid
// bodies afterwards.
func TestCorrespondenceBadInput(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS9()
		it := id(s.registerItem(w.vrd.clerk, letter(w.ld, "1950-01-02", "Old notice")))
		task := s.must(http.StatusCreated, w.vrd.officer, "POST", path("/api/v1/correspondence/%d/resolutions", it),
			map[string]any{"text": "answer", "resolved_on": "1950-01-03", "task_unit": "VRD", "due_on": "1950-01-10"}).JSON()["task"].(map[string]any)
		endpoints := []endpoint{
			{"/api/v1/correspondence/series", w.head, map[string]any{"authority": "VRD", "code": "new", "format": "N-{n}"}, "code", "format", ""},
			{"/api/v1/correspondence", w.vrd.clerk, letter(w.ld, "1956-01-02", "Valid"), "subject", "subject", "date"},
			{path("/api/v1/correspondence/%d/routes", it), w.vrd.clerk, map[string]any{"unit": "VRD", "routed_on": "1950-01-03"}, "unit", "unit", "routed_on"},
			{path("/api/v1/correspondence/%d/resolutions", it), w.vrd.officer, map[string]any{"text": "to the file", "resolved_on": "1950-01-03"}, "text", "text", "resolved_on"},
			{path("/api/v1/correspondence/%d/links", it), w.vrd.clerk, map[string]any{"case_id": w.caseID}, "case_id", "", ""},
			{path("/api/v1/correspondence/%d/legal-hold", it), w.head, map[string]any{"hold": true, "reason": "r"}, "reason", "reason", ""},
			{path("/api/v1/correspondence-tasks/%d/completion", id(task)), w.vrd.clerk, map[string]any{"done_on": "1950-01-09"}, "done_on", "done_on", "done_on"},
			{path("/api/v1/correspondence/%d/destruction", it), w.head, map[string]any{"rule": "5 years", "reason": "r"}, "rule", "rule", ""},
		}
		before := s.auditCount()
		for _, e := range endpoints {
			expectSpoiledRefused(t, s, e)
		}
		t.Run("fields_named", func(t *testing.T) {
			s := s.with(t).malformed()
			spoilt := func(field string, v any) map[string]any {
				in := letter(w.ld, "1956-01-02", "Valid")
				in[field] = v
				return in
			}
			for _, c := range []struct {
				path  string
				token string
				body  map[string]any
				field string
			}{
				{"/api/v1/correspondence/series", w.head, map[string]any{"authority": "VRD", "code": "x", "format": "no number"}, "body.format"},
				{"/api/v1/correspondence/series", s.admin, map[string]any{"authority": "NONE", "code": "x", "format": "{n}"}, "body.authority"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("series_id", 999), "body.series_id"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("kind", "postcard"), "body.kind"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("retention", "forever"), "body.retention"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("sender", map[string]any{"authority": "VRD", "text": "also"}), "body.sender"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("addressee", map[string]any{}), "body.addressee"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("sender", map[string]any{"authority": "NONE"}), "body.sender.authority"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("addressee", map[string]any{"person_id": 999}), "body.addressee.person_id"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("reply_to", 999), "body.reply_to"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("case_ids", []int64{999}), "body.case_ids[0]"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("person_ids", []int64{999}), "body.person_ids[0]"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("classification", "top_secret"), "body.classification"},
				{"/api/v1/correspondence", w.vrd.clerk, spoilt("attachments", []map[string]any{{"name": "", "media_type": "text/plain", "content": ""}}), "body.attachments[0].name"},
				{path("/api/v1/correspondence/%d/routes", it), w.vrd.clerk, map[string]any{"unit": "NONE", "routed_on": "1950-01-03"}, "body.unit"},
				{path("/api/v1/correspondence/%d/resolutions", it), w.vrd.officer, map[string]any{"text": "t", "resolved_on": "1950-01-03", "task_unit": "VRD"}, "body.due_on"},
				{path("/api/v1/correspondence/%d/resolutions", it), w.vrd.officer, map[string]any{"text": "t", "resolved_on": "1949-01-03"}, "body.resolved_on"},
				{path("/api/v1/correspondence/%d/links", it), w.vrd.clerk, map[string]any{"case_id": w.caseID, "person_id": w.person}, "body.case_id"},
				{path("/api/v1/correspondence/%d/links", it), w.vrd.clerk, map[string]any{"person_id": 999}, "body.person_id"},
			} {
				r := s.call(c.token, "POST", c.path, c.body)
				if _, named := problemFields(r)[c.field]; r.Status != http.StatusUnprocessableEntity || !named {
					t.Errorf("POST %s %v: %s, want a 422 naming %s", c.path, c.body, r, c.field)
				}
			}
			for _, q := range []string{"/api/v1/correspondence?from=1956-02-30", "/api/v1/correspondence?classification=cosmic",
				"/api/v1/correspondence?limit=100000", "/api/v1/correspondence?from=1957-01-01&to=1956-01-01", "/api/v1/correspondence?series_id=-1",
				"/api/v1/correspondence/due-for-destruction?on=yesterday", "/api/v1/correspondence/abc", "/api/v1/correspondence/0/thread",
				"/api/v1/authorities/VRD/overdue-tasks?on=1950-13-01", "/api/v1/correspondence?surprise=1"} {
				expectProblem(t, q, s.call(w.vrd.clerk, "GET", q, nil))
			}
		})
		if after := s.auditCount(); after != before {
			t.Fatalf("bad input changed the audit log: %d entries before, %d after", before, after)
		}
		t.Run("valid_bodies_accepted", func(t *testing.T) {
			s := s.with(t)
			for _, e := range endpoints[:len(endpoints)-2] {
				if r := s.call(e.token, "POST", e.path, e.valid); r.Status != http.StatusOK && r.Status != http.StatusCreated {
					t.Errorf("POST %s with its valid body: %s", e.path, r)
				}
			}
			s.must(http.StatusOK, w.head, "POST", path("/api/v1/correspondence/%d/legal-hold", it), map[string]any{"hold": false, "reason": "r"})
			for _, e := range endpoints[len(endpoints)-2:] {
				if r := s.call(e.token, "POST", e.path, e.valid); r.Status != http.StatusOK && r.Status != http.StatusCreated {
					t.Errorf("POST %s with its valid body: %s", e.path, r)
				}
			}
		})
	})
}
