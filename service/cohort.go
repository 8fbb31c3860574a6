package service

import (
	"context"
	"errors"
	"time"

	"sojourn"
	"sojourn/policy"
	"sojourn/store"
)

// Cohorts. A review campaign and a citizenship decree each select persons
// by a CEL rule over sojourn.CohortInputs on a date, and each walks the
// persons in scope a batch per transaction, resuming after the last person
// examined (stored with the batch), so a run taken over after a crash
// neither skips nor repeats anyone; the schema's uniqueness key (one review
// or election per person) backs that up.

// ErrPause is what a cohort run returns when its slice of time is over
// (Config.Slice): nothing failed, and the job goes on from its cursor when
// the queue picks it up again.
var ErrPause = errors.New("the run paused: it goes on in a new pick-up")

// compileCohort compiles a cohort rule; problems name field.
func compileCohort(what, field, rule string) (*policy.ConditionSet, error) {
	set, err := policy.CompileConditions(sojourn.CohortInputs, []policy.Condition{{ID: "cohort", When: rule, Message: "not in the cohort"}})
	var se *sojourn.Error
	if errors.As(err, &se) {
		fields := make([]sojourn.FieldError, len(se.Fields))
		for i, f := range se.Fields {
			fields[i] = sojourn.FieldError{Field: field, Message: f.Message}
		}
		return nil, &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid " + what, Fields: fields}
	}
	return set, err
}

// member is a person of a cohort with what the run needs of them.
type member struct {
	PersonID int64
	City     string
}

// cohortRun is one walk over the persons of a scope.
type cohortRun struct {
	s        *Service
	job      sojourn.Job
	progress Progress
	rule     *policy.ConditionSet
	on       sojourn.Date
	scope    string // authority keeping the files; "" for every one
	batch    int
	// keep, when set, further restricts the cohort to persons whose
	// inputs it accepts.
	keep func(inputs map[string]any) bool
}

// run walks the persons after cursor, a batch at a time: it reads and
// selects a batch, then calls add in one write transaction with the
// members selected and the last person examined (which add stores), and
// records the progress in the same transaction.
func (r *cohortRun) run(ctx context.Context, cursor int64, add func(tx *store.Tx, members []member, last int64) error) error {
	var total, done int
	err := r.s.store.Read(ctx, func(tx *store.Tx) (err error) {
		if total, err = tx.CountPersons(ctx, r.scope, 0); err != nil {
			return err
		}
		if cursor > 0 {
			done, err = tx.CountPersons(ctx, r.scope, cursor)
		}
		return err
	})
	if err != nil {
		return err
	}
	began := time.Now()
	for n := 0; ; n++ {
		var members []member
		var examined int
		var last int64
		err := r.s.store.Read(ctx, func(tx *store.Tx) (err error) {
			members, examined, last, err = r.selectBatch(ctx, tx, cursor)
			return err
		})
		if err != nil || examined == 0 {
			return err
		}
		err = r.s.write(ctx, func(tx *store.Tx) error {
			if err := add(tx, members, last); err != nil {
				return err
			}
			if err := r.progress(ctx, tx, done+examined, total); err != nil {
				return err
			}
			if hook := r.s.cfg.OnBatch; hook != nil {
				return hook(ctx, r.job, n)
			}
			return nil
		})
		if err != nil {
			return err
		}
		cursor, done = last, done+examined
		if r.s.cfg.Slice > 0 && time.Since(began) >= r.s.cfg.Slice {
			return ErrPause
		}
	}
}

// selectBatch reads the batch of persons after cursor and returns those the
// rule selects, how many it examined and the last one's id.
func (r *cohortRun) selectBatch(ctx context.Context, tx *store.Tx, cursor int64) ([]member, int, int64, error) {
	persons, err := tx.CohortPersons(ctx, r.scope, cursor, r.batch)
	if err != nil || len(persons) == 0 {
		return nil, 0, 0, err
	}
	ids := make([]int64, len(persons))
	for i, p := range persons {
		ids[i] = p.ID
	}
	facts, err := tx.FactsOfPersons(ctx, ids)
	if err != nil {
		return nil, 0, 0, err
	}
	regs, err := tx.RegistrationsOfPersons(ctx, ids)
	if err != nil {
		return nil, 0, 0, err
	}
	now := r.s.now()
	var out []member
	for _, p := range persons {
		inputs, city := cohortInputs(p, facts[p.ID], regs, r.on, now)
		failed, err := r.rule.Failed(r.on, inputs)
		if err != nil {
			if sojourn.ErrorCode(err) == sojourn.CodeInternal {
				return nil, 0, 0, err
			}
			return nil, 0, 0, sojourn.Errorf(sojourn.CodeInvalid, "the rule cannot be evaluated for person %d: %v", p.ID, err)
		}
		if len(failed) == 0 && (r.keep == nil || r.keep(inputs)) {
			out = append(out, member{PersonID: p.ID, City: city})
		}
	}
	return out, len(persons), persons[len(persons)-1].ID, nil
}

// cohortInputs derives a person's cohort inputs on a date from their file
// and ledger facts as known at knownAt, and returns the city of the
// registration valid then ("" if none).
func cohortInputs(p sojourn.Person, facts []sojourn.StatusFact, regs map[[2]string]store.Registered, on sojourn.Date,
	knownAt time.Time) (map[string]any, string) {
	known := sojourn.KnownFacts(facts, knownAt)
	var reg store.Registered
	registered := false
	for _, f := range known {
		if f.Kind == sojourn.FactRegistration && f.ValidOn(on) {
			reg, registered = regs[[2]string{f.Authority, f.Ref}], true
		}
	}
	return map[string]any{
		"country_of_origin": p.CountryOfOrigin,
		"birth_date":        p.BirthDate,
		"authority":         p.Authority,
		"legal_state":       sojourn.StatusOn(p.ID, facts, on, knownAt).State,
		"city":              reg.City,
		"category":          reg.Category,
		"registered":        registered,
		"citizenships":      sojourn.CitizenshipsOn(known, on),
	}, reg.City
}
