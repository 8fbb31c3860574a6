package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestMain closes the browser after the tests and fails the run if an
// operation answered a status its document does not declare.
func TestMain(m *testing.M) {
	code := m.Run()
	if undeclared := undeclaredSeen(); len(undeclared) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: answers with statuses the OpenAPI document does not declare:\n\t%s\n", strings.Join(undeclared, "\n\t"))
		code = 1
	}
	closeBrowser()
	os.Exit(code)
}
