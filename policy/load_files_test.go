package policy_test

import (
	"os"
	"path/filepath"
	"testing"

	"sojourn/policy"
)

// TestPolicyFiles loads every pack in ../policies; Load fails on a compile
// problem or a failing example.
func TestPolicyFiles(t *testing.T) {
	files, err := filepath.Glob("../policies/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no policy files found: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := policy.Load(src)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			for _, r := range policy.RunExamples(p) {
				if !r.Pass {
					t.Errorf("example %s/%s: want %s, got %s %s", r.Version, r.Name, r.Expected, r.Got, r.Error)
				}
			}
		})
	}
}
