package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is how far the heap grows between garbage collections (Go's
// GOGC) unless the GOGC environment variable says otherwise. Sojourn's
// live heap is small (tens of MB) and its requests allocate freely, so at
// Go's default of 100 it collects several times a second under load (a
// 100,000-person campaign beside status reads: about eight a second), and
// on a machine of two cores each collection's marking takes one of them.
// At 400 it collects about a fifth as often, for a heap of up to five
// times the live data.
const gcPercent = 400

// tuneGC sets the collector's pace to gcPercent unless GOGC is set.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
}
