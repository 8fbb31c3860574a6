package web

import (
	"net/http"

	"sojourn"
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

// startWhatIf starts a what-if run of a version of a pack over the open
// (or all) cases and goes to its page.
func (s *site) startWhatIf(w http.ResponseWriter, r *http.Request, p *page) error {
	if err := parseForm(r, p); err != nil {
		return err
	}
	p.Form.Set("_action", "whatif")
	in := sojourn.WhatIfInput{Pack: r.PathValue("name"), Version: p.Val("version"), Scope: p.Val("scope")}
	err := formErr(p, in.Validate())
	if err == nil {
		var run service.WhatIfRun
		if run, err = s.svc.StartWhatIf(r.Context(), in); err == nil {
			http.Redirect(w, r, "/app/whatif/"+itoa(run.ID), http.StatusSeeOther)
			return nil
		}
	}
	if !p.refused(err, "version", "scope") {
		return err
	}
	return s.policyPage(statusWriter{w, statusOf(sojourn.ErrorCode(err))}, r, p)
}

// whatIf shows a what-if run: its progress while it runs (the page
// refreshes itself with htmx; without script, by its link) and the cases
// whose outcome it changes, a page at a time.
func (s *site) whatIf(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	run, err := s.svc.WhatIf(r.Context(), id, after(r), pageSize)
	if err != nil {
		return err
	}
	next := ""
	if len(run.Changed) == pageSize {
		next = nextPage(r, run.Changed[len(run.Changed)-1].CaseID)
	}
	p.Title, p.Data = p.T("whatif.title", run.ID), whatIfView{WhatIfRun: run, Next: next,
		Running: run.FinishedAt == nil}
	return s.show(w, "whatif", p)
}

// whatIfView is a what-if run's page.
type whatIfView struct {
	service.WhatIfRun
	Next    string
	Running bool
}
