package service

import (
	"context"
	"slices"
	"sync"

	"sojourn"
	"sojourn/access"
	"sojourn/policy"
	"sojourn/store"
)

// casePacks maps a case type to the name of the policy pack that decides
// it, where that is not the case type's own name (see packFor).
var casePacks = map[string]string{
	sojourn.CaseResidencePermit: "residence",
	sojourn.CaseAdmission:       "admission",
}

// packFor names the policy pack that decides a case type: its entry in
// casePacks, else the type's own name (a pack "departure" decides
// departures). With no such pack in force, cases of the type are decided
// by hand (byhand.go).
func packFor(caseType string) string {
	if name, ok := casePacks[caseType]; ok {
		return name
	}
	return caseType
}

// compiled caches compiled packs by pack hash; a hash names one content.
var compiled sync.Map

// PackInfo describes a stored revision of a policy pack.
type PackInfo struct {
	sojourn.PolicyPack
	Title    string                 `json:"title"`
	Versions []VersionInfo          `json:"versions"`
	Examples []policy.ExampleResult `json:"examples,omitempty"`
}

// VersionInfo describes one version of a pack.
type VersionInfo struct {
	Version        string       `json:"version"`
	EffectiveFrom  sojourn.Date `json:"effective_from"`
	EffectiveTo    sojourn.Date `json:"effective_to,omitzero"`
	LegalReference string       `json:"legal_reference"`
	Hash           string       `json:"hash"`
}

// packInfo describes a stored pack and its compiled form.
func packInfo(row sojourn.PolicyPack, p *policy.Pack) PackInfo {
	info := PackInfo{PolicyPack: row, Title: p.Title, Versions: []VersionInfo{}}
	for _, v := range p.Versions() {
		info.Versions = append(info.Versions, VersionInfo{Version: v.Name, EffectiveFrom: v.EffectiveFrom,
			EffectiveTo: v.EffectiveTo, LegalReference: v.LegalReference, Hash: v.Hash})
	}
	return info
}

// UploadPolicyPack compiles a pack, runs its examples and stores it as the
// next revision of its name, which from then on is the one in use. A pack
// that does not compile, whose examples fail, or that declares an input
// Sojourn cannot derive for the case type it decides is refused.
func (s *Service) UploadPolicyPack(ctx context.Context, in sojourn.PolicyUpload) (PackInfo, error) {
	if err := precheck(ctx, access.UploadPolicy, in); err != nil {
		return PackInfo{}, err
	}
	a := ActorFrom(ctx)
	p, err := policy.Load([]byte(in.Source))
	if err != nil {
		return PackInfo{}, err
	}
	if err := checkDerivable(p); err != nil {
		return PackInfo{}, err
	}
	examples := policy.RunExamples(p)
	var out PackInfo
	err = s.write(ctx, func(tx *store.Tx) error {
		row, err := tx.AddPolicyPack(ctx, sojourn.PolicyPack{Name: p.Name, Source: in.Source, Hash: p.Hash,
			UploadedBy: a.Name, UploadedAt: tx.Now()})
		if sojourn.ErrorCode(err) == sojourn.CodeConflict {
			return sojourn.Errorf(sojourn.CodeConflict, "another revision of pack %s was uploaded at the same time; upload again", p.Name)
		}
		if err != nil {
			return err
		}
		out = packInfo(row, p)
		out.Examples = examples
		return s.record(ctx, tx, a, access.UploadPolicy, "policy/"+p.Name+"/"+itoa(row.Revision),
			map[string]string{"pack": p.Name, "hash": p.Hash})
	})
	return out, err
}

// checkDerivable refuses a pack that declares an input Sojourn cannot
// derive from a case of a type the pack decides.
func checkDerivable(p *policy.Pack) error {
	var probs sojourn.Problems
	for _, caseType := range packCaseTypes(p.Name) {
		for _, v := range p.Versions() {
			for _, in := range v.Inputs {
				if _, ok := caseInputs[caseType][in.Name]; !ok {
					probs.Add("source", "version %s declares input %s, which Sojourn cannot derive for %s cases (known: %v)",
						v.Name, in.Name, caseType, inputNames(caseType))
				}
			}
		}
	}
	return probs.Err("policy pack " + p.Name)
}

// compile returns the compiled form of a stored pack.
func compile(row sojourn.PolicyPack) (*policy.Pack, error) {
	if p, ok := compiled.Load(row.Hash); ok {
		return p.(*policy.Pack), nil
	}
	p, err := policy.Compile([]byte(row.Source))
	if err != nil {
		return nil, sojourn.Internal(err) // it compiled when it was uploaded
	}
	compiled.Store(row.Hash, p)
	return p, nil
}

// PolicyPacks lists the revision in use of every pack.
func (s *Service) PolicyPacks(ctx context.Context) ([]PackInfo, error) {
	if _, err := authorize(ctx, access.ReadPolicy, access.Target{}); err != nil {
		return nil, err
	}
	out := []PackInfo{}
	err := s.store.Read(ctx, func(tx *store.Tx) error {
		rows, err := tx.LatestPolicyPacks(ctx)
		for _, row := range rows {
			p, err := compile(row)
			if err != nil {
				return err
			}
			row.Source = ""
			out = append(out, packInfo(row, p))
		}
		return err
	})
	return out, err
}

// PolicyPack returns one revision of a pack (0: the one in use), with its
// source and versions.
func (s *Service) PolicyPack(ctx context.Context, name string, revision int64) (PackInfo, *policy.Pack, error) {
	if _, err := authorize(ctx, access.ReadPolicy, access.Target{}); err != nil {
		return PackInfo{}, nil, err
	}
	var row sojourn.PolicyPack
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		row, err = tx.PolicyPackRevision(ctx, name, revision)
		return err
	})
	if err != nil {
		return PackInfo{}, nil, err
	}
	p, err := compile(row)
	if err != nil {
		return PackInfo{}, nil, err
	}
	return packInfo(row, p), p, nil
}

// inputNames lists the inputs Sojourn derives for a case type.
func inputNames(caseType string) []string {
	var names []string
	for n := range caseInputs[caseType] {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// PolicyDiff lists the rule changes between two versions of a stored pack
// revision (0: the one in use).
func (s *Service) PolicyDiff(ctx context.Context, name string, revision int64, from, to string) ([]policy.RuleChange, error) {
	_, p, err := s.PolicyPack(ctx, name, revision)
	if err != nil {
		return nil, err
	}
	changes, err := p.Diff(from, to)
	if changes == nil {
		changes = []policy.RuleChange{}
	}
	return changes, err
}
