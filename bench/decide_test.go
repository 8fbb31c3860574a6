package bench

import (
	"context"
	"path/filepath"
	"testing"

	"sojourn/store"
)

// BenchmarkDecide decides b.N cases over HTTP with 16 clients on a durable
// SQLite file and reports decisions per second.
func BenchmarkDecide(b *testing.B) {
	st, err := store.Open(store.Config{DB: filepath.Join(b.TempDir(), "bench.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	r, err := Decide(context.Background(), st, Config{Cases: b.N, Workers: 16})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(r.Throughput, "decisions/s")
	b.ReportMetric(float64(r.P99.Microseconds()), "p99-µs")
}

func TestDecide(t *testing.T) {
	st, err := store.Open(store.Config{DB: filepath.Join(t.TempDir(), "bench.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, err := Decide(context.Background(), st, Config{Cases: 20, Workers: 4})
	if err != nil || r.Ops != 20 {
		t.Fatalf("%v, %v", r, err)
	}
}

func TestPopulation(t *testing.T) {
	st, err := store.Open(store.Config{DB: filepath.Join(t.TempDir(), "pop.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	results, err := Population(context.Background(), st, PopulationConfig{Persons: 40, Workers: 4, Reads: 20})
	if err != nil || len(results) != 6 || results[0].Ops != 40 || results[1].Ops != 20 || results[3].Ops != 3 || results[5].Ops != 20 {
		t.Fatalf("%v, %v", results, err)
	}
}
