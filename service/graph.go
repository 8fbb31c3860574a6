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
	return readWith(ctx, s, access.ReadRegistry, func(tx *store.Tx) ([]sojourn.Authority, error) {
		if _, err := tx.AuthorityByCode(ctx, code); err != nil {
			return nil, err
		}
		return tx.SubordinatesOf(ctx, code)
	})
}
