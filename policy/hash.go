package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
)

// The canonical encodings hashed for content addressing: JSON of these
// structs (fixed field order, map keys sorted by encoding/json), independent
// of YAML formatting, key order, comments and the order of versions.
type (
	canonicalVersion struct {
		Pack           string  `json:"pack"`
		Version        string  `json:"version"`
		EffectiveFrom  string  `json:"effective_from"`
		EffectiveTo    string  `json:"effective_to"`
		LegalReference string  `json:"legal_reference"`
		Inputs         []Input `json:"inputs"`
		Rules          []Rule  `json:"rules"`
	}
	canonicalPack struct {
		Pack  string `json:"pack"`
		Title string `json:"title"`
		On    string `json:"evaluate_on,omitempty"` // omitted for the default
		// Future is omitted for the default, so packs that do not say keep
		// their hash.
		Future string `json:"future_decisions,omitempty"`

		Versions []canonicalEntry `json:"versions"`
	}
	canonicalEntry struct {
		Hash     string    `json:"hash"`
		Examples []Example `json:"examples"`
	}
)

// seal computes the hashes of p and its versions (sorted by date).
func seal(p *Pack) {
	cp := canonicalPack{Pack: p.Name, Title: p.Title}
	if p.EvaluateOn != EvaluateOnFiling {
		cp.On = p.EvaluateOn
	}
	if p.FutureDecisions != FutureDecisionsRefused {
		cp.Future = p.FutureDecisions
	}
	for _, v := range p.versions {
		v.Hash = digest(canonical(v))
		cp.Versions = append(cp.Versions, canonicalEntry{Hash: v.Hash, Examples: v.Examples})
	}
	p.Hash = digest(cp)
	for _, v := range p.versions {
		v.packHash = p.Hash
	}
}

// canonical returns the canonical form of v: inputs by name (as compiled),
// rules in declaration order with exception_to sorted.
func canonical(v *Version) canonicalVersion {
	rules := make([]Rule, len(v.Rules))
	for i, r := range v.Rules {
		r.ExceptionTo = slices.Sorted(slices.Values(r.ExceptionTo))
		rules[i] = r
	}
	return canonicalVersion{
		Pack: v.Pack, Version: v.Name, EffectiveFrom: v.EffectiveFrom.String(),
		EffectiveTo: v.EffectiveTo.String(), LegalReference: v.LegalReference,
		Inputs: v.Inputs, Rules: rules,
	}
}

// digest returns the hex SHA-256 of the JSON encoding of x. The encoded
// values are plain data that always encode (inputs are finite numbers,
// valid text and dates), so a failure is a bug.
func digest(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		panic("policy: canonical encoding failed: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
