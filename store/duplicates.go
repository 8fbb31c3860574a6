package store

import (
	"context"
	"encoding/json"
	"strings"

	"sojourn"
)

// AddDuplicatePairs stores pairs a duplicate scan found, in one statement.
func (t *Tx) AddDuplicatePairs(ctx context.Context, jobID int64, pairs []sojourn.DuplicatePair) error {
	if len(pairs) == 0 {
		return nil
	}
	args := make([]any, 0, 5*len(pairs))
	for _, p := range pairs {
		reasons, err := json.Marshal(p.Reasons)
		if err != nil {
			return sojourn.Internal(err)
		}
		args = append(args, jobID, p.PersonID, p.OtherID, p.Score, string(reasons))
	}
	_, err := t.exec(ctx, "INSERT INTO duplicate_pairs (job_id, person_id, other_id, score, reasons) VALUES "+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", len(pairs)), ", "), args...)
	return err
}

// ClearDuplicatePairs deletes what a scan stored, so that a scan taken
// over after its worker died starts afresh.
func (t *Tx) ClearDuplicatePairs(ctx context.Context, jobID int64) error {
	_, err := t.exec(ctx, "DELETE FROM duplicate_pairs WHERE job_id = ?", jobID)
	return err
}

// DuplicatePairs returns one page of the pairs a scan found of which v
// sees both persons (by their authority now), in the order found: at most
// limit after the pair after.
func (t *Tx) DuplicatePairs(ctx context.Context, jobID int64, v Visibility, after int64, limit int) ([]sojourn.DuplicatePair, error) {
	where, args := duplicatesWhere(jobID, v)
	return getAll(ctx, t, func(s scanner) (sojourn.DuplicatePair, error) {
		var p sojourn.DuplicatePair
		var reasons string
		if err := s.Scan(&p.ID, &p.PersonID, &p.OtherID, &p.Score, &reasons); err != nil {
			return p, err
		}
		return p, json.Unmarshal([]byte(reasons), &p.Reasons)
	}, "SELECT d.id, d.person_id, d.other_id, d.score, d.reasons FROM duplicate_pairs d"+where+" AND d.id > ? ORDER BY d.id LIMIT ?",
		append(args, after, limit)...)
}

// CountDuplicatePairs counts the pairs of a scan of which v sees both
// persons.
func (t *Tx) CountDuplicatePairs(ctx context.Context, jobID int64, v Visibility) (int, error) {
	var n int
	where, args := duplicatesWhere(jobID, v)
	err := t.queryRow(ctx, "SELECT COUNT(*) FROM duplicate_pairs d"+where, args...).Scan(&n)
	return n, t.d.translate(err)
}

// duplicatesWhere selects the pairs of a scan of which v sees both persons.
func duplicatesWhere(jobID int64, v Visibility) (string, []any) {
	unclassified := "'" + string(sojourn.Unclassified) + "'"
	one, args := v.where("p.authority", unclassified)
	other, otherArgs := v.where("o.authority", unclassified)
	return " JOIN persons p ON p.id = d.person_id JOIN persons o ON o.id = d.other_id WHERE d.job_id = ?" + one + other,
		append(append([]any{jobID}, args...), otherArgs...)
}
