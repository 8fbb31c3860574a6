package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
	"sojourn/store/storetest"
	"sojourn/web"
)

// clock is a test clock that moves one millisecond on every reading, so
// record times are distinct and ordered.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

// server is a real Sojourn HTTP server over a fresh database. Its helpers
// fail t; a subtest uses s.with(t) so they fail the subtest, never the
// parent from the subtest's goroutine.
type server struct {
	t     testing.TB
	url   string
	store *store.Store
	svc   *service.Service
	clock *clock
	admin string // token of an administrator
	dsn   string // the database, for tests that tamper with it behind Sojourn's back
	logs  *logBuffer
	queue *jobs.Queue
	// client, if set, gives the transport the calls are sent by
	// (checkedClient); nil is http.DefaultTransport
	client *http.Client
	// malformedRequests: the requests are deliberately outside the
	// contract, so only their answers are checked (see malformed).
	malformedRequests bool
	// seen, if set, records the (operation, status) pairs of the server's
	// exchanges instead of the package's seen (checked after the run).
	seen *sync.Map
}

// logBuffer keeps what the server logged.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything logged so far.
func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// eachDialect runs fn once per database engine, each on a fresh server.
func eachDialect(t *testing.T, fn func(t *testing.T, s *server)) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			fn(t, newServer(t, dialect))
		})
	}
}

// with returns the same server with helpers that fail t.
func (s *server) with(t testing.TB) *server {
	c := *s
	c.t = t
	return &c
}

func newServer(t testing.TB, dialect string) *server {
	return newServerWith(t, dialect, service.Config{}, -1)
}

// newServerWith is newServer with a service configuration (its clock is
// the test's) whose job queue also runs the maintenance round every
// maintenance (negative: never, as newServer).
func newServerWith(t testing.TB, dialect string, scfg service.Config, maintenance time.Duration) *server {
	return newServerAPI(t, dialect, scfg, maintenance, func(*api.Config) {})
}

// newServerAPI is newServerWith with the API's configuration adjusted by
// tune (trusted proxies, say).
func newServerAPI(t testing.TB, dialect string, scfg service.Config, maintenance time.Duration, tune func(*api.Config)) *server {
	s := newServerTuned(t, dialect, scfg, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), tune)
	s.queue = startWorker(t, s.store, s.svc, s.clock.Now, maintenance)
	return s
}

// newServerWithoutWorker is a server whose clock starts at start and that
// runs no jobs: other processes on its database do.
func newServerWithoutWorker(t testing.TB, dialect string, scfg service.Config, start time.Time) *server {
	return newServerTuned(t, dialect, scfg, start, func(*api.Config) {})
}

// newServerTuned is newServerWithoutWorker with the API's configuration
// adjusted by tune.
func newServerTuned(t testing.TB, dialect string, scfg service.Config, start time.Time, tune func(*api.Config)) *server {
	dsn := storetest.DSN(t, dialect)
	st := storetest.OpenDSN(t, dsn)
	clk := &clock{now: start}
	scfg.Clock = clk.Now
	svc := service.New(st, scfg)
	logs := &logBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg := api.DefaultConfig()
	cfg.Logger = logger
	cfg.Web = web.New(svc, web.Config{Logger: logger})
	tune(&cfg)
	ts := httptest.NewServer(api.Handler(svc, st.Ping, cfg))
	t.Cleanup(ts.Close)
	s := &server{t: t, url: ts.URL, store: st, svc: svc, clock: clk, dsn: dsn, logs: logs}
	s.admin = s.user("admin", sojourn.RoleAdmin, "", sojourn.TopSecret)
	return s
}

// user creates a user directly through the service (as `sojourn user add`
// does) and returns its token.
func (s *server) user(name, role, authority string, clearance sojourn.Level) string {
	s.t.Helper()
	ctx := service.WithActor(context.Background(), sojourn.System)
	_, token, err := s.svc.CreateUser(ctx, sojourn.UserInput{Name: name, Role: role, Authority: authority, Clearance: clearance})
	if err != nil {
		s.t.Fatalf("create user %s: %v", name, err)
	}
	return token
}

// response is what a call answered, with the test that made the call.
type response struct {
	Status int
	Header http.Header
	Body   []byte
	t      testing.TB
}

// JSON decodes an object body, failing the test if it is not one.
func (r response) JSON() map[string]any {
	r.t.Helper()
	var m map[string]any
	r.decode(&m)
	return m
}

// List decodes an array body, failing the test if it is not one.
func (r response) List() []map[string]any {
	r.t.Helper()
	var l []map[string]any
	r.decode(&l)
	return l
}

func (r response) decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("response is not the JSON expected (%v): %s", err, r)
	}
}

func (r response) String() string {
	return fmt.Sprintf("%d %s", r.Status, r.Body)
}

// instanceMember is a problem document's instance member, which names the
// request that got it.
var instanceMember = regexp.MustCompile(`,?"instance":"urn:sojourn:request:([^"]*)"`)

// withoutInstance is String with the problem document's instance taken out
// and every other byte kept: two answers equal this way differ only in
// the request they name. It fails the test unless the document names its
// own request (the X-Request-Id answered) exactly once.
func (r response) withoutInstance() string {
	r.t.Helper()
	m := instanceMember.FindAllSubmatch(r.Body, -1)
	if len(m) != 1 || string(m[0][1]) != r.Header.Get("X-Request-Id") {
		r.t.Fatalf("the problem document does not name its request %q as instance: %s", r.Header.Get("X-Request-Id"), r)
	}
	return fmt.Sprintf("%d %s", r.Status, instanceMember.ReplaceAll(r.Body, nil))
}

// call sends a request; body may be nil, a string/[]byte (sent as is) or a
// value encoded as JSON. headers are "Name: value" pairs.
func (s *server) call(token, method, path string, body any, headers ...string) response {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, s.url+path, rd)
	if err != nil {
		s.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	res, err := s.checkedClient().Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatalf("%s %s: reading the answer: %v", method, path, err)
	}
	if res.StatusCode == http.StatusCreated && res.Header.Get("Location") == "" {
		s.t.Errorf("%s %s: 201 without a Location", method, path)
	}
	return response{Status: res.StatusCode, Header: res.Header, Body: data, t: s.t}
}

// must sends a request and fails the test unless it answers want.
func (s *server) must(want int, token, method, path string, body any, headers ...string) response {
	s.t.Helper()
	r := s.call(token, method, path, body, headers...)
	if r.Status != want {
		s.t.Fatalf("%s %s: got %s, want %d", method, path, r, want)
	}
	return r
}

// id returns the numeric id field of a JSON object.
func id(m map[string]any) int64 {
	v, _ := m["id"].(float64)
	return int64(v)
}

// path formats a path with ids.
func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// auditCount returns the number of audit entries, read by an auditor.
func (s *server) auditCount() int {
	s.t.Helper()
	var n int64
	err := s.store.Read(context.Background(), func(tx *store.Tx) (err error) {
		n, err = tx.CountAudit(context.Background())
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return int(n)
}
