package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
)

// MergePath is a merge of a person: {id} the person, {merge} the merge.
type MergePath struct {
	PersonPath
	Merge int64 `path:"merge" minimum:"1"`
}

// mergeOf locates a merge under its survivor.
func mergeOf(m sojourn.PersonMerge) string {
	return idPath(idPath("/persons/", m.SurvivorID)+"/merges/", m.ID)
}

// mergedNote tells a client what reading a merged person answers.
const mergedNote = " A person merged into another still answers GET /persons/{id} and its status (as known at any time), " +
	"with merged_into naming the survivor, who holds their cases, documents and current facts now; " +
	"a change to them (a case filed, a document, a correction, another merge) answers 409 naming the survivor."

func (h *handler) registerMerges(api huma.API) {
	merge := also(created(h.op("merge-persons", http.MethodPost, "/persons/{id}/merges",
		"Merge a duplicate into this person, for a reason (a split undoes it)", "persons"), mergeOf), http.StatusConflict)
	merge.Description = "Moves the duplicate's cases (each to its next version), documents (a new version), permits, registrations, " +
		"obligations, departure dues, elections, campaign reviews and correspondence to this person, supersedes each of their " +
		"current status facts with a copy under this person, and adds their names to this person's as aliases (a new version of " +
		"the file). Needs an officer or head reaching both persons and every case of either; a case above the caller's clearance " +
		"answers 404 as a hidden person does." + mergedNote
	huma.Register(api, merge, func(ctx context.Context, in *struct {
		PersonPath
		Body sojourn.MergeInput
	}) (*body[sojourn.PersonMerge], error) {
		m, err := h.svc.MergePersons(ctx, in.ID, in.Body)
		return result(h, &body[sojourn.PersonMerge]{m}, err)
	})
	huma.Register(api, h.op("person-merges", http.MethodGet, "/persons/{id}/merges",
		"The merges a person took part in, as survivor or duplicate, split ones too", "persons"),
		func(ctx context.Context, in *PersonPath) (*listOut[sojourn.PersonMerge], error) {
			list, err := h.svc.Merges(ctx, in.ID)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("person-merge", http.MethodGet, "/persons/{id}/merges/{merge}", "A merge a person took part in", "persons"),
		func(ctx context.Context, in *MergePath) (*body[sojourn.PersonMerge], error) {
			m, err := h.svc.Merge(ctx, in.ID, in.Merge)
			return result(h, &body[sojourn.PersonMerge]{m}, err)
		})
	split := also(h.op("split-merge", http.MethodPost, "/persons/{id}/merges/{merge}/split",
		"Undo a merge into this person, for a reason", "persons"), http.StatusConflict)
	split.Description = "Moves back every row the merge moved, supersedes each current fact of this person that came of the merge " +
		"(a copy it made or a correction of one) with a copy under the duplicate, and takes the aliases it added off this person's " +
		"names. What the ledger knew during the merge stays readable with known_at. A merge is split once: again answers 409."
	huma.Register(api, split, func(ctx context.Context, in *struct {
		MergePath
		Body sojourn.SplitInput
	}) (*body[sojourn.PersonMerge], error) {
		m, err := h.svc.SplitMerge(ctx, in.ID, in.Merge, in.Body)
		return result(h, &body[sojourn.PersonMerge]{m}, err)
	})
}
