package e2e

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sojourn/service"
)

// instance is a `sojourn serve` process of the built binary.
type instance struct {
	url  string
	cmd  *exec.Cmd
	logs *logBuffer
}

// binary builds cmd/sojourn once per test process and returns its path.
var binary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sojourn-bin-")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "sojourn")
	build := exec.Command("go", "build", "-o", out, "sojourn/cmd/sojourn")
	if msg, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, msg)
	}
	return out, nil
})

var servingOn = regexp.MustCompile(`serving on (http://\S+)`)

// startInstance runs `sojourn serve` with args on a free port and waits
// until it serves; it is killed when the test ends.
func startInstance(t *testing.T, args ...string) *instance {
	t.Helper()
	cmd := exec.Command(mustBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	in := &instance{cmd: cmd, logs: &logBuffer{}}
	cmd.Stderr = in.logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("instance %d logged:\n%s", cmd.Process.Pid, in.logs)
		}
	})
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if m := servingOn.FindStringSubmatch(lines.Text()); m != nil {
			in.url = m[1]
			go io.Copy(io.Discard, stdout)
			return in
		}
	}
	t.Fatalf("instance did not start serving: %v\n%s", lines.Err(), in.logs)
	return nil
}

// at returns the server's test helpers aimed at another instance over the
// same database.
func (s *server) at(in *instance) *server {
	c := *s
	c.url = in.url
	return &c
}

// TestTwoInstancesOnPostgres runs two `sojourn serve` processes on one
// PostgreSQL database, as a load balancer would have them: decisions on one
// case sent to both at once are taken once (the other answers 412), every
// job runs once, and the audit checkpoints come from one leader at a time,
// the other instance taking over when the leader dies.
func TestTwoInstancesOnPostgres(t *testing.T) {
	t.Parallel()
	s := newServerWithoutWorker(t, "postgres", service.Config{}, time.Now())
	o := s.setupOffice("VRD", "Vardø Migration Office")
	key := filepath.Join(t.TempDir(), "audit.key")
	if msg, err := exec.Command(mustBinary(t), "audit", "keygen", "--out", key).CombinedOutput(); err != nil {
		t.Fatalf("audit keygen: %v\n%s", err, msg)
	}
	flags := []string{"--db", s.dsn, "--audit-key", key, "--maintenance", "1s"}
	a, b := startInstance(t, flags...), startInstance(t, flags...)

	t.Run("one decision wins", func(t *testing.T) { oneDecisionWins(s.with(t), o, a, b) })
	s.uploadPack(residencePack(t, true))
	draft := strings.Replace(residencePack(t, true), "    effective_to: 1938-01-31\n", "", 1)
	t.Run("jobs run once", func(t *testing.T) { jobsRunOnce(s.with(t), o, a, b, draft) })
	t.Run("checkpoints from one leader", func(t *testing.T) { checkpointsFromOneLeader(s.with(t), a, b) })
}

func mustBinary(t *testing.T) string {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// oneDecisionWins sends the same decision, with the same If-Match, to both
// instances at once, for several cases: each time exactly one is taken.
func oneDecisionWins(s *server, o office, a, b *instance) {
	for i := range 8 {
		c := s.at(a).fileCase(o.clerk, o.code, s.at(a).person(o.clerk, o.code, "Ingrid", fmt.Sprintf("Holm%d", i), "1960-02-03"), "2026-03-02", nil)
		etag := s.at(b).must(http.StatusOK, o.officer, "GET", path("/api/v1/cases/%d", id(c)), nil).Header.Get("ETag")
		body := byHand(map[string]any{"outcome": "grant", "grounds": "Requirements met.", "decided_on": "2026-03-03",
			"permit_valid_from": "2026-03-03", "permit_valid_to": "2027-03-02"})
		var wg sync.WaitGroup
		statuses := make([]int, 2)
		for j, in := range []*instance{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[j] = s.at(in).call(o.officer, "POST", path("/api/v1/cases/%d/decision", id(c)), body, "If-Match: "+etag).Status
			}()
		}
		wg.Wait()
		if !(statuses[0] == 200 && statuses[1] == 412 || statuses[0] == 412 && statuses[1] == 200) {
			s.t.Fatalf("case %d decided on both instances at once: answers %v, want one 200 and one 412", id(c), statuses)
		}
		got := s.at(b).must(http.StatusOK, o.officer, "GET", path("/api/v1/cases/%d", id(c)), nil).JSON()
		if n := len(got["decisions"].([]any)); n != 1 {
			s.t.Fatalf("case %d holds %d decisions, want 1", id(c), n)
		}
	}
}

// jobsRunOnce starts what-if runs through both instances and checks that
// each ran to the end in one attempt, in one instance.
func jobsRunOnce(s *server, o office, a, b *instance, draft string) {
	var runs []int64
	for i := range 6 {
		in := []*instance{a, b}[i%2]
		r := s.at(in).must(http.StatusAccepted, o.officer, "POST", "/api/v1/policy/whatif",
			map[string]any{"pack": "residence", "version": "1930", "scope": "all", "source": draft}).JSON()
		runs = append(runs, id(r))
	}
	for _, run := range runs {
		if got := s.at(b).awaitRun(o.officer, run); got["state"] != "done" {
			s.t.Fatalf("what-if run %d: %v", run, got)
		}
	}
	// River records a job completed shortly after the run has ended
	deadline := time.Now().Add(30 * time.Second)
	for s.rawInt(`SELECT count(*) FROM river_job WHERE kind = 'sojourn.job' AND state NOT IN ('completed', 'cancelled', 'discarded')`) > 0 {
		if time.Now().After(deadline) {
			s.t.Fatal("jobs still queued or running 30 s after their runs ended")
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.raw(func(db *sql.DB) error {
		rows, err := db.Query(`SELECT attempt, cardinality(attempted_by), state FROM river_job WHERE kind = 'sojourn.job'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var attempt, by int
			var state string
			if err := rows.Scan(&attempt, &by, &state); err != nil {
				return err
			}
			if attempt != 1 || by != 1 || state != "completed" {
				s.t.Errorf("a job ran %d times in %d instances and is %s; want once, completed", attempt, by, state)
			}
			n++
		}
		if n < len(runs) {
			s.t.Errorf("%d jobs in the queue, want at least %d", n, len(runs))
		}
		return rows.Err()
	})
}

// checkpointsFromOneLeader waits for checkpoints while both instances run,
// checks that one of them leads and that the rounds are not doubled, then
// kills the leader and waits for the other to take over and go on
// checkpointing.
func checkpointsFromOneLeader(s *server, a, b *instance) {
	leader := s.awaitLeader("")
	before := s.awaitCheckpoints(3)
	s.roundsOneApart(time.Second)
	dead, alive := a, b
	if !strings.Contains(leader, fmt.Sprintf("_pid%d_", a.cmd.Process.Pid)) {
		dead, alive = b, a
	}
	if !strings.Contains(leader, fmt.Sprintf("_pid%d_", dead.cmd.Process.Pid)) {
		s.t.Fatalf("the leader %q is neither instance (pids %d, %d)", leader, a.cmd.Process.Pid, b.cmd.Process.Pid)
	}
	dead.cmd.Process.Signal(syscall.SIGKILL)
	next := s.awaitLeader(leader)
	if !strings.Contains(next, fmt.Sprintf("_pid%d_", alive.cmd.Process.Pid)) {
		s.t.Fatalf("after the leader died, %q leads; want the other instance", next)
	}
	s.awaitCheckpoints(before + 2)
	if report, err := s.verifyRows(); err != nil {
		s.t.Fatalf("audit log after the takeover: %v (%+v)", err, report)
	}
}

// roundsOneApart checks that the maintenance rounds scheduled so far were
// scheduled by one leader: one every interval, never two close together (as
// two instances each scheduling its own would).
func (s *server) roundsOneApart(interval time.Duration) {
	s.t.Helper()
	var at []time.Time
	s.raw(func(db *sql.DB) error {
		rows, err := db.Query(`SELECT scheduled_at FROM river_job WHERE kind = 'sojourn.maintenance' ORDER BY scheduled_at`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t time.Time
			if err := rows.Scan(&t); err != nil {
				return err
			}
			at = append(at, t)
		}
		return rows.Err()
	})
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap < interval/2 {
			s.t.Errorf("maintenance rounds %d and %d scheduled %s apart, want one every %s: two leaders?", i, i+1, gap, interval)
		}
	}
}

// awaitLeader waits until River's leader is an instance other than not,
// and returns its id.
func (s *server) awaitLeader(not string) string {
	s.t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		var leader string
		s.raw(func(db *sql.DB) error {
			err := db.QueryRow(`SELECT leader_id FROM river_leader WHERE expires_at > now()`).Scan(&leader)
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		})
		if leader != "" && leader != not {
			return leader
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.t.Fatalf("no new leader (the last was %q)", not)
	return ""
}

// awaitCheckpoints waits until there are at least n audit checkpoints, and
// returns how many there are.
func (s *server) awaitCheckpoints(n int) int {
	s.t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if got := int(s.rawInt(`SELECT count(*) FROM audit_checkpoints`)); got >= n {
			return got
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.t.Fatalf("fewer than %d audit checkpoints after 90 s", n)
	return 0
}
