package sojourn

import (
	"time"

	"sojourn/match"
)

// MatchConfig is a stored revision of the identity matching configuration
// (see package match): thresholds, blocking keys and weights, uploaded by
// administrators like policy packs. Revision 0 is the shipped default,
// in use until one is uploaded.
type MatchConfig struct {
	Revision   int64     `json:"revision" doc:"stored revision (0: the shipped default)"`
	Version    string    `json:"version" doc:"the version the document declares"`
	Source     string    `json:"source" doc:"the YAML or JSON document"`
	UploadedBy string    `json:"uploaded_by,omitempty"`
	UploadedAt time.Time `json:"uploaded_at,omitzero"`
}

// MatchConfigUpload is what an administrator submits to change the
// matching configuration: the YAML or JSON document.
type MatchConfigUpload struct {
	Source string `json:"source" minLength:"1" maxLength:"65536" doc:"the YAML or JSON configuration document (see match.Config)" example:"version: \"2026-12\"\nthreshold: 0.88\n"`
}

// DuplicatePair is two persons a duplicate scan found likely the same:
// the lower id first, the score and the reasons for it.
type DuplicatePair struct {
	ID       int64          `json:"id" doc:"the pair's place in the scan's list (page after it)"`
	PersonID int64          `json:"person_id"`
	OtherID  int64          `json:"other_id" doc:"the other person, of a higher id"`
	Score    float64        `json:"score"`
	Reasons  []match.Reason `json:"reasons"`
}
