// Package bench measures Sojourn end to end: a real server over a real
// database, driven over HTTP by concurrent clients, as `sojourn bench` runs
// it. Figures go to docs/performance.md.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/service"
	"sojourn/store"
)

// Config says what to measure.
type Config struct {
	Cases   int    // cases to decide
	Workers int    // concurrent HTTP clients
	DSN     string // the store's database, beside which the reference runs
}

// Result is what a run measured.
type Result struct {
	Name       string
	Ops        int
	Elapsed    time.Duration
	P50, P99   time.Duration
	Throughput float64 // operations per second
	// Reference, when set, is what the same run measured of the engine
	// alone, for the ratio of the two throughputs.
	Reference *Result
}

func (r Result) String() string {
	line := fmt.Sprintf("%-30s %8d ops in %7.2fs  %9.0f ops/s", r.Name, r.Ops, r.Elapsed.Seconds(), r.Throughput)
	if r.P99 > 0 {
		line += fmt.Sprintf("  p50 %8s  p99 %8s", r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
	}
	if r.Reference != nil && r.Reference.Throughput > 0 {
		line += fmt.Sprintf("  %.2f× the reference", r.Throughput/r.Reference.Throughput)
	}
	return line
}

// Decide files cfg.Cases residence-permit cases through the service, then
// decides them all over HTTP (grant: evaluation, decision, permit, ledger
// fact and audit entry in one durable transaction each) with cfg.Workers
// concurrent clients, and reports throughput and latency against the same
// run's raw one-row transactions from as many clients (rawOneRow).
func Decide(ctx context.Context, st *store.Store, cfg Config) (Result, error) {
	ref, err := rawOneRow(ctx, st.Dialect(), cfg.DSN, cfg.Workers, cfg.Cases)
	if err != nil {
		return Result{}, fmt.Errorf("reference: %w", err)
	}
	r, err := decide(ctx, st, cfg)
	r.Reference = &ref
	return r, err
}

// decide is Decide without its reference.
func decide(ctx context.Context, st *store.Store, cfg Config) (Result, error) {
	svc := service.New(st, service.DefaultConfig())
	token, ids, err := seedCases(ctx, svc, cfg.Cases)
	if err != nil {
		return Result{}, err
	}
	apiCfg := api.DefaultConfig()
	apiCfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(api.Handler(svc, st.Ping, apiCfg))
	defer srv.Close()
	body := []byte(`{"outcome":"grant","grounds":"Requirements met.","decided_on":"1938-01-10"}`)
	return drive("decide case over HTTP", ids, cfg.Workers, func(client *http.Client, id int64) error {
		req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/cases/%d/decision", srv.URL, id), bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("case %d: HTTP %d", id, res.StatusCode)
		}
		return nil
	})
}

// seedCases creates an authority, an officer and n filed cases of persons
// with a passport (the residence pack grants them), returning the
// officer's token and the case ids.
func seedCases(ctx context.Context, svc *service.Service, n int) (string, []int64, error) {
	token, code, err := staffedOffice(ctx, svc, "B")
	if err != nil {
		return "", nil, err
	}
	clerk := service.WithActor(ctx, sojourn.Actor{Name: "bench", Role: sojourn.RoleClerk, Authority: code, Clearance: sojourn.Unclassified})
	ids := make([]int64, 0, n)
	for i := range n {
		p, err := svc.RegisterPerson(clerk, sojourn.PersonInput{Authority: code, ConfirmNew: true, BirthDate: sojourn.MustDate("1900-01-01"),
			CountryOfOrigin: "CS", Names: []sojourn.Name{{Script: "Latin", Family: fmt.Sprintf("Person%d", i)}}})
		if err != nil {
			return "", nil, err
		}
		if _, err := svc.AddDocument(clerk, p.ID, sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: fmt.Sprintf("%s-%d", code, i),
			IssuingState: "CS", Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01"), ValidTo: sojourn.MustDate("1940-12-31")}}); err != nil {
			return "", nil, err
		}
		c, err := svc.FileCase(clerk, sojourn.CaseInput{Type: sojourn.CaseResidencePermit, PersonID: p.ID, Authority: code,
			FiledOn: sojourn.MustDate("1938-01-02")})
		if err != nil {
			return "", nil, err
		}
		ids = append(ids, c.ID)
	}
	return token, ids, nil
}

// drive runs op once per id across workers and measures each call.
func drive(name string, ids []int64, workers int, op func(*http.Client, int64) error) (Result, error) {
	work := make(chan int64)
	m := newTimings(len(ids))
	wait := clients(workers, func(c *http.Client) {
		for id := range work {
			m.time(func() error { return op(c, id) })
		}
	})
	for _, id := range ids {
		work <- id
	}
	close(work)
	wait()
	r, err := m.result()
	r.Name = name
	return r, err
}
