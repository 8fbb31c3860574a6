package web

import (
	"context"
	"net/http"
	"strings"

	"sojourn"
)

// registryView is the registry page: a search and the items it found.
type registryView struct {
	Items []sojourn.ItemSummary
}

// registry searches the correspondence registry (words of the subject or
// body, a number, a date range), newest first, within the user's view.
func (s *site) registry(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Form = r.URL.Query()
	q := sojourn.ItemQuery{Text: strings.TrimSpace(p.Val("text")), Number: strings.TrimSpace(p.Val("number")),
		From: p.date("from"), To: p.date("to"), Limit: 2 * pageSize}
	var out registryView
	if len(p.Errors) == 0 {
		items, err := s.svc.SearchItems(r.Context(), q)
		if err != nil && !p.refused(err, "q", "number", "from", "to") {
			return err
		}
		out.Items = items
	}
	p.Title, p.Data = p.T("corr.title"), out
	return s.show(w, "correspondence", p)
}

// itemView is an item's page: the item and its thread.
type itemView struct {
	Item   sojourn.Item
	Thread sojourn.Thread
}

// itemPage shows a registered item with its routing, resolutions, links
// and thread.
func (s *site) itemPage(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var v itemView
	if v.Item, err = s.svc.Item(r.Context(), id); err != nil {
		return err
	}
	if v.Thread, err = s.svc.Thread(r.Context(), id); err != nil {
		return err
	}
	p.Title, p.Data = p.T("corr.item_title", v.Item.Number), v
	return s.show(w, "item", p)
}

// correspondenceOf lists an object's linked items for its page; a user
// who may not read the registry sees none.
func correspondenceOf(ctx context.Context, list func(context.Context, int64) ([]sojourn.ItemSummary, error), id int64) ([]sojourn.ItemSummary, error) {
	items, err := list(ctx, id)
	if sojourn.ErrorCode(err) == sojourn.CodeForbidden {
		return nil, nil
	}
	return items, err
}
