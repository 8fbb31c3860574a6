package e2e

import (
	"testing"
)

// TestBrowserS9 — S9 in the browser: VRD's clerk searches the registry for
// a telegram by a Russian word of its text, opens it and sees its sender's
// number, its text in both languages and the case and person it concerns,
// and the reply to it in its thread. The registry and the item's page pass
// axe-core.
func TestBrowserS9(t *testing.T) {
	t.Parallel()
	s := newServer(t, "sqlite")
	b := newTab(t, s)
	w := s.setupS9()
	tg := s.registerItem(w.vrd.clerk, map[string]any{"series_id": w.s, "kind": "telegram", "direction": "incoming", "date": "1956-03-01",
		"sender": map[string]any{"authority": "HQ"}, "sender_ref": "45", "addressee": map[string]any{"authority": "VRD"},
		"subject": "Return of citizen Dvořák", "body": "Return within 3 days. Возвратить в течение трёх дней.",
		"retention": "permanent", "case_ids": []int64{w.caseID}, "person_ids": []int64{w.person}})
	in := letter(w.ld, "1956-03-04", "In reply to your No. 45")
	in["reply_to"] = id(tg)
	s.registerItem(w.vrd.clerk, in)

	b.login("VRD-clerk")
	b.open("/app/correspondence")
	b.fill("#-text", "трёх")
	b.submit("#search", "table.items")
	b.see("table.items", "25-S-1", "Return of citizen Dvořák")
	b.checkPage("correspondence")
	b.open(path("/app/correspondence/%d", id(tg)))
	b.see("#item", "HQ", "their No. 45", "Return of citizen Dvořák")
	b.see("#item-links", "Case")
	b.see("#thread-h", "Thread")
	b.see("table.items", "1/ld", "In reply to your No. 45")
	b.checkPage("item")
}
