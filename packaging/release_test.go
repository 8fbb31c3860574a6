// Package packaging holds what Sojourn is installed with besides the
// binary (the systemd unit), and the check that the container image and
// the release binaries are built alike.
package packaging

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// buildFlags are what a build of the binary is made with.
type buildFlags struct {
	Main    string   // package built
	Env     []string // e.g. CGO_ENABLED=0
	Flags   []string // e.g. -trimpath
	Tags    string
	LDFlags string // with goreleaser's template names for the stamped values
}

// stampValues are the values a check build stamps in place of the
// templates.
var stampValues = map[string]string{
	"{{.Version}}":    "v0.0.0-buildcheck",
	"{{.FullCommit}}": "0123456789abcdef0123456789abcdef01234567",
	"{{.Date}}":       "2026-01-02T03:04:05Z",
}

// TestReleaseBuildFlags — the Dockerfile and .goreleaser.yaml build the
// binary with the same environment, flags, tags and ldflags; with
// SOJOURN_RELEASE_BUILD=1 (.ci/build-check) it builds the binary once with
// them and checks that it is static and says the version it was stamped
// with.
func TestReleaseBuildFlags(t *testing.T) {
	docker, release := dockerfileBuild(t, "../Dockerfile"), goreleaserBuild(t, "../.goreleaser.yaml")
	if !reflect.DeepEqual(docker, release) {
		t.Fatalf("the Dockerfile builds with\n  %+v\nand .goreleaser.yaml with\n  %+v", docker, release)
	}
	if !slices.Contains(docker.Env, "CGO_ENABLED=0") || !slices.Contains(docker.Flags, "-trimpath") {
		t.Fatalf("the release build is not static and reproducible: %+v", docker)
	}
	if os.Getenv("SOJOURN_RELEASE_BUILD") != "1" {
		t.Log("set SOJOURN_RELEASE_BUILD=1 to build the binary with these flags (.ci/build-check does)")
		return
	}
	bin := filepath.Join(t.TempDir(), "sojourn")
	ld := docker.LDFlags
	for tmpl, v := range stampValues {
		ld = strings.ReplaceAll(ld, tmpl, v)
	}
	args := append(append([]string{"build"}, docker.Flags...), "-tags", docker.Tags, "-ldflags", ld, "-o", bin, docker.Main)
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = "..", append(os.Environ(), docker.Env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, out)
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	for _, v := range stampValues {
		if err != nil || !strings.Contains(string(out), v) {
			t.Fatalf("sojourn version: %q, %v; want %s in it", out, err, v)
		}
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	libs, _ := f.ImportedLibraries()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || len(libs) > 0 {
			t.Fatalf("the binary is linked dynamically (libraries %v)", libs)
		}
	}
}

// dockerfileBuild reads the go build command of a Dockerfile's RUN line.
func dockerfileBuild(t *testing.T, file string) buildFlags {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(line, "RUN ") || !strings.Contains(line, "go build") {
			continue
		}
		b := buildFlags{Env: []string{}, Flags: []string{}}
		words := shellWords(strings.TrimPrefix(line, "RUN "))
		goAt := slices.Index(words, "go")
		b.Env = append(b.Env, words[:goAt]...)   // the assignments before the command
		for i := goAt + 2; i < len(words); i++ { // after go build
			w := words[i]
			switch {
			case w == "-tags":
				i++
				b.Tags = words[i]
			case w == "-ldflags":
				i++
				b.LDFlags = strings.NewReplacer("${VERSION}", "{{.Version}}", "${COMMIT}", "{{.FullCommit}}", "${DATE}", "{{.Date}}").Replace(words[i])
			case w == "-o":
				i++
			case strings.HasPrefix(w, "-"):
				b.Flags = append(b.Flags, w)
			default:
				b.Main = w
			}
		}
		slices.Sort(b.Env)
		slices.Sort(b.Flags)
		return b
	}
	t.Fatalf("%s: no RUN line with go build", file)
	return buildFlags{}
}

// shellWords splits a command line into words, honouring double quotes.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
			}
			inWord = false
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// goreleaserBuild reads the one build of a goreleaser configuration.
func goreleaserBuild(t *testing.T, file string) buildFlags {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			Main    string   `yaml:"main"`
			Env     []string `yaml:"env"`
			Flags   []string `yaml:"flags"`
			Tags    []string `yaml:"tags"`
			LDFlags []string `yaml:"ldflags"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(src, &cfg); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("%s: %d builds, want 1", file, len(cfg.Builds))
	}
	c := cfg.Builds[0]
	b := buildFlags{Main: c.Main, Env: append([]string{}, c.Env...), Flags: append([]string{}, c.Flags...),
		Tags: strings.Join(c.Tags, ","), LDFlags: strings.Join(c.LDFlags, " ")}
	slices.Sort(b.Env)
	slices.Sort(b.Flags)
	return b
}
