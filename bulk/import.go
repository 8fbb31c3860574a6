package bulk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"sojourn"
	"sojourn/access"
	"sojourn/audit"
	"sojourn/store"
)

// DefaultBatch is how many rows one transaction writes by default.
const DefaultBatch = 2000

// Config says how to import a file.
type Config struct {
	Kind Kind
	// CSV reads CSV with a header line instead of JSON Lines.
	CSV bool
	// DryRun checks every row and reports, writing nothing.
	DryRun bool
	// MaxLine is the longest line read; a longer one is a rejected row.
	MaxLine int
	Run
}

// Summary counts what an import did.
type Summary struct {
	Lines    int   // rows read (a CSV header aside)
	Imported int   // rows written (or, in a dry run, that would be)
	Rejected int   // rows rejected
	Batches  int   // transactions committed
	Bytes    int64 // bytes read
}

// importer is one import in progress.
type importer struct {
	st    *store.Store
	cfg   Config
	lines *lineReader
	p     *parser
	seen  *seen
	sum   Summary
}

// Import reads rows of cfg.Kind from r and writes those that pass every
// check, cfg.Batch rows per transaction with one audit entry each. A
// rejected row is reported and written in no part; the others go in. An
// error other than a rejected row (a file in the wrong encoding, a bad
// CSV header, the database failing) stops the import: the batches
// committed before it stay.
func Import(ctx context.Context, st *store.Store, r io.Reader, cfg Config) (Summary, error) {
	if err := cfg.settle(); err != nil {
		return Summary{}, err
	}
	im := &importer{st: st, cfg: cfg, lines: newLineReader(r, cfg.MaxLine), seen: newSeen(),
		p: &parser{kind: cfg.Kind, csv: cfg.CSV, today: sojourn.DateOf(cfg.Clock())}}
	err := im.run(ctx)
	im.sum.Bytes = im.lines.read
	return im.sum, err
}

func (im *importer) run(ctx context.Context) error {
	if im.cfg.CSV {
		header, err := im.lines.next()
		if err != nil {
			return fmt.Errorf("CSV header: %w", err)
		}
		if im.p.cols, err = parseHeader(string(header)); err != nil {
			return err
		}
	}
	batch := make([]*item, 0, im.cfg.Batch)
	for {
		it, err := im.read()
		if errors.Is(err, io.EOF) {
			return im.flush(ctx, batch)
		}
		if err != nil {
			return err
		}
		if batch = append(batch, it); len(batch) == im.cfg.Batch {
			if err := im.flush(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
}

// read reads the next line into an item, or returns the error ending the
// file.
func (im *importer) read() (*item, error) {
	line, err := im.lines.next()
	var le lineError
	if errors.As(err, &le) {
		it := &item{line: im.lines.n}
		it.reject("", "%s", le.reason)
		return it, nil
	}
	if err != nil {
		return nil, err
	}
	it := &item{line: im.lines.n, raw: bytes.Clone(line)}
	if len(bytes.TrimSpace(line)) == 0 {
		it.reject("", "empty line")
		return it, nil
	}
	var probs []Problem
	it.row, probs = im.p.parse(line)
	for _, pr := range probs {
		it.reject(pr.Field, "%s", pr.Reason)
	}
	return it, nil
}

// flush checks a batch against the database and writes the rows that
// pass in one transaction with one audit entry, then reports the rows
// rejected.
func (im *importer) flush(ctx context.Context, batch []*item) error {
	if len(batch) == 0 {
		return nil
	}
	if !im.cfg.DryRun {
		im.seen = newSeen() // the database remembers earlier batches
	}
	run := im.st.Write
	if im.cfg.DryRun {
		run = im.st.Read
	}
	err := run(ctx, func(tx *store.Tx) error {
		tx = tx.At(im.cfg.Clock())
		pl, err := newPlanner(ctx, tx, im.cfg.Actor, im.seen, im.cfg.DryRun)
		if err != nil {
			return err
		}
		b, err := pl.plan(ctx, im.cfg.Kind, batch)
		if err != nil || im.cfg.DryRun || len(live(batch)) == 0 {
			return err
		}
		open, classified := withoutClassified(b)
		if !empty(open) {
			if err := tx.WriteBulk(ctx, open); err != nil {
				return err
			}
			if err := auditBatch(ctx, tx, im.cfg.Actor, batchObject(im.cfg.Kind, open), live(batch)); err != nil {
				return err
			}
		}
		return writeClassified(ctx, tx, im.cfg.Actor, classified)
	})
	if err != nil {
		return err
	}
	im.report(batch)
	return nil
}

// auditBatch adds a batch's one audit entry about object: the keyed
// digest of the lines written, and (the store adds them) the digests of
// every row written.
func auditBatch(ctx context.Context, tx *store.Tx, actor sojourn.Actor, object string, written []*item) error {
	var payload bytes.Buffer
	for _, it := range written {
		payload.Write(it.raw)
		payload.WriteByte('\n')
	}
	digest, err := tx.ContentDigest(ctx, payload.Bytes())
	if err != nil {
		return err
	}
	return tx.Audit(ctx, audit.Entry{At: tx.Now(), Actor: actor.Name, Action: string(access.ImportRows), Object: object, Digest: digest})
}

// batchObject names a batch in the audit log by its kind and first row.
func batchObject(kind Kind, b store.BulkBatch) string {
	return "import/" + string(kind) + "/" + strconv.FormatInt(firstID(b), 10)
}

// firstID names a batch by the first row it writes.
func firstID(b store.BulkBatch) int64 {
	switch {
	case len(b.Persons) > 0:
		return b.Persons[0].ID
	case len(b.Documents) > 0:
		return b.Documents[0].ID
	case len(b.Cases) > 0:
		return b.Cases[0].ID
	case len(b.Facts) > 0:
		return b.Facts[0].ID
	}
	return 0
}

// report counts a batch done and tells each problem of its rejected rows.
func (im *importer) report(batch []*item) {
	slices.SortStableFunc(batch, func(a, b *item) int { return a.line - b.line })
	im.cfg.tally(&im.sum, batch)
	if !im.cfg.DryRun && len(live(batch)) > 0 {
		im.sum.Batches++
	}
	im.sum.Bytes = im.lines.read
	im.cfg.progress(im.sum)
}
