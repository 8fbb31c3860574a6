package store

import (
	"context"

	"sojourn"
)

// basisOf restricts the status facts named alias to current permits,
// stays and documents: the legal bases of a person's presence, as
// sojourn.StatusOn counts them (a time-limited stay is one, so a person
// whose stay is their only basis lapses when it ends).
func basisOf(alias string) string {
	return alias + ".superseded_at IS NULL AND " + alias + ".retracted = ? AND " +
		alias + ".kind IN ('permit', 'stay', 'document')"
}

// lapsingQuery starts from the facts that end within the window (an index
// range on status_facts_current, small whatever the population), keeps
// the persons with no fact valid beyond it, and sorts those few by id.
var lapsingQuery = `SELECT p.id, p.names, p.authority, MAX(f.valid_to)
	FROM status_facts f JOIN persons p ON p.id = f.person_id
	WHERE ` + basisOf("f") + ` AND f.valid_from <= ? AND f.valid_to >= ? AND f.valid_to <= ?
	  AND (? = '' OR p.authority = ?) AND p.id > ?
	  AND NOT EXISTS (SELECT 1 FROM status_facts g WHERE g.person_id = p.id AND ` + basisOf("g") + `
	      AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?))
	GROUP BY p.id, p.names, p.authority
	ORDER BY p.id LIMIT ?`

// withoutStatusQuery walks the persons by id and stops at the page's
// end; the day each lost their status is looked up for the page's rows
// only (GROUP BY keeps SQLite from reading MAX off the kind index).
var withoutStatusQuery = `SELECT q.id, q.names, q.authority,
	(SELECT MAX(f.valid_to) FROM status_facts f WHERE f.person_id = q.id AND ` + basisOf("f") + ` AND f.valid_from <= ?
	 GROUP BY f.person_id)
	FROM (SELECT p.id, p.names, p.authority FROM persons p
		WHERE (? = '' OR p.authority = ?) AND p.id > ?
		AND NOT EXISTS (SELECT 1 FROM person_merges m WHERE m.duplicate_id = p.id AND m.split_at IS NULL)
		AND NOT EXISTS (SELECT 1 FROM status_facts g WHERE g.person_id = p.id AND ` + basisOf("g") + `
			AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to >= ?))
		ORDER BY p.id LIMIT ?) q
	ORDER BY q.id`

func scanLapse(state string) func(scanner) (sojourn.Lapse, error) {
	return func(s scanner) (sojourn.Lapse, error) {
		l := sojourn.Lapse{State: state}
		var names string
		var last sojourn.Date
		if err := s.Scan(&l.PersonID, &names, &l.Authority, &last); err != nil {
			return l, err
		}
		var err error
		if l.Name, err = displayName(names); err != nil {
			return l, err
		}
		if state == "lapsing" {
			l.Ends = last
		} else if !last.IsZero() {
			l.Since = last.AddDays(1)
		}
		return l, nil
	}
}

// Lapsing lists the persons of an authority ("" for all) whose every permit,
// stay and document valid on on ends within days days: at most limit of them,
// by person id after the id after, and the id to continue after (0 when
// the list is complete). Paging by person lets each page stop early instead
// of ranking the whole authority again.
func (t *Tx) Lapsing(ctx context.Context, authority string, on sojourn.Date, days int, after int64, limit int) ([]sojourn.Lapse, int64, error) {
	until := on.AddDays(days)
	list, err := getAll(ctx, t, scanLapse("lapsing"), lapsingQuery,
		false, on, on, until, authority, authority, after, false, on, until, limit+1)
	for i := range list {
		list[i].DaysLeft = on.DaysUntil(list[i].Ends)
	}
	list, next := page(list, limit)
	return list, next, err
}

// WithoutStatus lists the persons of an authority ("" for all) who hold no
// valid permit, stay or document on on, with the first day without one when known:
// at most limit of them, by person id after the id after, and the id to
// continue after (0 when the list is complete).
func (t *Tx) WithoutStatus(ctx context.Context, authority string, on sojourn.Date, after int64, limit int) ([]sojourn.Lapse, int64, error) {
	list, err := getAll(ctx, t, scanLapse("no_legal_status"), withoutStatusQuery,
		false, on, authority, authority, after, false, on, on, limit+1)
	list, next := page(list, limit)
	return list, next, err
}

// page cuts a list fetched with one row to spare down to limit, and returns
// the id to continue after when the spare row shows there is more.
func page(list []sojourn.Lapse, limit int) ([]sojourn.Lapse, int64) {
	if len(list) <= limit {
		return list, 0
	}
	list = list[:limit]
	return list, list[len(list)-1].PersonID
}
