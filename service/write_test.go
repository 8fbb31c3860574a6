package service

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWritesGoThroughWrite keeps the read-only rule structural: outside
// write.go no file of the service opens a write transaction itself, so every
// change passes the one check in (*Service).write.
func TestWritesGoThroughWrite(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "write.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "store.Write(") {
			t.Errorf("%s opens a write transaction with store.Write; use s.write (or s.readLogged for an audited read)", f)
		}
	}
}
