package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/service"
	"sojourn/store"
)

// SearchConfig says how large a population to search and how to measure.
type SearchConfig struct {
	Persons  int // fictional persons (Latin, Cyrillic, Hangul names) to register
	Workers  int // concurrent writers and searchers
	Queries  int // searches to time
	Register int // persons to register with and without the index, for the ratio
}

// Search registers a population of fictional persons, each under one of
// their names (Korean persons in Hangul, Latin or Cyrillic; Russian in
// Latin or Cyrillic), times registering persons without the blocking keys
// and with them (confirmed new; alternating, see timeKeys), and with them
// and the duplicate guard (the ratios are what the index and the guard
// cost), then times, over HTTP, searches for population members by
// another of their names (half with the birth year), and says how many
// found the person first.
func Search(ctx context.Context, st *store.Store, cfg SearchConfig) ([]Result, error) {
	svc := service.New(st, service.DefaultConfig())
	token, code, err := staffedOffice(ctx, svc, "S")
	if err != nil {
		return nil, err
	}
	officer := service.WithActor(ctx, sojourn.Actor{Name: "bench", Role: sojourn.RoleOfficer, Authority: code, Clearance: sojourn.Secret})
	people := make([]fictional, cfg.Persons)
	r := rand.New(rand.NewPCG(13, 1))
	for i := range people {
		people[i] = newFictional(r)
	}
	start := time.Now()
	ids, err := parallel(cfg.Persons, cfg.Workers, func(i int) (int64, error) {
		p := people[i]
		ss := p.scripts()
		return register(officer, svc, code, p, ss[i%len(ss)], true)
	})
	if err != nil {
		return nil, err
	}
	made := rate("register population", len(ids), time.Since(start))

	without, keys, err := timeKeys(officer, st, svc, code, r, cfg.Register, cfg.Workers)
	if err != nil {
		return nil, err
	}
	extra := make([]fictional, cfg.Register)
	for i := range extra {
		extra[i] = newFictional(r)
	}
	with, err := timeRegister(officer, svc, code, extra, cfg.Workers, false, "register with index and guard")
	if err != nil {
		return nil, err
	}

	apiCfg := api.DefaultConfig()
	apiCfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(api.Handler(svc, st.Ping, apiCfg))
	defer srv.Close()
	sample := make([]int64, cfg.Queries)
	for i := range sample {
		sample[i] = int64(r.IntN(len(ids)))
	}
	var first atomic.Int64
	searches, err := drive("search by another script", sample, cfg.Workers, func(c *http.Client, i int64) error {
		p := people[i]
		ss := p.scripts()
		n := p.names[ss[(int(i)+1+int(i)%2)%len(ss)]]
		q := url.Values{"q": {n.Family + " " + n.Given}, "limit": {"10"}}
		if i%2 == 0 {
			q.Set("born", fmt.Sprint(p.born.Time().Year()))
		}
		var page struct {
			Items []struct {
				PersonID int64 `json:"person_id"`
			} `json:"items"`
		}
		if err := getJSON(c, srv.URL+"/api/v1/persons/search?"+q.Encode(), token, &page); err != nil {
			return err
		}
		if len(page.Items) > 0 && page.Items[0].PersonID == ids[i] {
			first.Add(1)
		}
		return nil
	})
	ratio := Result{Name: fmt.Sprintf("register cost: index x%.2f, index and guard x%.2f", without.Throughput/keys.Throughput,
		without.Throughput/with.Throughput)}
	found := Result{Name: fmt.Sprintf("search found first %.1f%%", 100*float64(first.Load())/float64(max(1, len(sample))))}
	return []Result{made, without, keys, with, ratio, searches, found}, err
}

// rate is the result of n operations in d.
func rate(name string, n int, d time.Duration) Result {
	return Result{Name: name, Ops: n, Elapsed: d, Throughput: float64(n) / d.Seconds()}
}

// register registers a fictional person under one name; confirm skips the
// duplicate guard. A person the guard refuses is registered again
// confirmed, as a clerk would after looking at the candidates.
func register(ctx context.Context, svc *service.Service, code string, p fictional, script int, confirm bool) (int64, error) {
	in := sojourn.PersonInput{Authority: code, Names: []sojourn.Name{p.names[script]}, BirthDate: p.born,
		CountryOfOrigin: "KP", ConfirmNew: confirm}
	if !p.korean {
		in.CountryOfOrigin = "SU"
	}
	out, err := svc.RegisterPerson(ctx, in)
	var dup *service.DuplicateError
	if errors.As(err, &dup) {
		in.ConfirmNew = true
		out, err = svc.RegisterPerson(ctx, in)
	}
	return out.ID, err
}

// keyRounds is how many rounds timeKeys alternates its two sides in.
const keyRounds = 6

// timeKeys times registering n new persons (confirmed new) with the
// blocking keys kept and n without, in rounds that alternate the two sides
// and which goes first, so that a machine's load changing during the run
// weighs on both alike. The result with the keys has the one without as
// its reference.
func timeKeys(ctx context.Context, st *store.Store, svc *service.Service, code string, r *rand.Rand, n, workers int) (Result, Result, error) {
	var ops [2]int
	var took [2]time.Duration
	for round := range keyRounds {
		for j := range 2 {
			side := (round + j) % 2 // 0: without keys, 1: with
			people := make([]fictional, (n+keyRounds-1)/keyRounds)
			for i := range people {
				people[i] = newFictional(r)
			}
			st.WithoutMatchKeys(side == 0)
			res, err := timeRegister(ctx, svc, code, people, workers, true, "")
			st.WithoutMatchKeys(false)
			if err != nil {
				return Result{}, Result{}, err
			}
			ops[side] += res.Ops
			took[side] += res.Elapsed
		}
	}
	without := rate("register without index", ops[0], took[0])
	keys := rate("register with index", ops[1], took[1])
	keys.Reference = &without
	return without, keys, nil
}

// timeRegister times registering people, each under their first name.
func timeRegister(ctx context.Context, svc *service.Service, code string, people []fictional, workers int, confirm bool, name string) (Result, error) {
	start := time.Now()
	_, err := parallel(len(people), workers, func(i int) (int64, error) {
		return register(ctx, svc, code, people[i], people[i].scripts()[0], confirm)
	})
	return rate(name, len(people), time.Since(start)), err
}
