package bulk

import (
	"context"
	"encoding/json"
	"strconv"

	"sojourn"
	"sojourn/access"
	"sojourn/audit"
	"sojourn/store"
)

// A batch's audit entry is unclassified, so a case above unclassified is
// written apart from its batch, with an audit entry of its own about the
// case: the log gives an entry about a case the case's classification, and
// only auditors cleared for it see the case's entry and its row.

// withoutClassified returns b without its classified cases, and those.
func withoutClassified(b store.BulkBatch) (store.BulkBatch, []sojourn.Case) {
	var open, classified []sojourn.Case
	for _, c := range b.Cases {
		if c.Classification.Rank() > sojourn.Unclassified.Rank() {
			classified = append(classified, c)
		} else {
			open = append(open, c)
		}
	}
	b.Cases = open
	return b, classified
}

// empty reports whether a batch writes nothing.
func empty(b store.BulkBatch) bool {
	return len(b.Persons)+len(b.Documents)+len(b.Facts)+len(b.Cases) == 0
}

// writeClassified writes each classified case with its audit entry.
func writeClassified(ctx context.Context, tx *store.Tx, actor sojourn.Actor, cases []sojourn.Case) error {
	for _, c := range cases {
		if err := tx.WriteBulk(ctx, store.BulkBatch{Cases: []sojourn.Case{c}}); err != nil {
			return err
		}
		payload, err := json.Marshal(c)
		if err != nil {
			return sojourn.Internal(err)
		}
		digest, err := tx.ContentDigest(ctx, payload)
		if err != nil {
			return err
		}
		err = tx.Audit(ctx, audit.Entry{At: tx.Now(), Actor: actor.Name, Action: string(access.ImportRows),
			Object: "case/" + strconv.FormatInt(c.ID, 10), Digest: digest})
		if err != nil {
			return err
		}
	}
	return nil
}
