package bulk

import (
	"context"
	"encoding/json"
	"strconv"

	"sojourn"
	"sojourn/service"
	"sojourn/store"
)

// GenConfig says how large a population to generate and from which seed.
type GenConfig struct {
	Persons int
	Seed    uint64
	Run
}

// genAuthorities are the fictional offices keeping a generated
// population; Generate creates those missing.
var genAuthorities = []sojourn.AuthorityInput{
	{Code: "GEN-N", Name: "Northern Aliens Office (generated)", Places: []string{"North"}},
	{Code: "GEN-S", Name: "Southern Aliens Office (generated)", Places: []string{"South"}},
	{Code: "GEN-E", Name: "Eastern Aliens Office (generated)", Places: []string{"East"}},
	{Code: "GEN-W", Name: "Western Aliens Office (generated)", Places: []string{"West"}},
}

// Generate writes a synthetic population through the import's checks and
// batches: persons with names in Latin, Cyrillic and Hangul, their
// documents, stays, permits, citizenships and protections in the ledger,
// cases in every state, and letters from them in the correspondence
// registry. The same seed makes the same population (the
// i-th person is drawn from a source of their own); a row the checks
// refuse (a document number a run with the same seed wrote before) is
// reported and left out with what hangs on it.
func Generate(ctx context.Context, st *store.Store, svc *service.Service, cfg GenConfig) (Summary, error) {
	if err := cfg.settle(); err != nil {
		return Summary{}, err
	}
	sys := service.WithActor(ctx, cfg.Actor)
	codes, err := ensureAuthorities(sys, svc)
	if err != nil {
		return Summary{}, err
	}
	series, err := ensureSeries(sys, svc, st, codes)
	if err != nil {
		return Summary{}, err
	}
	var sum Summary
	for start := 0; start < cfg.Persons; start += cfg.Batch {
		pop := make([]synthetic, min(cfg.Batch, cfg.Persons-start))
		for i := range pop {
			pop[i] = synthesize(cfg.Seed, start+i, codes)
		}
		var items []*item
		err := st.Write(ctx, func(tx *store.Tx) (err error) {
			items, err = writePopulation(ctx, tx.At(cfg.Clock()), cfg.Actor, series, pop, start)
			return err
		})
		if err != nil {
			return sum, err
		}
		sum.Batches++
		cfg.tally(&sum, items)
		cfg.progress(sum)
	}
	return sum, nil
}

// ensureAuthorities creates the generated population's offices that do
// not exist yet and returns their codes.
func ensureAuthorities(ctx context.Context, svc *service.Service) ([]string, error) {
	var codes []string
	for _, in := range genAuthorities {
		codes = append(codes, in.Code)
		if _, err := svc.Authority(ctx, in.Code); err == nil {
			continue
		}
		in.Kind, in.CaseTypes, in.ValidFrom = sojourn.KindOffice, sojourn.CaseTypes, sojourn.MustDate("1900-01-01")
		if _, err := svc.CreateAuthority(ctx, in); err != nil {
			return nil, err
		}
	}
	return codes, nil
}

// writePopulation writes a batch of synthetic persons, then the facts and
// cases of those who went in, with one audit entry for all of it, and
// returns every row as an item (a rejected one with its problems; line i+1
// is the i-th person of the seed and the rows hanging on them).
func writePopulation(ctx context.Context, tx *store.Tx, actor sojourn.Actor, series map[string]sojourn.Series, pop []synthetic,
	start int) ([]*item, error) {
	pl, err := newPlanner(ctx, tx, actor, newSeen(), false)
	if err != nil {
		return nil, err
	}
	persons := make([]*item, len(pop))
	for i := range pop {
		persons[i] = newItem(start+i+1, &pop[i].person, pl.today)
	}
	written, _, err := planWrite(ctx, tx, pl, Persons, persons)
	if err != nil {
		return nil, err
	}
	var facts, cases []*item
	var classified []sojourn.Case
	for i, it := range persons {
		if !it.ok() {
			continue
		}
		for j := range pop[i].facts {
			pop[i].facts[j].PersonID = pop[i].person.ID
			facts = append(facts, newItem(it.line, &pop[i].facts[j], pl.today))
		}
		for j := range pop[i].cases {
			pop[i].cases[j].PersonID = pop[i].person.ID
			cases = append(cases, newItem(it.line, &pop[i].cases[j], pl.today))
		}
	}
	for _, part := range []struct {
		kind  Kind
		items []*item
	}{{Facts, facts}, {Cases, cases}} {
		w, c, err := planWrite(ctx, tx, pl, part.kind, part.items)
		if err != nil {
			return nil, err
		}
		written, classified = append(written, w...), append(classified, c...)
	}
	if err := writeLetters(ctx, tx, actor, series, pop, persons); err != nil {
		return nil, err
	}
	if len(written) > 0 {
		err = auditBatch(ctx, tx, actor, "import/gen/"+strconv.Itoa(start+1), written)
	}
	if err == nil {
		err = writeClassified(ctx, tx, actor, classified)
	}
	return append(append(persons, facts...), cases...), err
}

// newItem makes an item of a generated row, checked on its own.
func newItem(line int, r row, today sojourn.Date) *item {
	raw, _ := json.Marshal(r)
	it := &item{line: line, raw: raw, row: r}
	for _, p := range problems(validateRow(r, today)) {
		it.reject(p.Field, "%s", p.Reason)
	}
	return it
}

// planWrite checks items of a kind and writes those that pass, returning
// them; classified cases are returned to be written apart
// (writeClassified).
func planWrite(ctx context.Context, tx *store.Tx, pl *planner, kind Kind, items []*item) ([]*item, []sojourn.Case, error) {
	b, err := pl.plan(ctx, kind, items)
	if err != nil {
		return nil, nil, err
	}
	open, classified := withoutClassified(b)
	return live(items), classified, tx.WriteBulk(ctx, open)
}
