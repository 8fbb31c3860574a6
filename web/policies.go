package web

import (
	"net/http"

	"sojourn/policy"
	"sojourn/service"
)

// policies lists the policy packs in use.
func (s *site) policies(w http.ResponseWriter, r *http.Request, p *page) error {
	packs, err := s.svc.PolicyPacks(r.Context())
	if err != nil {
		return err
	}
	p.Title, p.Data = p.T("policies.title"), packs
	return s.show(w, "policies", p)
}

// versionView is a version of a pack with its rules and what changed from
// the version before.
type versionView struct {
	*policy.Version
	Changes []policy.RuleChange
}

// packView is a pack's page.
type packView struct {
	Info     service.PackInfo
	Versions []versionView
}

// policyPage shows a pack: each version with its legal reference, its
// rules in plain words and the rule changes from the version before.
func (s *site) policyPage(w http.ResponseWriter, r *http.Request, p *page) error {
	name := r.PathValue("name")
	info, pack, err := s.svc.PolicyPack(r.Context(), name, 0)
	if err != nil {
		return err
	}
	v := packView{Info: info}
	var prev string
	for _, ver := range pack.Versions() {
		vv := versionView{Version: ver}
		if prev != "" {
			if vv.Changes, err = s.svc.PolicyDiff(r.Context(), name, info.Revision, prev, ver.Name); err != nil {
				return err
			}
		}
		prev = ver.Name
		v.Versions = append(v.Versions, vv)
	}
	p.Title, p.Data = p.T("policies.pack", name), v
	return s.show(w, "policy", p)
}
