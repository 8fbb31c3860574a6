//go:build unix

package bench

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"sojourn"
	"sojourn/service"
	"sojourn/store"
)

// registerPopulation is how many persons the register holds before
// BenchmarkRegisterKeys times its registrations.
const registerPopulation = 20000

// registerBase is a SQLite file holding registerPopulation persons, made
// once per test binary; each benchmark run works on a copy.
var registerBase struct {
	once sync.Once
	path string
	err  error
}

// registerOffice opens a copy of the populated register and a staffed office in it.
func registerOffice(b *testing.B) (*store.Store, *service.Service, context.Context, string) {
	registerBase.once.Do(func() {
		dir, err := os.MkdirTemp("", "sojourn-register")
		if err != nil {
			registerBase.err = err
			return
		}
		registerBase.path = filepath.Join(dir, "base.db")
		st, svc, officer, code, err := openOffice(registerBase.path)
		if err != nil {
			registerBase.err = err
			return
		}
		defer st.Close()
		r := rand.New(rand.NewPCG(13, 1))
		people := make([]fictional, registerPopulation)
		for i := range people {
			people[i] = newFictional(r)
		}
		_, registerBase.err = parallel(len(people), 8, func(i int) (int64, error) {
			p := people[i]
			return register(officer, svc, code, p, p.scripts()[i%len(p.scripts())], true)
		})
	})
	if registerBase.err != nil {
		b.Fatal(registerBase.err)
	}
	body, err := os.ReadFile(registerBase.path)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "register.db")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		b.Fatal(err)
	}
	st, svc, officer, code, err := openOffice(path)
	if err != nil {
		b.Fatal(err)
	}
	return st, svc, officer, code
}

// openOffice opens (migrating) a SQLite file and staffs a new office in it.
func openOffice(path string) (*store.Store, *service.Service, context.Context, string, error) {
	ctx := context.Background()
	st, err := store.Open(store.Config{DB: path})
	if err != nil {
		return nil, nil, nil, "", err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, nil, nil, "", err
	}
	svc := service.New(st, service.DefaultConfig())
	_, code, err := staffedOffice(ctx, svc, "R")
	officer := service.WithActor(ctx, sojourn.Actor{Name: "bench", Role: sojourn.RoleOfficer, Authority: code, Clearance: sojourn.Secret})
	return st, svc, officer, code, err
}

// BenchmarkRegisterKeys registers b.N persons (confirmed new, 8 writers)
// in a register of registerPopulation persons, with the blocking keys kept
// and without, and reports the CPU time the process spent per
// registration: on a machine other work shares, a steadier measure of what
// the keys cost than the elapsed time `sojourn bench --search` compares.
// The register is written once (registerBase.path) and checkpointed, so
// the first run of the binary takes some seconds more.
func BenchmarkRegisterKeys(b *testing.B) {
	for _, side := range []string{"without", "with"} {
		b.Run(side, func(b *testing.B) {
			st, svc, officer, code := registerOffice(b)
			defer st.Close()
			st.WithoutMatchKeys(side == "without")
			r := rand.New(rand.NewPCG(uint64(b.N), 7))
			people := make([]fictional, b.N)
			for i := range people {
				people[i] = newFictional(r)
			}
			var before, after syscall.Rusage
			if err := syscall.Getrusage(syscall.RUSAGE_SELF, &before); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			if _, err := timeRegister(officer, svc, code, people, 8, true, ""); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if err := syscall.Getrusage(syscall.RUSAGE_SELF, &after); err != nil {
				b.Fatal(err)
			}
			cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// TestMain removes the register BenchmarkRegisterKeys wrote, if it did.
func TestMain(m *testing.M) {
	code := m.Run()
	if registerBase.path != "" {
		os.RemoveAll(filepath.Dir(registerBase.path))
	}
	os.Exit(code)
}
