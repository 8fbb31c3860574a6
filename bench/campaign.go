package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime/pprof"
	"sync/atomic"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
)

// CampaignConfig says how large a review campaign to run.
type CampaignConfig struct {
	Persons int // registered residents, all in the cohort
	Workers int // concurrent writers while populating, and status readers while the campaign runs
	Batch   int // persons per batch (0: the default)
	// Idle is how long status reads are timed before the campaign starts,
	// as the reference for the reads during it (0: three seconds).
	Idle time.Duration
	// Profile, when set, receives a CPU profile of the campaign's run
	// (not of the registration before it).
	Profile io.Writer
}

// campaignCities is how many cities (each with an office and a commission)
// the population is spread over.
const campaignCities = 10

// Campaign registers cfg.Persons persons, each registered with the office
// of one of ten cities, then runs a review campaign over all of them on the
// job queue and, while it runs, reads random persons' status over HTTP with
// cfg.Workers clients. It reports the review cases created per second and
// the status reads' latency meanwhile, and two references from the same
// run: raw durable multi-row inserts on the same disk (rawBatches) and the
// same status reads with no campaign running.
func Campaign(ctx context.Context, st *store.Store, cfg CampaignConfig) ([]Result, error) {
	svc := service.New(st, service.DefaultConfig())
	token, code, err := staffedOffice(ctx, svc, "C")
	if err != nil {
		return nil, err
	}
	if err := cityAuthorities(ctx, svc, code); err != nil {
		return nil, err
	}
	officer := service.WithActor(ctx, sojourn.Actor{Name: "bench", Role: sojourn.RoleOfficer, Authority: code, Clearance: sojourn.Secret})
	start := time.Now()
	ids, err := parallel(cfg.Persons, cfg.Workers, func(i int) (int64, error) { return resident(officer, svc, code, i) })
	if err != nil {
		return nil, err
	}
	made := Result{Name: "register residents", Ops: len(ids), Elapsed: time.Since(start)}
	made.Throughput = float64(made.Ops) / made.Elapsed.Seconds()

	q, err := jobs.ForService(ctx, st, svc, jobs.Config{Poll: 100 * time.Millisecond, Maintenance: -1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	stop, err := q.Start(ctx)
	if err != nil {
		return nil, err
	}
	defer stop()
	apiCfg := api.DefaultConfig()
	apiCfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(api.Handler(svc, st.Ping, apiCfg))
	defer srv.Close()

	raw, err := rawBatches(ctx, len(ids), cmp.Or(cfg.Batch, 1000))
	if err != nil {
		return nil, err
	}
	readStatus := func(client *http.Client) error {
		return getOK(client, fmt.Sprintf("%s/api/v1/persons/%d/status?on=1956-01-10", srv.URL, ids[rand.IntN(len(ids))]), token)
	}
	var quiet atomic.Bool
	idleReads := readWhile(&quiet, cfg.Workers, readStatus)
	time.Sleep(cmp.Or(cfg.Idle, 3*time.Second))
	quiet.Store(true)
	idle, err := idleReads()
	if err != nil {
		return nil, err
	}
	idle.Name = "status read, no campaign"

	head := service.WithActor(ctx, sojourn.Actor{Name: "bench-head", Role: sojourn.RoleHead, Authority: code, Clearance: sojourn.Secret})
	if cfg.Profile != nil {
		if err := pprof.StartCPUProfile(cfg.Profile); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	start = time.Now()
	c, err := svc.StartCampaign(head, sojourn.CampaignInput{Name: "Bench", LegalReference: "Bench order", Rule: "registered",
		On: sojourn.MustDate("1956-01-10"), BatchSize: cfg.Batch})
	if err != nil {
		return nil, err
	}
	var done atomic.Bool
	reads := readWhile(&done, cfg.Workers, readStatus)
	// wait on the job's record (one indexed row), not on the campaign's
	// per-city progress, whose count over every review so far would load
	// the machine being measured more the further the campaign got
	err = waitCampaign(ctx, st, q, c.ID)
	elapsed := time.Since(start)
	done.Store(true)
	status, readErr := reads()
	if err == nil {
		c, err = svc.Campaign(head, c.ID)
	}
	if err == nil && c.Progress.State != sojourn.JobDone {
		err = fmt.Errorf("campaign %s: %s", c.Progress.State, c.Progress.Error)
	}
	run := Result{Name: "review cases created", Ops: c.Reviews, Elapsed: elapsed, Throughput: float64(c.Reviews) / elapsed.Seconds(), Reference: &raw}
	status.Name = "status read during campaign"
	if err == nil {
		err = readErr
	}
	return []Result{made, raw, idle, run, status}, err
}

// waitCampaign waits for the run of a campaign to end.
func waitCampaign(ctx context.Context, st *store.Store, q *jobs.Queue, id int64) error {
	var c store.CampaignRecord
	err := st.Read(ctx, func(tx *store.Tx) (err error) {
		c, err = tx.CampaignByID(ctx, id)
		return err
	})
	if err != nil {
		return err
	}
	_, err = q.Wait(ctx, c.JobID)
	return err
}

// cityAuthorities creates the offices and commissions of the bench's
// cities.
func cityAuthorities(ctx context.Context, svc *service.Service, code string) error {
	sys := service.WithActor(ctx, sojourn.System)
	for i := range campaignCities {
		city := fmt.Sprintf("City%d", i)
		for _, a := range []sojourn.AuthorityInput{
			{Code: fmt.Sprintf("%s-O%d", code, i), Name: "Office of " + city, Kind: sojourn.KindOffice, Places: []string{city}},
			{Code: fmt.Sprintf("%s-R%d", code, i), Name: "Commission of " + city, Kind: sojourn.KindCommission, Places: []string{city},
				CaseTypes: []string{sojourn.CaseReview}},
		} {
			a.Period = sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01")}
			if _, err := svc.CreateAuthority(sys, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// resident registers the i-th fictional person and registers them with
// the office of one of the cities.
func resident(ctx context.Context, svc *service.Service, code string, i int) (int64, error) {
	p, err := svc.RegisterPerson(ctx, sojourn.PersonInput{Authority: code, ConfirmNew: true, BirthDate: sojourn.MustDate("1900-01-01").AddDays(i % 9000),
		CountryOfOrigin: "CS", Names: []sojourn.Name{{Script: "Latin", Given: "Test", Family: fmt.Sprintf("Resident%d", i)}}})
	if err != nil {
		return 0, err
	}
	_, err = svc.Register(ctx, p.ID, sojourn.RegistrationInput{City: fmt.Sprintf("City%d", i%campaignCities), Category: "worker",
		Period: sojourn.Period{ValidFrom: sojourn.MustDate("1950-01-01")}})
	return p.ID, err
}

// readWhile runs op with workers clients until done is set; the function
// it returns waits for them and reports the calls' latency.
func readWhile(done *atomic.Bool, workers int, op func(*http.Client) error) func() (Result, error) {
	m := newTimings(0)
	wait := clients(workers, func(c *http.Client) {
		for !done.Load() {
			m.time(func() error { return op(c) })
		}
	})
	return func() (Result, error) {
		wait()
		return m.result()
	}
}
