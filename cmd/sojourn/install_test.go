package main

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"sojourn/store/storetest"
)

// guideValue is a placeholder of docs/install.md and where its value is
// read: the output of the first command containing from that matches re.
type guideValue struct {
	placeholder, from string
	re                *regexp.Regexp
}

var guideValues = []guideValue{
	{"<one-time password>", "sojourn init", regexp.MustCompile(`one-time password of \S+ \(shown once\): (\S+)`)},
	{"<token>", "sojourn user add", regexp.MustCompile(`API token \(shown once\): (\S+)`)},
	{"<person id>", "/api/v1/persons -H", regexp.MustCompile(`^\{"id":(\d+)`)},
	{"<case id>", "/api/v1/cases -H", regexp.MustCompile(`^\{"id":(\d+)`)},
}

// guideAddr is the address the guide serves on; the test serves on a
// free port instead.
const guideAddr = "127.0.0.1:8080"

// TestInstallGuide runs the operators' guide, docs/install.md, as its
// readers do: every command of its sh blocks in order, exactly as written
// but for the placeholders it documents (values printed by the commands
// before) and the port, against a freshly built binary, on SQLite and on
// PostgreSQL. sojourn serve runs in the background until the end.
func TestInstallGuide(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the guide needs curl")
		}
		t.Skip("the guide needs curl")
	}
	cmds := guideCommands(t, "../../docs/install.md")
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "sojourn"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			var env []string
			for _, kv := range os.Environ() {
				if !strings.HasPrefix(kv, "SOJOURN_") && !strings.HasPrefix(kv, "PATH=") {
					env = append(env, kv)
				}
			}
			env = append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "SOJOURN_ADDR="+freeAddr(t))
			if dialect != "sqlite" { // else the guide's default: sojourn.db in the working directory
				env = append(env, "SOJOURN_DB="+dsn)
			}
			g := &guideRun{t: t, dir: t.TempDir(), env: env, values: map[string]string{}}
			for _, c := range cmds {
				g.run(c)
			}
			g.check()
		})
	}
}

// guideCommands returns the command lines of the sh blocks of a guide.
func guideCommands(t *testing.T, file string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			in = !in && strings.TrimSpace(line) == "```sh"
		case in && strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#"):
			cmds = append(cmds, line)
		}
	}
	if len(cmds) < 10 {
		t.Fatalf("%s: only %d commands found", file, len(cmds))
	}
	return cmds
}

// freeAddr returns a loopback address with a port free at the moment.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// guideRun is one run of the guide: its directory, environment, the values
// of placeholders read so far and every command's output.
type guideRun struct {
	t       *testing.T
	dir     string
	env     []string
	values  map[string]string
	outputs map[string]string // by command as written
}

// run runs one command of the guide (serve in the background).
func (g *guideRun) run(written string) {
	t := g.t
	cmd := strings.ReplaceAll(written, guideAddr, strings.TrimPrefix(g.envValue("SOJOURN_ADDR"), "SOJOURN_ADDR="))
	for _, v := range guideValues {
		if strings.Contains(cmd, v.placeholder) {
			if g.values[v.placeholder] == "" {
				t.Fatalf("%s: %s has no value yet", written, v.placeholder)
			}
			cmd = strings.ReplaceAll(cmd, v.placeholder, g.values[v.placeholder])
		}
	}
	if strings.HasPrefix(cmd, "sojourn serve") {
		g.serve(cmd)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, "bash", "-c", cmd)
	c.Dir, c.Env = g.dir, g.env
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%s\n%v\n%s", written, err, out)
	}
	t.Logf("$ %s\n%s", written, out)
	if g.outputs == nil {
		g.outputs = map[string]string{}
	}
	g.outputs[written] = string(out)
	for _, v := range guideValues {
		if g.values[v.placeholder] == "" && strings.Contains(written, v.from) {
			if m := v.re.FindSubmatch(out); m != nil {
				g.values[v.placeholder] = string(m[1])
			}
		}
	}
}

// envValue returns the last NAME=value of the run's environment.
func (g *guideRun) envValue(name string) string {
	for i := len(g.env) - 1; i >= 0; i-- {
		if strings.HasPrefix(g.env[i], name+"=") {
			return g.env[i]
		}
	}
	return ""
}

// serve starts sojourn serve in the background, waits until it serves and
// stops it (SIGTERM to its process group) when the test ends.
func (g *guideRun) serve(cmd string) {
	t := g.t
	c := exec.Command("bash", "-c", cmd)
	c.Dir, c.Env = g.dir, g.env
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	c.Stderr = &logs
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-c.Process.Pid, syscall.SIGTERM)
		c.Wait()
		if t.Failed() {
			t.Logf("%s logged:\n%s", cmd, logs.String())
		}
	})
	serving := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "serving on") {
				serving <- sc.Text()
			}
		}
		close(serving)
	}()
	select {
	case line, ok := <-serving:
		if !ok {
			t.Fatalf("%s ended before serving", cmd)
		}
		t.Log(line)
	case <-time.After(3 * time.Minute):
		t.Fatalf("%s: not serving after 3 minutes", cmd)
	}
}

// check sees that the guide ended where it says: a decided case and a
// resident.
func (g *guideRun) check() {
	var decided, resident bool
	for cmd, out := range g.outputs {
		decided = decided || strings.Contains(cmd, "/decision") && strings.Contains(out, `"state":"decided"`) &&
			strings.Contains(out, `"version":"1930"`)
		resident = resident || strings.Contains(cmd, "/status") && strings.Contains(out, `"state":"resident"`)
	}
	if !decided || !resident {
		g.t.Fatalf("the guide did not end with a decided case (%v) and a resident (%v)", decided, resident)
	}
}
