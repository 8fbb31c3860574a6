package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/policies"
	"sojourn/service"
	"sojourn/store"
	"sojourn/web"
)

// PopulationConfig says how large a population to make and how to read it.
type PopulationConfig struct {
	Persons int // fictional persons to register
	Workers int // concurrent writers and readers
	Reads   int // status reads to time
}

// Population registers a synthetic population through the service (each
// person with a passport; every second one also granted a permit), then
// times, over HTTP, a person's status on a date, the lapse report of the
// whole authority, and the web application's person and case pages.
func Population(ctx context.Context, st *store.Store, cfg PopulationConfig) ([]Result, error) {
	svc := service.New(st, service.DefaultConfig())
	token, code, err := staffedOffice(ctx, svc, "P")
	if err != nil {
		return nil, err
	}
	start := time.Now()
	ids, err := populate(ctx, svc, code, cfg)
	if err != nil {
		return nil, err
	}
	made := Result{Name: "register population", Ops: len(ids), Elapsed: time.Since(start)}
	made.Throughput = float64(made.Ops) / made.Elapsed.Seconds()
	apiCfg := api.DefaultConfig()
	apiCfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	apiCfg.ExpensivePerMinute, apiCfg.ExpensiveBurst = 1000, 1000
	apiCfg.Web = web.New(svc, web.Config{Logger: apiCfg.Logger})
	srv := httptest.NewServer(api.Handler(svc, st.Ping, apiCfg))
	defer srv.Close()
	get := func(client *http.Client, path string) error { return getOK(client, srv.URL+path, token) }
	sample := make([]int64, cfg.Reads)
	for i := range sample {
		sample[i] = ids[rand.IntN(len(ids))]
	}
	status, err := drive("person status on a date", sample, cfg.Workers, func(c *http.Client, id int64) error {
		return get(c, fmt.Sprintf("/api/v1/persons/%d/status?on=1938-06-01", id))
	})
	if err != nil {
		return nil, err
	}
	report := "/api/v1/lapses?on=1938-06-01&days=90&limit=500&authority=" + code
	firstPage, err := drive("lapse report, first page", make([]int64, 20), 1, func(c *http.Client, _ int64) error {
		return get(c, report)
	})
	if err != nil {
		return nil, err
	}
	lapses, err := drive("lapse report, every page", []int64{1, 2, 3}, 1, func(c *http.Client, _ int64) error {
		return wholeReport(c, srv.URL+report, token)
	})
	if err != nil {
		return nil, err
	}
	pages, err := pageRenders(ctx, svc, srv.URL, code, ids, min(cfg.Reads, 2000), cfg.Workers)
	return append([]Result{made, status, firstPage, lapses}, pages...), err
}

// wholeReport reads both lists of the lapse report page by page to the end.
func wholeReport(client *http.Client, url, token string) error {
	for _, list := range []string{"lapsing", "no_legal_status"} {
		var after int64
		for {
			var page map[string]any
			if err := getJSON(client, fmt.Sprintf("%s&list=%s&%s_after=%d", url, list, list, after), token, &page); err != nil {
				return err
			}
			next, _ := page[list+"_next"].(float64)
			if next == 0 {
				break
			}
			after = int64(next)
		}
	}
	return nil
}

// staffedOffice creates an authority deciding residence permits and an
// officer there, returning the officer's token and the authority's code.
func staffedOffice(ctx context.Context, svc *service.Service, prefix string) (string, string, error) {
	sys := service.WithActor(ctx, sojourn.System)
	if _, err := policies.Install(sys, svc); err != nil {
		return "", "", err
	}
	code := fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1_000_000)
	if _, err := svc.CreateAuthority(sys, sojourn.AuthorityInput{Code: code, Name: "Bench office", Kind: sojourn.KindOffice,
		CaseTypes: []string{sojourn.CaseResidencePermit}, Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01")}}); err != nil {
		return "", "", err
	}
	_, token, err := svc.CreateUser(sys, sojourn.UserInput{Name: code + "-officer", Role: sojourn.RoleOfficer, Authority: code,
		Clearance: sojourn.Secret})
	return token, code, err
}

// populate registers cfg.Persons persons with cfg.Workers writers.
func populate(ctx context.Context, svc *service.Service, code string, cfg PopulationConfig) ([]int64, error) {
	officer := service.WithActor(ctx, sojourn.Actor{Name: "bench", Role: sojourn.RoleOfficer, Authority: code, Clearance: sojourn.Secret})
	return parallel(cfg.Persons, cfg.Workers, func(i int) (int64, error) { return onePerson(officer, svc, code, i) })
}

// parallel calls one(i) for i from 0 to n-1 with workers goroutines and
// returns the ids they made, in order, and the first error.
func parallel(n, workers int, one func(i int) (int64, error)) ([]int64, error) {
	work := make(chan int)
	ids := make([]int64, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				id, err := one(i)
				mu.Lock()
				ids[i] = id
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	return ids, firstErr
}

// onePerson registers the i-th fictional person with a passport ending
// between 1937 and 1941 and, for every second one, a permit ending in
// 1938 or 1939.
func onePerson(ctx context.Context, svc *service.Service, code string, i int) (int64, error) {
	p, err := svc.RegisterPerson(ctx, sojourn.PersonInput{Authority: code, ConfirmNew: true, BirthDate: sojourn.MustDate("1900-01-01").AddDays(i % 9000),
		CountryOfOrigin: "CS", Names: []sojourn.Name{{Script: "Latin", Given: "Test", Family: fmt.Sprintf("Person%d", i)}}})
	if err != nil {
		return 0, err
	}
	passportEnds := sojourn.MustDate("1937-01-01").AddDays(i % 1500)
	if _, err := svc.AddDocument(ctx, p.ID, sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: fmt.Sprintf("B%s-%d", code, i),
		IssuingState: "CS", Period: sojourn.Period{ValidFrom: sojourn.MustDate("1930-01-01"), ValidTo: passportEnds}}); err != nil {
		return 0, err
	}
	if i%2 == 1 {
		return p.ID, nil
	}
	c, err := svc.FileCase(ctx, sojourn.CaseInput{Type: sojourn.CaseResidencePermit, PersonID: p.ID, Authority: code,
		FiledOn: sojourn.MustDate("1936-12-01")})
	if err != nil {
		return 0, err
	}
	_, err = svc.DecideCase(ctx, c.ID, c.Version, sojourn.DecisionInput{Outcome: sojourn.OutcomeGrant, Grounds: "Requirements met.",
		DecidedOn: sojourn.MustDate("1937-01-01"), PermitValidTo: sojourn.MustDate("1938-01-01").AddDays(i % 700)})
	return p.ID, err
}

// getOK sends an authenticated GET and checks for 200.
func getOK(client *http.Client, url, token string) error {
	return getJSON(client, url, token, nil)
}

// getJSON sends an authenticated GET, checks for 200 and decodes the body
// into v (or discards it when v is nil).
func getJSON(client *http.Client, url, token string, v any) error {
	return get(client, url, func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+token) }, v)
}

// get sends a GET that sign makes authenticated, checks for 200 and
// decodes the body into v (or discards it when v is nil).
func get(client *http.Client, url string, sign func(*http.Request), v any) error {
	req, _ := http.NewRequest("GET", url, nil)
	sign(req)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d", url, res.StatusCode)
	}
	if v == nil {
		_, err = io.Copy(io.Discard, res.Body)
		return err
	}
	return json.NewDecoder(res.Body).Decode(v)
}
