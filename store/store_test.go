package store_test

import (
	"testing"

	"sojourn/store"
	"sojourn/store/storetest"
)

func TestConformance(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			storetest.Run(t, func(tb testing.TB) *store.Store { return storetest.Open(tb, dialect) })
		})
	}
}
