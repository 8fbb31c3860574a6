package bulk

import (
	"time"

	"sojourn"
	"sojourn/access"
)

// Run holds what an import and a generated population are both told:
// who writes, in what batches, and whom to tell about rejected rows and
// progress.
type Run struct {
	// Batch is how many rows (for a generated population: persons, with
	// their documents, facts and cases) one transaction and one audit
	// entry hold.
	Batch int
	// Actor is who writes: each row is authorized as theirs.
	Actor sojourn.Actor
	// Clock gives the record time of each batch.
	Clock func() time.Time
	// Rejected is told each problem of each rejected row, in line order
	// within a batch.
	Rejected func(Problem)
	// Progress is told the counts after each batch.
	Progress func(Summary)
}

// settle refuses an actor who may not import rows and fills in the
// settings left unset.
func (r *Run) settle() error {
	if err := access.Check(r.Actor, access.ImportRows, access.Target{}); err != nil {
		return err
	}
	if r.Batch <= 0 {
		r.Batch = DefaultBatch
	}
	if r.Clock == nil {
		r.Clock = time.Now
	}
	if r.Rejected == nil {
		r.Rejected = func(Problem) {}
	}
	return nil
}

// tally counts a batch's rows into sum and tells Rejected the problems of
// each rejected one.
func (r Run) tally(sum *Summary, batch []*item) {
	for _, it := range batch {
		sum.Lines++
		if it.ok() {
			sum.Imported++
			continue
		}
		sum.Rejected++
		for _, p := range it.problems {
			r.Rejected(p)
		}
	}
}

// progress tells Progress the counts so far, if anyone listens.
func (r Run) progress(sum Summary) {
	if r.Progress != nil {
		r.Progress(sum)
	}
}
