package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"sojourn/bulk"
)

// progress shows how far an import has gone on one line of a terminal,
// redrawn in place; when standard error is not a terminal it shows
// nothing.
type progress struct {
	out   *os.File
	size  int64
	start time.Time
	on    bool
}

func newProgress(out *os.File, size int64) *progress {
	info, err := out.Stat()
	return &progress{out: out, size: size, start: time.Now(), on: err == nil && info.Mode()&os.ModeCharDevice != 0}
}

// show redraws the line with the counts so far.
func (p *progress) show(s bulk.Summary) {
	if !p.on {
		return
	}
	rate := float64(s.Imported) / max(time.Since(p.start).Seconds(), 1e-9)
	bar := ""
	if p.size > 0 {
		done := min(30, int(30*s.Bytes/p.size))
		bar = fmt.Sprintf("[%s%s] %3d%% ", strings.Repeat("#", done), strings.Repeat(".", 30-done), 100*s.Bytes/p.size)
	}
	fmt.Fprintf(p.out, "\r%s%d rows, %d in, %d rejected, %.0f rows/s ", bar, s.Lines, s.Imported, s.Rejected, rate)
}

// done ends the line.
func (p *progress) done() {
	if p.on {
		fmt.Fprintln(p.out)
	}
}

// startProfile writes a CPU profile to path until the returned stop is
// called; with no path it does nothing.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
