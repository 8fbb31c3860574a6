package audit

import (
	"bufio"
	"io"
	"runtime"
	"sync"
)

// Lines of an export are decoded and entries re-hashed on every core, in
// batches, while one goroutine takes the results in file order: hashing is
// most of the work of verifying, and longer entries (row digests) cost more
// of it.

// batchSize is how many lines one batch holds.
const batchSize = 1024

// decoded is one line of an export, decoded, with its entry's hash
// recomputed.
type decoded struct {
	l    line
	hash string
	err  error
}

// batch is a run of consecutive lines; done closes once out is filled.
type batch struct {
	first int // line number of raw[0]
	raw   [][]byte
	out   []decoded
	done  chan struct{}
}

func (b *batch) work() {
	b.out = make([]decoded, len(b.raw))
	for i, raw := range b.raw {
		d := &b.out[i]
		d.l, d.err = decodeLine(raw)
		if d.err == nil && d.l.Checkpoint == nil && d.l.End == nil {
			d.hash = d.l.Entry.ComputeHash()
		}
	}
	close(b.done)
}

// decodeAll reads r line by line and calls fn with every line decoded, in
// order, its number counting from 1; it stops at fn's first error.
func decodeAll(r io.Reader, fn func(n int, d decoded) error) error {
	workers := runtime.GOMAXPROCS(0)
	ordered := make(chan *batch, 2*workers)
	jobs := make(chan *batch, 2*workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.work()
			}
		}()
	}
	var scanErr error
	go func() {
		defer close(ordered)
		defer close(jobs)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
		n := 0
		b := &batch{first: 1, done: make(chan struct{})}
		send := func() bool {
			select {
			case ordered <- b:
				jobs <- b
				return true
			case <-stop:
				return false
			}
		}
		for sc.Scan() {
			n++
			b.raw = append(b.raw, append([]byte(nil), sc.Bytes()...))
			if len(b.raw) == batchSize {
				if !send() {
					return
				}
				b = &batch{first: n + 1, done: make(chan struct{})}
			}
		}
		scanErr = sc.Err()
		if len(b.raw) > 0 {
			send()
		}
	}()
	err := func() error {
		for b := range ordered {
			<-b.done
			for i, d := range b.out {
				if err := fn(b.first+i, d); err != nil {
					return err
				}
			}
		}
		return nil
	}()
	close(stop)
	for b := range ordered { // let the reader finish
		<-b.done
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return scanErr
}
