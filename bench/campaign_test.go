package bench

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sojourn/store"
)

func TestCampaign(t *testing.T) {
	st, err := store.Open(store.Config{DB: filepath.Join(t.TempDir(), "campaign.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	results, err := Campaign(context.Background(), st, CampaignConfig{Persons: 40, Workers: 2, Batch: 7, Idle: time.Millisecond})
	if err != nil || len(results) != 5 || results[0].Ops != 40 || results[1].Ops != 100 || results[3].Ops != 40 {
		t.Fatalf("%v, %v", results, err)
	}
}
