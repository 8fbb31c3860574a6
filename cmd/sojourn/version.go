package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version, commit and date are stamped at build time, as the Dockerfile
// and .goreleaser.yaml do:
//
//	go build -trimpath -ldflags "-X main.version=v1.2.0 -X main.commit=$(git rev-parse HEAD) -X main.date=$(date -u +%FT%TZ)" ./cmd/sojourn
//
// Left empty, they are read from what the Go toolchain records in the
// binary (module version, VCS revision and commit time; see buildInfo).
var version, commit, date string

func init() {
	commands["version"] = command{"print the version, commit and build date", func(_ context.Context, _ []string, out io.Writer) error {
		_, err := fmt.Fprintln(out, "sojourn", readBuild().String())
		return err
	}}
}

// buildInfo says which build a binary is.
type buildInfo struct {
	Version, Commit string
	Date            string // build date when stamped, else the commit's date
	Stamped         bool   // the date is the build's (-ldflags), not the commit's
	Modified        bool   // built from a working tree with uncommitted changes
	Go              string // toolchain, OS and architecture
}

// readBuild returns the stamped version, commit and date, each falling back
// to the build information the Go toolchain recorded.
func readBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, Stamped: date != "",
		Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if b.Version == "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// Short is the version and commit in a few words, for logs and the API.
func (b buildInfo) Short() string {
	v := b.Version
	if v == "" {
		v = "devel"
	}
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		v += "+" + c
		if b.Modified {
			v += ".modified"
		}
	}
	return v
}

// String says all that is known of the build.
func (b buildInfo) String() string {
	var s []string
	if b.Version != "" {
		s = append(s, b.Version)
	} else {
		s = append(s, "devel (no version stamped)")
	}
	switch {
	case b.Commit != "" && b.Modified:
		s = append(s, "commit "+b.Commit+" with uncommitted changes")
	case b.Commit != "":
		s = append(s, "commit "+b.Commit)
	}
	switch {
	case b.Date != "" && b.Stamped:
		s = append(s, "built "+b.Date)
	case b.Date != "":
		s = append(s, "committed "+b.Date)
	}
	if b.Commit == "" && b.Date == "" && b.Version == "" {
		s = append(s, "no commit or date recorded: stamp them with -ldflags (see the Dockerfile) or build in a git checkout")
	}
	return strings.Join(append(s, b.Go), ", ")
}
