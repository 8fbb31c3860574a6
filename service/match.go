package service

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"sojourn"
	"sojourn/access"
	"sojourn/match"
	"sojourn/store"
)

// PersonMatch is a person a search found, or one likely the same as
// another: the score from 0 to 1 and the reasons for it.
type PersonMatch struct {
	PersonID int64          `json:"person_id"`
	Score    float64        `json:"score"`
	Reasons  []match.Reason `json:"reasons"`
	Person   sojourn.Person `json:"person"`
}

// PersonSearch asks for the persons a free text names, in any script,
// family name first or last; Born (possibly partial) and Country narrow it.
type PersonSearch struct {
	Text    string
	Born    match.Date
	Country string
	Limit   int
}

// DuplicateError refuses to register a person who is likely registered
// already: Candidates are the likely matches. Registering again with
// confirm_new set goes on.
type DuplicateError struct {
	Candidates []PersonMatch
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%d registered person(s) likely the same; register with confirm_new to go on", len(e.Candidates))
}

// Unwrap returns the conflict it is.
func (e *DuplicateError) Unwrap() error { return sojourn.Errorf(sojourn.CodeConflict, "%s", e.Error()) }

// configs caches parsed configurations by their source.
var configs sync.Map

// matchConfig returns the matching configuration in use.
func matchConfig(ctx context.Context, tx *store.Tx) (match.Config, error) {
	row, err := tx.CurrentMatchConfig(ctx)
	if err != nil {
		return match.Config{}, err
	}
	if c, ok := configs.Load(row.Source); ok {
		return c.(match.Config), nil
	}
	c, err := match.Parse([]byte(row.Source))
	if err != nil {
		return c, sojourn.Internal(err) // it parsed when it was uploaded
	}
	configs.Store(row.Source, c)
	return c, nil
}

// SearchPersons finds the persons a text names, best first, among those
// the actor sees.
func (s *Service) SearchPersons(ctx context.Context, q PersonSearch) ([]PersonMatch, error) {
	a, err := authorize(ctx, access.ReadPerson, access.Target{})
	if err != nil {
		return nil, err
	}
	var out []PersonMatch
	err = s.store.Read(ctx, func(tx *store.Tx) error {
		cfg, err := matchConfig(ctx, tx)
		if err != nil {
			return err
		}
		rec := match.Prepare(match.Record{Text: q.Text, BirthDate: q.Born, Country: q.Country})
		out, err = findMatches(ctx, tx, cfg, visibility(a), rec, 0, cfg.SearchFloor, s.limit(q.Limit))
		return err
	})
	return out, err
}

// PersonMatches returns the persons likely the same as a person (scoring
// at or above the threshold), best first, among those the actor sees.
func (s *Service) PersonMatches(ctx context.Context, id int64, limit int) ([]PersonMatch, error) {
	var out []PersonMatch
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		a, p, err := visiblePerson(ctx, tx, id, access.ReadPerson)
		if err != nil {
			return err
		}
		cfg, err := matchConfig(ctx, tx)
		if err != nil {
			return err
		}
		out, err = findMatches(ctx, tx, cfg, visibility(a), match.Prepare(store.MatchRecord(p)), id, cfg.Threshold, s.limit(limit))
		return err
	})
	return out, err
}

// guardDuplicate refuses to register a person likely registered already
// (among those the actor sees), unless the clerk confirmed a new person.
func guardDuplicate(ctx context.Context, tx *store.Tx, a sojourn.Actor, in sojourn.PersonInput) error {
	if in.ConfirmNew {
		return nil
	}
	cfg, err := matchConfig(ctx, tx)
	if err != nil {
		return err
	}
	rec := store.MatchRecord(sojourn.Person{Names: in.Names, BirthDate: in.BirthDate, CountryOfOrigin: in.CountryOfOrigin})
	found, err := findMatches(ctx, tx, cfg, visibility(a), match.Prepare(rec), 0, cfg.Threshold, 10)
	if err != nil || len(found) == 0 {
		return err
	}
	return &DuplicateError{Candidates: found}
}

// findMatches scores the candidates the record's blocking keys find
// (except one person) and returns those at or above floor, best first, at
// most limit of them.
func findMatches(ctx context.Context, tx *store.Tx, cfg match.Config, v store.Visibility, rec match.Prepared,
	except int64, floor float64, limit int) ([]PersonMatch, error) {
	keys, prefixes := cfg.Lookup(rec)
	ids, err := tx.MatchCandidates(ctx, keys, prefixes, v, cfg.Candidates)
	if err != nil {
		return nil, err
	}
	persons, err := tx.PersonsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []PersonMatch{}
	for _, p := range persons {
		if p.ID == except {
			continue
		}
		if r := cfg.Score(rec, match.Prepare(store.MatchRecord(p))); r.Score >= floor {
			out = append(out, PersonMatch{PersonID: p.ID, Score: r.Score, Reasons: r.Reasons, Person: p})
		}
	}
	slices.SortStableFunc(out, func(x, y PersonMatch) int {
		switch {
		case x.Score > y.Score:
			return -1
		case x.Score < y.Score:
			return 1
		}
		return 0
	})
	return out[:min(len(out), limit)], nil
}

// validateMatchConfig checks the document parses as a configuration.
func validateMatchConfig(in sojourn.MatchConfigUpload) error {
	var p sojourn.Problems
	p.Require("source", in.Source)
	p.MaxLen("source", in.Source, 65536)
	if in.Source != "" {
		if _, err := match.Parse([]byte(in.Source)); err != nil {
			p.Add("source", "%s", err.Error())
		}
	}
	return p.Err("match configuration")
}

// UploadMatchConfig stores a matching configuration as the next revision,
// in use from then on (administrators, as for policy packs).
func (s *Service) UploadMatchConfig(ctx context.Context, in sojourn.MatchConfigUpload) (sojourn.MatchConfig, error) {
	if _, err := authorize(ctx, access.UploadPolicy, access.Target{}); err != nil {
		return sojourn.MatchConfig{}, err
	}
	if err := validateMatchConfig(in); err != nil {
		return sojourn.MatchConfig{}, err
	}
	a := ActorFrom(ctx)
	c, _ := match.Parse([]byte(in.Source))
	var out sojourn.MatchConfig
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.AddMatchConfig(ctx, sojourn.MatchConfig{Version: c.Version, Source: in.Source, UploadedBy: a.Name, UploadedAt: tx.Now()})
		if sojourn.ErrorCode(err) == sojourn.CodeConflict {
			return sojourn.Errorf(sojourn.CodeConflict, "another matching configuration was uploaded at the same time; upload again")
		}
		if err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.UploadPolicy, objectID("match-config", out.Revision), map[string]string{"version": c.Version})
	})
	return out, err
}

// MatchConfig returns the matching configuration in use (revision 0: the
// shipped default).
func (s *Service) MatchConfig(ctx context.Context) (sojourn.MatchConfig, error) {
	return readWith(ctx, s, access.ReadPerson, func(tx *store.Tx) (sojourn.MatchConfig, error) {
		return tx.CurrentMatchConfig(ctx)
	})
}
