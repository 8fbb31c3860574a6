package sojourn

import "time"

// PersonMerge is the reasoned merge of a duplicate person into a survivor:
// what it moved, so that a split undoes it exactly. The duplicate's file
// stays (its names become aliases of the survivor); its current status
// facts are superseded by copies under the survivor, so the ledger still
// answers what was known of either person before.
type PersonMerge struct {
	ID          int64  `json:"id"`
	SurvivorID  int64  `json:"survivor_id"`
	DuplicateID int64  `json:"duplicate_id"`
	Reason      string `json:"reason"`
	// Moved lists, by table, the ids of the rows moved from the duplicate
	// to the survivor ("table.column" for a person column other than
	// person_id).
	Moved    map[string][]int64 `json:"moved" doc:"ids of the rows moved to the survivor, by table (table.column for a person column other than person_id)"`
	Facts    []FactMove         `json:"facts" doc:"each current status fact of the duplicate and the copy under the survivor that superseded it"`
	Aliases  []Name             `json:"aliases" doc:"the duplicate's names added to the survivor's"`
	MergedBy string             `json:"merged_by"`
	MergedAt time.Time          `json:"merged_at"`
	Split    *MergeSplit        `json:"split,omitempty" doc:"present once the merge was split"`
}

// Live reports whether the merge holds: it has not been split.
func (m PersonMerge) Live() bool { return m.Split == nil }

// FactMove is a status fact superseded by its copy under another person.
type FactMove struct {
	From int64 `json:"from" doc:"the fact superseded"`
	To   int64 `json:"to" doc:"its copy"`
}

// MergeSplit is the reasoned split that undid a merge.
type MergeSplit struct {
	Reason string     `json:"reason"`
	By     string     `json:"by"`
	At     time.Time  `json:"at"`
	Facts  []FactMove `json:"facts" doc:"each current fact of the survivor that came of the merge and its copy back under the duplicate"`
}

// MergeInput asks to merge a duplicate into the person posted to.
type MergeInput struct {
	DuplicateID int64  `json:"duplicate_id" minimum:"1" doc:"the person merged into this one: their cases, facts, documents and the rest move here, their names become aliases" example:"42"`
	Reason      string `json:"reason" minLength:"1" maxLength:"2000" example:"the same person registered twice: passport C-4471203 is on both files"`
}

// Validate checks the input field by field.
func (in MergeInput) Validate() error {
	var p Problems
	if in.DuplicateID <= 0 {
		p.Add("duplicate_id", "is required")
	}
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	return p.Err("merge")
}

// SplitInput asks to undo a merge.
type SplitInput struct {
	Reason string `json:"reason" minLength:"1" maxLength:"2000" example:"two persons after all: the birth certificates differ"`
}

// Validate checks the input field by field.
func (in SplitInput) Validate() error {
	var p Problems
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 2000)
	return p.Err("split")
}
