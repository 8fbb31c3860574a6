package store

import (
	"context"
	"encoding/json"

	"sojourn"
)

// basis restricts status facts to current permits and documents: the legal
// bases of a person's stay that the lapse list looks at.
const basis = "f.superseded_at IS NULL AND f.retracted = ? AND f.kind IN ('permit', 'document')"

const lapsingQuery = `SELECT p.id, p.names, p.authority, MAX(f.valid_to)
	FROM persons p JOIN status_facts f ON f.person_id = p.id
	WHERE (? = '' OR p.authority = ?) AND ` + basis + `
	  AND f.valid_from <= ? AND (f.valid_to IS NULL OR f.valid_to >= ?)
	GROUP BY p.id, p.names, p.authority
	HAVING SUM(CASE WHEN f.valid_to IS NULL THEN 1 ELSE 0 END) = 0 AND MAX(f.valid_to) <= ?
	ORDER BY MAX(f.valid_to), p.id`

const withoutStatusQuery = `SELECT p.id, p.names, p.authority, MAX(f.valid_to)
	FROM persons p LEFT JOIN status_facts f ON f.person_id = p.id AND ` + basis + ` AND f.valid_from <= ?
	WHERE (? = '' OR p.authority = ?)
	GROUP BY p.id, p.names, p.authority
	HAVING SUM(CASE WHEN f.id IS NOT NULL AND (f.valid_to IS NULL OR f.valid_to >= ?) THEN 1 ELSE 0 END) = 0
	ORDER BY MAX(f.valid_to), p.id`

func scanLapse(state string) func(scanner) (sojourn.Lapse, error) {
	return func(s scanner) (sojourn.Lapse, error) {
		l := sojourn.Lapse{State: state}
		var names string
		var last sojourn.Date
		if err := s.Scan(&l.PersonID, &names, &l.Authority, &last); err != nil {
			return l, err
		}
		var p sojourn.Person
		if err := json.Unmarshal([]byte(names), &p.Names); err != nil {
			return l, err
		}
		l.Name = p.DisplayName()
		if state == "lapsing" {
			l.Ends = last
		} else if !last.IsZero() {
			l.Since = last.AddDays(1)
		}
		return l, nil
	}
}

// Lapsing lists the persons of an authority ("" for all) whose every permit
// and document valid on on ends within days days, soonest first.
func (t *Tx) Lapsing(ctx context.Context, authority string, on sojourn.Date, days int) ([]sojourn.Lapse, error) {
	list, err := getAll(ctx, t, scanLapse("lapsing"), lapsingQuery,
		authority, authority, false, on, on, on.AddDays(days))
	for i := range list {
		list[i].DaysLeft = on.DaysUntil(list[i].Ends)
	}
	return list, err
}

// WithoutStatus lists the persons of an authority ("" for all) who hold no
// valid permit or document on on, with the first day without one when known.
func (t *Tx) WithoutStatus(ctx context.Context, authority string, on sojourn.Date) ([]sojourn.Lapse, error) {
	return getAll(ctx, t, scanLapse("no_legal_status"), withoutStatusQuery,
		false, on, authority, authority, on)
}
