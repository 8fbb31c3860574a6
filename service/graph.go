package service

import (
	"context"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// Subordinates lists the authorities directly under an authority (a
// ministry's embassies, a department's city offices).
func (s *Service) Subordinates(ctx context.Context, code string) ([]sojourn.Authority, error) {
	if _, err := authorize(ctx, access.ReadRegistry, access.Target{}); err != nil {
		return nil, err
	}
	var out []sojourn.Authority
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.AuthorityByCode(ctx, code); err != nil {
			return err
		}
		var err error
		out, err = tx.SubordinatesOf(ctx, code)
		return err
	})
	return out, err
}
