package main

import (
	"strings"
	"testing"
)

// TestBuildInfo — sojourn version says the stamped version, commit and
// build date; unstamped, the commit and its date the toolchain recorded;
// with neither, how to get them, never a bare "dev".
func TestBuildInfo(t *testing.T) {
	for _, tc := range []struct {
		b           buildInfo
		long, short string
	}{
		{buildInfo{Version: "v1.2.0", Commit: "0123456789abcdef", Date: "2026-11-29T15:00:00Z", Stamped: true, Go: "go1.26"},
			"v1.2.0, commit 0123456789abcdef, built 2026-11-29T15:00:00Z, go1.26", "v1.2.0+0123456789ab"},
		{buildInfo{Commit: "0123456789abcdef", Date: "2026-11-28T10:00:00Z", Modified: true, Go: "go1.26"},
			"devel (no version stamped), commit 0123456789abcdef with uncommitted changes, committed 2026-11-28T10:00:00Z, go1.26",
			"devel+0123456789ab.modified"},
		{buildInfo{Go: "go1.26"}, "devel (no version stamped), no commit or date recorded: stamp them", "devel"},
	} {
		if got := tc.b.String(); !strings.HasPrefix(got, tc.long) {
			t.Errorf("%+v: %q, want %q…", tc.b, got, tc.long)
		}
		if got := tc.b.Short(); got != tc.short {
			t.Errorf("%+v: short %q, want %q", tc.b, got, tc.short)
		}
	}
	if b := readBuild(); b.Go == "" {
		t.Errorf("no toolchain in %+v", b)
	}
}
