package e2e

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"sojourn"
)

// s9World is the registry of S9: VRD with its staff and head, HQ, two
// register series of VRD, a person and a case.
type s9World struct {
	vrd      office
	head     string // VRD's head, cleared top secret
	ld, s    int64  // series {n}/ld and 25-S-{n}
	person   int64
	caseID   int64
	telegram int64
}

func (s *server) setupS9() s9World {
	w := s9World{vrd: s.setupOffice("VRD", "Visa and Registration Department")}
	s.setupOffice("HQ", "Headquarters")
	w.head = s.user("VRD-head", sojourn.RoleHead, "VRD", sojourn.TopSecret)
	w.ld = id(s.must(http.StatusCreated, w.head, "POST", "/api/v1/correspondence/series",
		map[string]any{"authority": "VRD", "code": "ld", "format": "{n}/ld", "title": "Legal department"}).JSON())
	w.s = id(s.must(http.StatusCreated, s.admin, "POST", "/api/v1/correspondence/series",
		map[string]any{"authority": "VRD", "code": "S", "format": "25-S-{n}"}).JSON())
	w.person = s.person(w.vrd.clerk, "VRD", "Karel", "Dvorak", "1920-05-01")
	w.caseID = id(s.fileCase(w.vrd.clerk, "VRD", w.person, "1956-02-20", nil))
	return w
}

// registerItem registers an item and returns it.
func (s *server) registerItem(token string, in map[string]any) map[string]any {
	s.t.Helper()
	return s.must(http.StatusCreated, token, "POST", "/api/v1/correspondence", in).JSON()
}

// letter is a valid registration body in a series.
func letter(series int64, date, subject string) map[string]any {
	return map[string]any{"series_id": series, "kind": "letter", "direction": "outgoing", "date": date,
		"sender": map[string]any{"authority": "VRD"}, "addressee": map[string]any{"text": "Ministry of Labour of the HOST republic"},
		"subject": subject, "body": "Body of " + subject, "retention": "5y"}
}

// TestS9 — official correspondence: items registered with numbers of
// their series (per series and year), dates, parties, subject and
// classification, replying to earlier items (also known only by number);
// routed, resolved (a task on the unit's overdue list), linked to cases
// and persons; retention, legal hold and destruction that leaves a record
// and no content, with the audit log still verifying.
func TestS9(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS9()
		var secret, reply, outside, destroyable int64
		attachment := []byte("Telegram No. 45: return within 3 days.")

		t.Run("step1_numbered_in_series_per_year", func(t *testing.T) {
			s := s.with(t)
			tg := s.registerItem(w.vrd.clerk, map[string]any{"series_id": w.s, "kind": "telegram", "direction": "incoming", "date": "1956-03-01",
				"sender": map[string]any{"authority": "HQ"}, "sender_ref": "45", "addressee": map[string]any{"authority": "VRD"},
				"subject": "Return of citizen Dvořák", "body": "Return within 3 days. Возвратить в течение трёх дней.",
				"classification": "restricted", "retention": "permanent",
				"attachments": []map[string]any{{"name": "tg45.txt", "media_type": "text/plain", "content": base64.StdEncoding.EncodeToString(attachment)}},
				"archive":     map[string]any{"fond": "R-9401", "inventory": "2", "file": "168", "sheet": "12"}})
			w.telegram = id(tg)
			if tg["number"] != "25-S-1" || tg["year"] != 1956.0 || tg["kind"] != "telegram" || tg["sender"].(map[string]any)["authority"] != "HQ" ||
				tg["classification"] != "restricted" || tg["archive"].(map[string]any)["fond"] != "R-9401" || tg["retain_until"] != nil {
				t.Fatalf("telegram = %v", tg)
			}
			att := tg["attachments"].([]any)[0].(map[string]any)
			sum := sha256.Sum256(attachment)
			if att["sha256"] != hex.EncodeToString(sum[:]) || att["size"] != float64(len(attachment)) || att["content"] != nil {
				t.Fatalf("attachment = %v", att)
			}
			got := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/correspondence/%d/attachments/%d", w.telegram, id(att)), nil).JSON()
			if got["content"] != base64.StdEncoding.EncodeToString(attachment) {
				t.Fatalf("attachment read = %v", got)
			}
			in := letter(w.s, "1956-03-02", "Sealed memorandum")
			in["classification"] = "secret"
			if r := s.call(w.vrd.clerk, "POST", "/api/v1/correspondence", in); r.Status != http.StatusUnprocessableEntity || problemFields(r)["body.classification"] == "" {
				t.Fatalf("secret item by a restricted clerk: %s", r)
			}
			second := s.registerItem(w.vrd.officer, map[string]any{"series_id": w.s, "kind": "memorandum", "direction": "internal", "date": "1956-03-02",
				"sender": map[string]any{"authority": "VRD"}, "addressee": map[string]any{"authority": "VRD"},
				"subject": "Sealed memorandum", "body": "Only for the cleared.", "classification": "secret", "retention": "10y"})
			secret = id(second)
			if second["number"] != "25-S-2" {
				t.Fatalf("second in the series: %v", second["number"])
			}
			next := s.registerItem(w.vrd.clerk, letter(w.s, "1957-01-05", "New year"))
			if next["number"] != "25-S-1" {
				t.Fatalf("first of 1957: %v", next["number"])
			}
			l := s.registerItem(w.vrd.clerk, letter(w.ld, "1956-03-03", "Other series"))
			if l["number"] != "1/ld" || l["retain_until"] != "1961-12-31" {
				t.Fatalf("letter = %v", l)
			}
		})
		t.Run("step1_reply_by_number_both_ways", func(t *testing.T) {
			s := s.with(t)
			in := letter(w.ld, "1956-03-04", "In reply to your No. 45")
			in["reply_to_ref"] = "45"
			in["addressee"] = map[string]any{"authority": "HQ"}
			r := s.registerItem(w.vrd.clerk, in)
			reply = id(r)
			if r["reply_to"] != float64(w.telegram) || r["reply_to_ref"] != "45" || r["number"] != "2/ld" {
				t.Fatalf("reply = %v", r)
			}
			in = letter(w.ld, "1956-03-05", "In reply to your No. 12 of the Labour Office")
			in["reply_to_ref"] = "12"
			o := s.registerItem(w.vrd.clerk, in)
			outside = id(o)
			if o["reply_to"] != nil || o["reply_to_ref"] != "12" {
				t.Fatalf("reply to an outside number = %v", o)
			}
			down := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/correspondence/%d/thread", w.telegram), nil).JSON()
			if rs := down["replies"].([]any); len(rs) != 1 || id(rs[0].(map[string]any)) != reply || len(down["ancestors"].([]any)) != 0 {
				t.Fatalf("thread of the telegram = %v", down)
			}
			up := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/correspondence/%d/thread", reply), nil).JSON()
			if as := up["ancestors"].([]any); len(as) != 1 || as[0].(map[string]any)["number"] != "25-S-1" {
				t.Fatalf("thread of the reply = %v", up)
			}
		})
		t.Run("step1_classified_hidden_and_reads_audited", func(t *testing.T) {
			s := s.with(t)
			miss := s.call(w.vrd.clerk, "GET", "/api/v1/correspondence/999999", nil)
			hidden := s.call(w.vrd.clerk, "GET", path("/api/v1/correspondence/%d", secret), nil)
			if hidden.Status != http.StatusNotFound || hidden.withoutInstance() != miss.withoutInstance() {
				t.Fatalf("secret item to a restricted clerk: %s (missing: %s)", hidden, miss)
			}
			if l := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/correspondence?q=memorandum", nil).List(); len(l) != 0 {
				t.Fatalf("clerk's search found %v", l)
			}
			before := s.auditCount()
			m := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/correspondence/%d", secret), nil).JSON()
			if m["body"] != "Only for the cleared." || s.auditCount() != before+1 {
				t.Fatalf("officer's read: %v, audit %d -> %d", m, before, s.auditCount())
			}
			auditor := s.user("auditor", sojourn.RoleAuditor, "", sojourn.TopSecret)
			log := s.must(http.StatusOK, auditor, "GET", path("/api/v1/audit?object=item/%d&action=correspondence.read", secret), nil).List()
			if len(log) != 1 || log[0]["actor"] != "VRD-officer" {
				t.Fatalf("audited reads = %v", log)
			}
		})
		t.Run("step2_routed_resolved_task_overdue", func(t *testing.T) {
			s := s.with(t)
			rt := s.must(http.StatusCreated, w.vrd.clerk, "POST", path("/api/v1/correspondence/%d/routes", w.telegram),
				map[string]any{"unit": "VRD", "routed_on": "1956-03-02", "note": "return within 3 days"}).JSON()
			if rt["unit"] != "VRD" || rt["routed_on"] != "1956-03-02" {
				t.Fatalf("route = %v", rt)
			}
			if r := s.call(w.vrd.clerk, "POST", path("/api/v1/correspondence/%d/resolutions", w.telegram),
				map[string]any{"text": "a decision is not required", "resolved_on": "1956-03-02"}); r.Status != http.StatusForbidden {
				t.Fatalf("a clerk's resolution: %s", r)
			}
			res := s.must(http.StatusCreated, w.vrd.officer, "POST", path("/api/v1/correspondence/%d/resolutions", w.telegram),
				map[string]any{"text": "a decision is not required", "resolved_on": "1956-03-02"}).JSON()
			if res["resolved_by"] != "VRD-officer" || res["task"] != nil {
				t.Fatalf("resolution = %v", res)
			}
			task := s.must(http.StatusCreated, w.vrd.officer, "POST", path("/api/v1/correspondence/%d/resolutions", w.telegram),
				map[string]any{"text": "for execution by VRD: answer HQ", "resolved_on": "1956-03-02", "task_unit": "VRD", "due_on": "1956-03-05"}).JSON()
			k := task["task"].(map[string]any)
			if k["unit"] != "VRD" || k["due_on"] != "1956-03-05" || k["number"] != "25-S-1" {
				t.Fatalf("task = %v", task)
			}
			if l := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overdue-tasks?on=1956-03-05", nil).List(); len(l) != 0 {
				t.Fatalf("overdue on the due date: %v", l)
			}
			l := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overdue-tasks?on=1956-03-06", nil).List()
			if len(l) != 1 || id(l[0]) != id(k) || l[0]["item_id"] != float64(w.telegram) {
				t.Fatalf("overdue the day after: %v", l)
			}
			s.must(http.StatusOK, w.vrd.clerk, "POST", path("/api/v1/correspondence-tasks/%d/completion", id(k)), map[string]any{"done_on": "1956-03-07"})
			if l := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/authorities/VRD/overdue-tasks?on=1956-03-08", nil).List(); len(l) != 0 {
				t.Fatalf("overdue once done: %v", l)
			}
			item := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/correspondence/%d", w.telegram), nil).JSON()
			if len(item["routes"].([]any)) != 1 || len(item["resolutions"].([]any)) != 2 {
				t.Fatalf("item = %v", item)
			}
		})
		t.Run("step2_linked_to_case_and_person", func(t *testing.T) {
			s := s.with(t)
			s.must(http.StatusOK, w.vrd.clerk, "POST", path("/api/v1/correspondence/%d/links", w.telegram), map[string]any{"case_id": w.caseID})
			it := s.must(http.StatusOK, w.vrd.clerk, "POST", path("/api/v1/correspondence/%d/links", reply), map[string]any{"person_id": w.person}).JSON()
			if len(it["links"].([]any)) != 1 {
				t.Fatalf("links = %v", it["links"])
			}
			if r := s.call(w.vrd.clerk, "POST", path("/api/v1/correspondence/%d/links", reply), map[string]any{"person_id": w.person}); r.Status != http.StatusConflict {
				t.Fatalf("linked twice: %s", r)
			}
			c := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/cases/%d/correspondence", w.caseID), nil).List()
			if len(c) != 1 || id(c[0]) != w.telegram {
				t.Fatalf("case's correspondence = %v", c)
			}
			p := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/persons/%d/correspondence", w.person), nil).List()
			if len(p) != 1 || id(p[0]) != reply {
				t.Fatalf("person's correspondence = %v", p)
			}
		})
		t.Run("step3_search_latin_and_cyrillic", func(t *testing.T) {
			s := s.with(t)
			for q, want := range map[string]int64{"ТЕЧЕНИЕ трёх": w.telegram, "return DAYS": w.telegram, "Labour Office": outside} {
				l := s.must(http.StatusOK, w.vrd.officer, "GET", "/api/v1/correspondence?q="+url.QueryEscape(q), nil).List()
				if len(l) != 1 || id(l[0]) != want {
					t.Fatalf("search %q = %v", q, l)
				}
			}
			l := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/correspondence?series_id=%d&from=1956-03-04&to=1956-03-31&addressee=HQ", w.ld), nil).List()
			if len(l) != 1 || id(l[0]) != reply {
				t.Fatalf("filtered search = %v", l)
			}
			if l := s.must(http.StatusOK, w.vrd.officer, "GET", "/api/v1/correspondence?number=25-S-2&classification=secret", nil).List(); len(l) != 1 || id(l[0]) != secret {
				t.Fatalf("by number = %v", l)
			}
			if l := s.must(http.StatusOK, w.vrd.officer, "GET", "/api/v1/correspondence?number=25-S-1", nil).List(); len(l) != 2 || id(l[0]) <= id(l[1]) || id(l[1]) != w.telegram {
				t.Fatalf("25-S-1 of 1956 and 1957, newest first = %v", l)
			}
			for q, want := range map[string]int{"трёх": 1, "Zebrafinch": 0} {
				if l := s.must(http.StatusOK, w.vrd.officer, "GET", "/api/v1/correspondence?number=25-S-1&q="+url.QueryEscape(q), nil).List(); len(l) != want || want == 1 && id(l[0]) != w.telegram {
					t.Fatalf("number 25-S-1 with %q = %v", q, l)
				}
			}
			if l := s.must(http.StatusOK, w.vrd.officer, "GET", path("/api/v1/correspondence?series_id=%d", w.s), nil).List(); len(l) != 3 || id(l[0]) <= id(l[1]) || id(l[1]) <= id(l[2]) {
				t.Fatalf("series 25-S-{n}, newest first = %v", l)
			}
			for q, want := range map[string]int{"трёх": 1, "Zebrafinch": 0} {
				if l := s.must(http.StatusOK, w.vrd.officer, "GET", "/api/v1/correspondence?from=1956-03-01&to=1956-03-01&q="+url.QueryEscape(q), nil).List(); len(l) != want || want == 1 && id(l[0]) != w.telegram {
					t.Fatalf("1 March 1956 with %q = %v", q, l)
				}
			}
			if l := s.must(http.StatusOK, w.vrd.officer, "GET", "/api/v1/correspondence?from=1956-03-01&to=1956-03-02", nil).List(); len(l) != 2 || id(l[0]) != secret || id(l[1]) != w.telegram {
				t.Fatalf("1 and 2 March 1956, newest first = %v", l)
			}
		})
		t.Run("step3_retention_hold_destruction", func(t *testing.T) {
			s := s.with(t)
			in := letter(w.ld, "1956-04-01", "Routine notice")
			in["body"] = "Zebrafinch confidential particulars"
			in["attachments"] = []map[string]any{{"name": "n.txt", "media_type": "text/plain", "content": base64.StdEncoding.EncodeToString([]byte("attached zebrafinch"))}}
			it := s.registerItem(w.vrd.clerk, in)
			destroyable = id(it)
			due := s.must(http.StatusOK, w.head, "GET", "/api/v1/correspondence/due-for-destruction?on=1962-01-01", nil).List()
			found := false
			for _, d := range due {
				found = found || id(d) == destroyable
				if id(d) == w.telegram {
					t.Fatalf("a permanent item is due: %v", due)
				}
			}
			if !found {
				t.Fatalf("due = %v", due)
			}
			destroy := map[string]any{"rule": "retention schedule 1956, art. 4 (5 years)", "reason": "retention ended; no case open"}
			s.must(http.StatusOK, w.head, "POST", path("/api/v1/correspondence/%d/legal-hold", destroyable), map[string]any{"hold": true, "reason": "litigation"})
			if r := s.call(w.head, "POST", path("/api/v1/correspondence/%d/destruction", destroyable), destroy); r.Status != http.StatusConflict {
				t.Fatalf("destroyed under hold: %s", r)
			}
			if r := s.call(w.head, "POST", path("/api/v1/correspondence/%d/destruction", w.telegram), destroy); r.Status != http.StatusConflict {
				t.Fatalf("destroyed a permanent item: %s", r)
			}
			s.must(http.StatusOK, w.head, "POST", path("/api/v1/correspondence/%d/legal-hold", destroyable), map[string]any{"hold": false, "reason": "litigation over"})
			d := s.must(http.StatusCreated, w.head, "POST", path("/api/v1/correspondence/%d/destruction", destroyable), destroy).JSON()
			if d["destroyed_by"] != "VRD-head" || d["rule"] != destroy["rule"] || d["content_hash"] != it["content_hash"] {
				t.Fatalf("destruction = %v", d)
			}
			after := s.must(http.StatusOK, w.vrd.clerk, "GET", path("/api/v1/correspondence/%d", destroyable), nil).JSON()
			if after["body"] != "" || after["number"] != it["number"] || after["destroyed"].(map[string]any)["destroyed_by"] != "VRD-head" {
				t.Fatalf("destroyed item = %v", after)
			}
			att := after["attachments"].([]any)[0].(map[string]any)
			if r := s.call(w.vrd.clerk, "GET", path("/api/v1/correspondence/%d/attachments/%d", destroyable, id(att)), nil); r.Status != http.StatusPreconditionFailed {
				t.Fatalf("destroyed attachment read: %s", r)
			}
			if l := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/correspondence?q=zebrafinch", nil).List(); len(l) != 0 {
				t.Fatalf("destroyed body still found: %v", l)
			}
			if l := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/correspondence?q=routine", nil).List(); len(l) != 1 {
				t.Fatalf("subject no longer found: %v", l)
			}
			fts := "SELECT COUNT(*) FROM corr_fts WHERE corr_fts MATCH 'zebrafinch'"
			if s.store.Dialect() == "postgres" {
				fts = "SELECT COUNT(*) FROM corr_search WHERE doc @@ to_tsquery('simple', 'zebrafinch')"
			}
			for _, q := range []string{fts,
				fmt.Sprintf("SELECT COUNT(*) FROM corr_bodies WHERE item_id = %d", destroyable),
				fmt.Sprintf("SELECT COUNT(*) FROM corr_blobs WHERE attachment_id = %d", id(att)),
				"SELECT COUNT(*) FROM corr_bodies WHERE body LIKE '%ebrafinch%'"} {
				if n := s.rawInt(q); n != 0 {
					t.Fatalf("%s = %d after destruction", q, n)
				}
			}
			if n := s.rawInt(fmt.Sprintf("SELECT COUNT(*) FROM corr_destructions WHERE item_id = %d", destroyable)); n != 1 {
				t.Fatalf("destruction records: %d", n)
			}
			if r := s.call(w.head, "POST", path("/api/v1/correspondence/%d/destruction", destroyable), destroy); r.Status != http.StatusConflict {
				t.Fatalf("destroyed twice: %s", r)
			}
			if rep, err := s.verifyRows(); err != nil {
				t.Fatalf("audit verify after destruction: %+v, %v", rep, err)
			}
		})
	})
}
