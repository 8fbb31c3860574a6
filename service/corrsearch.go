package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// listItems runs a listing of items, auditing a read of each classified
// item it returns.
func (s *Service) listItems(ctx context.Context, read func(*store.Tx) ([]sojourn.ItemSummary, error)) ([]sojourn.ItemSummary, error) {
	var out []sojourn.ItemSummary
	err := s.readLoggedAll(ctx, access.ReadItem, func(tx *store.Tx) ([]sighting, error) {
		var err error
		out, err = read(tx)
		return itemSightings(out), err
	})
	return out, err
}

// itemSightings names the items a listing returned for the audit log.
func itemSightings(items []sojourn.ItemSummary) []sighting {
	seen := make([]sighting, len(items))
	for i, it := range items {
		seen[i] = sighting{objectID("item", it.ID), it.Classification, map[string]string{"number": it.Number}}
	}
	return seen
}

// SearchItems searches the registry: full text over subject and body
// (Latin and Cyrillic alike), with filters, newest first, within the
// actor's jurisdiction and clearance (selected in the query, before the
// limit).
func (s *Service) SearchItems(ctx context.Context, q sojourn.ItemQuery) ([]sojourn.ItemSummary, error) {
	if err := precheck(ctx, access.ReadItem, q); err != nil {
		return nil, err
	}
	v := visibility(ActorFrom(ctx))
	return s.listItems(ctx, func(tx *store.Tx) ([]sojourn.ItemSummary, error) {
		return tx.SearchItems(ctx, q, v, s.limit(q.Limit))
	})
}

// maxThread bounds how far a thread is followed either way.
const maxThread = 200

// Thread returns the items an item answers, nearest first, and those that
// answer it or its answers, in the order they were registered; items the
// actor may not see are left out (and what answers them).
func (s *Service) Thread(ctx context.Context, id int64) (sojourn.Thread, error) {
	if _, err := authorize(ctx, access.ReadItem, access.Target{}); err != nil {
		return sojourn.Thread{}, err
	}
	v := visibility(ActorFrom(ctx))
	var out sojourn.Thread
	err := s.readLoggedAll(ctx, access.ReadItem, func(tx *store.Tx) ([]sighting, error) {
		out = sojourn.Thread{Ancestors: []sojourn.ItemSummary{}, Replies: []sojourn.ItemSummary{}}
		self, err := tx.ItemSummary(ctx, id, v)
		if err != nil {
			return nil, err
		}
		for up := self.ReplyTo; up != 0 && len(out.Ancestors) < maxThread; {
			it, err := tx.ItemSummary(ctx, up, v)
			if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
				break
			}
			if err != nil {
				return nil, err
			}
			out.Ancestors = append(out.Ancestors, it)
			up = it.ReplyTo
		}
		queue := []int64{id}
		for len(queue) > 0 && len(out.Replies) < maxThread {
			replies, err := tx.Replies(ctx, queue[0], v)
			if err != nil {
				return nil, err
			}
			queue = queue[1:]
			for _, r := range replies {
				out.Replies = append(out.Replies, r)
				queue = append(queue, r.ID)
			}
		}
		return itemSightings(append(append([]sojourn.ItemSummary{self}, out.Ancestors...), out.Replies...)), nil
	})
	return out, err
}

// CaseCorrespondence returns the items linked to a case the actor may
// read, newest first.
func (s *Service) CaseCorrespondence(ctx context.Context, caseID int64) ([]sojourn.ItemSummary, error) {
	a := ActorFrom(ctx)
	return s.listItems(ctx, func(tx *store.Tx) ([]sojourn.ItemSummary, error) {
		c, err := tx.CaseByID(ctx, caseID, false)
		if err != nil {
			return nil, err
		}
		if _, err := authorize(ctx, access.ReadCase, caseTarget(c)); err != nil {
			return nil, err
		}
		return tx.ItemsLinkedTo(ctx, "case_id", caseID, visibility(a), s.cfg.ListLimit)
	})
}

// PersonCorrespondence returns the items linked to a person the actor may
// read, newest first.
func (s *Service) PersonCorrespondence(ctx context.Context, personID int64) ([]sojourn.ItemSummary, error) {
	a := ActorFrom(ctx)
	return s.listItems(ctx, func(tx *store.Tx) ([]sojourn.ItemSummary, error) {
		if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
			return nil, err
		}
		return tx.ItemsLinkedTo(ctx, "person_id", personID, visibility(a), s.cfg.ListLimit)
	})
}
