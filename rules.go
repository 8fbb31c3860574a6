package sojourn

import (
	"encoding/json"
	"time"
)

// PolicyUpload is what an administrator submits to upload a policy pack: the
// YAML source of the whole pack (see docs/policy-packs.md).
type PolicyUpload struct {
	Source string `json:"source" minLength:"1" maxLength:"262144" doc:"the YAML text of the pack" example:"pack: admission\ntitle: Admission of foreigners\nversions: []\n"`
}

// Validate checks the input field by field.
func (in PolicyUpload) Validate() error {
	var p Problems
	p.Require("source", in.Source)
	p.MaxLen("source", in.Source, 262144)
	return p.Err("policy pack upload")
}

// EvaluationInput asks for a dry-run evaluation of a case. On defaults to
// the date the pack evaluates cases on: the filing date, unless the pack
// says the decision date (then On is required).
type EvaluationInput struct {
	On Date `json:"on,omitzero" doc:"evaluation date; default the case's filing date (required for packs evaluated on the decision date)"`
}

// Validate checks the input; every value is acceptable.
func (in EvaluationInput) Validate() error { return nil }

// What-if scopes.
const (
	ScopeOpen = "open" // cases filed or in review
	ScopeAll  = "all"  // every case
)

// WhatIfInput asks for a what-if run: evaluate the cases in scope under one
// version of a pack (a stored revision, or a draft given inline as Source,
// which is never put in use) and list those whose outcome changes.
type WhatIfInput struct {
	Pack      string `json:"pack" minLength:"1" maxLength:"100" example:"residence"`
	Version   string `json:"version" minLength:"1" maxLength:"100" example:"1930"`
	Revision  int64  `json:"revision,omitempty" minimum:"0" doc:"stored revision of the pack; default the newest"`
	Source    string `json:"source,omitempty" maxLength:"262144" doc:"YAML of a draft pack to try instead of a stored revision"`
	Scope     string `json:"scope" enum:"open,all"`
	FiledFrom Date   `json:"filed_from,omitzero" doc:"only cases filed on or after this date"`
	FiledTo   Date   `json:"filed_to,omitzero" doc:"only cases filed on or before this date"`
	On        Date   `json:"on,omitzero" doc:"for packs evaluated on the decision date: the decision date to assume; default each case's filing date"`
}

// Validate checks the input field by field.
func (in WhatIfInput) Validate() error {
	var p Problems
	p.Require("pack", in.Pack)
	p.MaxLen("pack", in.Pack, 100)
	p.Require("version", in.Version)
	p.MaxLen("version", in.Version, 100)
	p.MaxLen("source", in.Source, 262144)
	if in.Revision < 0 {
		p.Add("revision", "must not be negative")
	}
	if in.Source != "" && in.Revision != 0 {
		p.Add("revision", "a draft source has no revision")
	}
	p.OneOf("scope", in.Scope, ScopeOpen, ScopeAll)
	p.Period("filed_from", in.FiledFrom, "filed_to", in.FiledTo)
	return p.Err("what-if run")
}

// PolicyPack is one uploaded revision of a policy pack: the YAML source as
// uploaded and its content hash. Rows are never changed; the newest revision
// of a name is the one in use.
type PolicyPack struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Revision   int64     `json:"revision"`
	Source     string    `json:"source"`
	Hash       string    `json:"hash"`
	UploadedBy string    `json:"uploaded_by"`
	UploadedAt time.Time `json:"uploaded_at"`
}

// WhatIfResult is one case whose outcome a what-if run changes: the outcome
// and explanation as things stand and under the version tried.
type WhatIfResult struct {
	JobID             int64           `json:"-"`
	CaseID            int64           `json:"case_id"`
	Classification    Level           `json:"-"` // the case's, as it stands when read
	PersonID          int64           `json:"person_id"`
	PersonName        string          `json:"person_name"`
	BeforeOutcome     string          `json:"before_outcome"`
	BeforeExplanation json.RawMessage `json:"before_explanation"`
	AfterOutcome      string          `json:"after_outcome"`
	AfterExplanation  json.RawMessage `json:"after_explanation"`
}
