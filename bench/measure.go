package bench

import (
	"net/http"
	"slices"
	"sync"
	"time"
)

// timings collects the latency and the first error of calls measured by
// many goroutines at once, from its creation on.
type timings struct {
	mu    sync.Mutex
	lat   []time.Duration
	err   error
	start time.Time
}

// newTimings starts measuring, with room for n calls.
func newTimings(n int) *timings {
	return &timings{lat: make([]time.Duration, 0, n), start: time.Now()}
}

// time runs op and records how long it took and its error.
func (m *timings) time(op func() error) {
	t0 := time.Now()
	err := op()
	d := time.Since(t0)
	m.mu.Lock()
	m.lat = append(m.lat, d)
	if err != nil && m.err == nil {
		m.err = err
	}
	m.mu.Unlock()
}

// result summarises the calls measured so far and returns the first error.
func (m *timings) result() (Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return latencies(m.lat, time.Since(m.start)), m.err
}

// clients runs work in workers goroutines, each with an HTTP client of its
// own, and returns a function that waits for them all.
func clients(workers int, work func(*http.Client)) (wait func()) {
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(&http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}})
		}()
	}
	return wg.Wait
}

// latencies summarises measured calls.
func latencies(lat []time.Duration, elapsed time.Duration) Result {
	slices.Sort(lat)
	r := Result{Ops: len(lat), Elapsed: elapsed, Throughput: float64(len(lat)) / elapsed.Seconds()}
	if len(lat) > 0 {
		r.P50, r.P99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}
