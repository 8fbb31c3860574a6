package store

import (
	"context"

	"sojourn"
)

// SubordinatesOf returns the authorities whose parent is code, by code.
func (t *Tx) SubordinatesOf(ctx context.Context, code string) ([]sojourn.Authority, error) {
	return getAll(ctx, t, scanAuthority, authorityColumns+" WHERE parent = ? ORDER BY code", code)
}
