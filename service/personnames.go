package service

import (
	"context"
	"slices"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// PersonNames returns the names of those of the persons with the ids whom
// the actor may see, by id, read in one query: what a list of cases (or
// anything else naming persons by id) shows beside each row.
func (s *Service) PersonNames(ctx context.Context, ids []int64) (map[int64][]sojourn.Name, error) {
	a, err := authorize(ctx, access.ReadPerson, access.Target{})
	if err != nil {
		return nil, err
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make(map[int64][]sojourn.Name, len(ids))
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		persons, err := tx.PersonsByIDs(ctx, ids)
		for _, p := range persons {
			if access.Sees(a, access.Target{Authority: p.Authority}) {
				out[p.ID] = p.Names
			}
		}
		return err
	})
	return out, err
}
