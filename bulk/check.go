package bulk

import (
	"context"
	"fmt"
	"slices"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// item is one line of a batch: its row, or why it is rejected.
type item struct {
	line     int
	raw      []byte
	row      row
	problems []Problem
}

func (it *item) reject(field, format string, args ...any) {
	it.problems = append(it.problems, Problem{Line: it.line, Field: field, Reason: fmt.Sprintf(format, args...)})
}

// ok reports whether the item is still to be written.
func (it *item) ok() bool { return it.row != nil && len(it.problems) == 0 }

// seen remembers what the rows of a file claimed before the batch in hand
// (a dry run, which writes nothing the database could remember) and what
// the batch's own rows claim.
type seen struct {
	persons, cases map[int64]int
	documents      map[store.DocumentKey]int
}

func newSeen() *seen {
	return &seen{persons: map[int64]int{}, cases: map[int64]int{}, documents: map[store.DocumentKey]int{}}
}

// planner checks a batch against the database and the rules the service
// applies to each row, and turns the rows that pass into a store batch.
type planner struct {
	tx          *store.Tx
	actor       sojourn.Actor
	today       sojourn.Date
	authorities map[string]sojourn.Authority
	seen        *seen
	dry         bool // the batch is checked, not written
}

func newPlanner(ctx context.Context, tx *store.Tx, actor sojourn.Actor, s *seen, dry bool) (*planner, error) {
	list, err := tx.ListAuthorities(ctx)
	if err != nil {
		return nil, err
	}
	p := &planner{tx: tx, actor: actor, today: sojourn.DateOf(tx.Now()), authorities: map[string]sojourn.Authority{}, seen: s, dry: dry}
	for _, a := range list {
		p.authorities[a.Code] = a
	}
	return p, nil
}

// authority checks that an authority exists and may act on a date, and
// that it is within the actor's jurisdiction and clearance.
func (p *planner) authority(it *item, field, code string, on sojourn.Date, level sojourn.Level) {
	a, ok := p.authorities[code]
	if !ok {
		it.reject(field, "no authority %s", code)
		return
	}
	if a.AbolishedBy(on) {
		it.reject(field, "%s was abolished by %s: %s", code, on, a.TransferNote())
		return
	}
	p.sees(it, field, code, level)
}

// sees rejects an item about something outside the actor's jurisdiction
// or above their clearance.
func (p *planner) sees(it *item, field, code string, level sojourn.Level) {
	if !access.Sees(p.actor, access.Target{Authority: code, Classification: level}) {
		it.reject(field, "%s is outside your jurisdiction or above your clearance", code)
	}
}

// claim records that the item claims key; a key claimed before, by an
// earlier line, rejects it.
func claim[K comparable](it *item, claims map[K]int, key K, field, what string) {
	if first, ok := claims[key]; ok && first != it.line {
		it.reject(field, "%s is already on line %d of this file", what, first)
		return
	}
	claims[key] = it.line
}

// plan checks the items of one kind and returns what to write.
func (p *planner) plan(ctx context.Context, kind Kind, items []*item) (store.BulkBatch, error) {
	switch kind {
	case Persons:
		return p.planPersons(ctx, items)
	case Documents:
		return p.planDocuments(ctx, items)
	case Cases:
		return p.planCases(ctx, items)
	}
	return p.planFacts(ctx, items)
}

// docKey names a document row's document.
func docKey(d DocumentRow) store.DocumentKey {
	return store.DocumentKey{IssuingState: d.IssuingState, Kind: d.Kind, Number: d.Number}
}

// checkDocuments rejects documents recorded already or twice in the file.
func (p *planner) checkDocuments(ctx context.Context, items []*item, docs func(*item) []DocumentRow, field func(i int) string) error {
	var keys []store.DocumentKey
	for _, it := range live(items) {
		for i, d := range docs(it) {
			claim(it, p.seen.documents, docKey(d), numberField(field(i)), "document "+d.Number)
			keys = append(keys, docKey(d))
		}
	}
	known, err := p.tx.ExistingDocuments(ctx, keys)
	if err != nil {
		return err
	}
	for _, it := range live(items) {
		for i, d := range docs(it) {
			if known[docKey(d)] {
				it.reject(numberField(field(i)), "document %s %s %s is already recorded", d.Kind, d.IssuingState, d.Number)
			}
		}
	}
	return nil
}

// numberField names the number field of a document given by prefix ("" for
// a row that is a document).
func numberField(prefix string) string {
	if prefix == "" {
		return "number"
	}
	return prefix + ".number"
}

// live returns the items still to be written.
func live(items []*item) []*item {
	var out []*item
	for _, it := range items {
		if it.ok() {
			out = append(out, it)
		}
	}
	return out
}

// ids returns the ids of n new rows of table, above the ids the batch
// gives its rows itself; a dry run, which writes none, takes none.
func (p *planner) ids(ctx context.Context, table string, n int, above int64) ([]int64, error) {
	if p.dry {
		return make([]int64, n), nil
	}
	return p.tx.ReserveIDs(ctx, table, n, above)
}

func (p *planner) planPersons(ctx context.Context, items []*item) (store.BulkBatch, error) {
	var given []int64
	for _, it := range live(items) {
		r := it.row.(*PersonRow)
		p.authority(it, "authority", r.Authority, p.today, "")
		if r.ID != 0 {
			claim(it, p.seen.persons, r.ID, "id", fmt.Sprintf("person %d", r.ID))
			given = append(given, r.ID)
		}
	}
	taken, err := p.tx.ExistingIDs(ctx, "persons", given)
	if err != nil {
		return store.BulkBatch{}, err
	}
	for _, it := range live(items) {
		if id := it.row.(*PersonRow).ID; taken[id] {
			it.reject("id", "person %d is already registered", id)
		}
	}
	err = p.checkDocuments(ctx, items, func(it *item) []DocumentRow { return it.row.(*PersonRow).Documents },
		func(i int) string { return fmt.Sprintf("documents[%d]", i) })
	if err != nil {
		return store.BulkBatch{}, err
	}
	ok := live(items)
	var b store.BulkBatch
	fresh, err := p.ids(ctx, "persons", countFunc(ok, func(it *item) bool { return it.row.(*PersonRow).ID == 0 }), maxOf(given))
	if err != nil {
		return b, err
	}
	var docs []DocumentRow
	for _, it := range ok {
		r := it.row.(*PersonRow)
		if r.ID == 0 {
			r.ID, fresh = fresh[0], fresh[1:]
		}
		b.Persons = append(b.Persons, sojourn.Person{ID: r.ID, Authority: r.Authority, Names: r.Names, BirthDate: r.BirthDate,
			CountryOfOrigin: r.CountryOfOrigin})
		for _, d := range r.Documents {
			d.PersonID = r.ID
			docs = append(docs, d)
		}
	}
	return b, p.addDocuments(ctx, &b, docs, personAuthority(b.Persons))
}

// personAuthority returns a lookup of the authority keeping each person.
func personAuthority(persons []sojourn.Person) map[int64]string {
	out := make(map[int64]string, len(persons))
	for _, p := range persons {
		out[p.ID] = p.Authority
	}
	return out
}

// addDocuments gives documents ids and adds them to b with their ledger
// facts, recorded for the authority keeping each holder.
func (p *planner) addDocuments(ctx context.Context, b *store.BulkBatch, docs []DocumentRow, keeper map[int64]string) error {
	docIDs, err := p.ids(ctx, "documents", len(docs), 0)
	if err != nil {
		return err
	}
	factIDs, err := p.ids(ctx, "status_facts", len(docs), 0)
	if err != nil {
		return err
	}
	for i, r := range docs {
		d := sojourn.Document{ID: docIDs[i], PersonID: r.PersonID, Kind: r.Kind, Number: r.Number, IssuingState: r.IssuingState,
			Period: r.Period}
		f := d.Fact(keeper[r.PersonID], p.actor.Name, p.tx.Now())
		f.ID = factIDs[i]
		b.Documents = append(b.Documents, d)
		b.Facts = append(b.Facts, f)
	}
	return nil
}

// holders checks that the persons the items name exist and returns the
// authority keeping each.
func (p *planner) holders(ctx context.Context, items []*item, personOf func(*item) int64) (map[int64]string, error) {
	var ids []int64
	for _, it := range live(items) {
		ids = append(ids, personOf(it))
	}
	keeper, err := p.tx.PersonAuthorities(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, it := range live(items) {
		if _, ok := keeper[personOf(it)]; !ok {
			it.reject("person_id", "no person %d", personOf(it))
		}
	}
	return keeper, nil
}

func (p *planner) planDocuments(ctx context.Context, items []*item) (store.BulkBatch, error) {
	keeper, err := p.holders(ctx, items, func(it *item) int64 { return it.row.(*DocumentRow).PersonID })
	if err != nil {
		return store.BulkBatch{}, err
	}
	for _, it := range live(items) {
		p.sees(it, "person_id", keeper[it.row.(*DocumentRow).PersonID], "")
	}
	err = p.checkDocuments(ctx, items, func(it *item) []DocumentRow { return []DocumentRow{*it.row.(*DocumentRow)} },
		func(int) string { return "" })
	if err != nil {
		return store.BulkBatch{}, err
	}
	var docs []DocumentRow
	for _, it := range live(items) {
		docs = append(docs, *it.row.(*DocumentRow))
	}
	var b store.BulkBatch
	return b, p.addDocuments(ctx, &b, docs, keeper)
}

func (p *planner) planCases(ctx context.Context, items []*item) (store.BulkBatch, error) {
	if _, err := p.holders(ctx, items, func(it *item) int64 { return it.row.(*CaseRow).PersonID }); err != nil {
		return store.BulkBatch{}, err
	}
	var given []int64
	for _, it := range live(items) {
		c := it.row.(*CaseRow)
		p.authority(it, "authority", c.Authority, c.FiledOn, c.Classification)
		if c.ID != 0 {
			claim(it, p.seen.cases, c.ID, "id", fmt.Sprintf("case %d", c.ID))
			given = append(given, c.ID)
		}
	}
	taken, err := p.tx.ExistingIDs(ctx, "cases", given)
	if err != nil {
		return store.BulkBatch{}, err
	}
	for _, it := range live(items) {
		if id := it.row.(*CaseRow).ID; taken[id] {
			it.reject("id", "case %d already exists", id)
		}
	}
	ok := live(items)
	fresh, err := p.ids(ctx, "cases", countFunc(ok, func(it *item) bool { return it.row.(*CaseRow).ID == 0 }), maxOf(given))
	var b store.BulkBatch
	if err != nil {
		return b, err
	}
	for _, it := range ok {
		c := it.row.(*CaseRow)
		if c.ID == 0 {
			c.ID, fresh = fresh[0], fresh[1:]
		}
		level := c.Classification
		if level == "" {
			level = sojourn.Unclassified
		}
		b.Cases = append(b.Cases, sojourn.Case{ID: c.ID, Type: c.Type, PersonID: c.PersonID, Authority: c.Authority, State: c.State,
			FiledOn: c.FiledOn, Classification: level})
	}
	return b, nil
}

func (p *planner) planFacts(ctx context.Context, items []*item) (store.BulkBatch, error) {
	keeper, err := p.holders(ctx, items, func(it *item) int64 { return it.row.(*FactRow).PersonID })
	if err != nil {
		return store.BulkBatch{}, err
	}
	for _, it := range live(items) {
		f := it.row.(*FactRow)
		if f.Authority == "" {
			f.Authority = keeper[f.PersonID]
		}
		p.authority(it, "authority", f.Authority, f.ValidFrom, "")
	}
	ok := live(items)
	ids, err := p.ids(ctx, "status_facts", len(ok), 0)
	var b store.BulkBatch
	if err != nil {
		return b, err
	}
	for i, it := range ok {
		f := it.row.(*FactRow)
		label := f.Label
		if label == "" {
			label = f.Kind + " " + f.Ref
		}
		b.Facts = append(b.Facts, sojourn.StatusFact{ID: ids[i], PersonID: f.PersonID, Kind: f.Kind, Ref: f.Ref, Label: label,
			Authority: f.Authority, Period: f.Period, RecordedAt: p.tx.Now(), RecordedBy: p.actor.Name})
	}
	return b, nil
}

func countFunc(items []*item, f func(*item) bool) int {
	n := 0
	for _, it := range items {
		if f(it) {
			n++
		}
	}
	return n
}

func maxOf(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return slices.Max(ids)
}
