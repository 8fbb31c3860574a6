package e2e

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"testing"
)

// TestCorrespondenceSearchFolds — both engines find an item by its words
// written without their diacritics or with other letter case ("dvorak",
// "трех", "ТРЁХ"), and migration 20 writes the index of items registered
// before it anew, folded.
func TestCorrespondenceSearchFolds(t *testing.T) {
	eachDialect(t, func(t *testing.T, s *server) {
		w := s.setupS9()
		in := letter(w.ld, "1956-03-01", "Return of citizen Dvořák")
		in["body"] = "Возвратить в течение трёх дней."
		item := id(s.registerItem(w.vrd.clerk, in))
		found := func(q string) bool {
			list := s.must(http.StatusOK, w.vrd.clerk, "GET", "/api/v1/correspondence?"+url.Values{"q": {q}}.Encode(), nil).List()
			return len(list) == 1 && id(list[0]) == item
		}
		words := []string{"dvorak", "Dvořák", "трех", "ТРЁХ", "возвратить"}
		for _, q := range words {
			if !found(q) {
				t.Errorf("%q does not find the item", q)
			}
		}
		// as before migration 20: the index emptied and the migration not run
		s.raw(func(db *sql.DB) error {
			table := map[bool]string{true: "corr_search", false: "corr_fts"}[s.store.Dialect() == "postgres"]
			if _, err := db.Exec("DELETE FROM " + table); err != nil {
				return err
			}
			_, err := db.Exec("DELETE FROM schema_migrations WHERE version = 20")
			return err
		})
		if found("dvorak") {
			t.Fatal("found with an empty index")
		}
		if _, err := s.store.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, q := range words {
			if !found(q) {
				t.Errorf("after migration 20, %q does not find the item", q)
			}
		}
	})
}
