package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/policy"
	"sojourn/service"
)

// PackPath is the {name} path parameter of a policy pack, with the
// revision asked for (0 or absent: the one in use).
type PackPath struct {
	Name     string `path:"name" maxLength:"100"`
	Revision int64  `query:"revision" minimum:"0" doc:"stored revision; default the one in use"`
}

type diffQuery struct {
	PackPath
	From string `query:"from" required:"true" minLength:"1" maxLength:"100" doc:"version to compare from"`
	To   string `query:"to" required:"true" minLength:"1" maxLength:"100" doc:"version to compare to"`
}

// runQuery names a what-if run and a page of its changed cases.
type runQuery struct {
	ID    int64 `path:"id" minimum:"1"`
	After int64 `query:"after" minimum:"0" doc:"list changed cases after this case id"`
	Limit int   `query:"limit" minimum:"0" maximum:"500" doc:"at most this many changed cases"`
}

func (h *handler) registerPolicy(api huma.API) {
	huma.Register(api, created(h.op("upload-policy-pack", http.MethodPost, "/policy/packs",
		"Upload a policy pack (administrators); it becomes the revision in use", "policy"), func(p service.PackInfo) string { return "/policy/packs/" + url.PathEscape(p.Name) }),
		func(ctx context.Context, in *body[sojourn.PolicyUpload]) (*body[service.PackInfo], error) {
			info, err := h.svc.UploadPolicyPack(ctx, in.Body)
			return result(h, &body[service.PackInfo]{info}, err)
		})
	huma.Register(api, h.op("list-policy-packs", http.MethodGet, "/policy/packs", "List the policy packs in use", "policy"),
		func(ctx context.Context, _ *struct{}) (*listOut[service.PackInfo], error) {
			list, err := h.svc.PolicyPacks(ctx)
			return result(h, whole(list), err)
		})
	huma.Register(api, h.op("get-policy-pack", http.MethodGet, "/policy/packs/{name}", "Get a policy pack with its source", "policy"),
		func(ctx context.Context, in *PackPath) (*body[service.PackInfo], error) {
			info, _, err := h.svc.PolicyPack(ctx, in.Name, in.Revision)
			return result(h, &body[service.PackInfo]{info}, err)
		})
	huma.Register(api, h.op("diff-policy-versions", http.MethodGet, "/policy/packs/{name}/diff",
		"List the rule changes between two versions of a pack", "policy"),
		func(ctx context.Context, in *diffQuery) (*listOut[policy.RuleChange], error) {
			changes, err := h.svc.PolicyDiff(ctx, in.Name, in.Revision, in.From, in.To)
			return result(h, whole(changes), err)
		})
	h.registerEvaluation(api)
}

func (h *handler) registerEvaluation(api huma.API) {
	evaluate := h.op("evaluate-case", http.MethodPost, "/cases/{id}/evaluation",
		"Evaluate a case under its policy pack without changing anything (dry run)", "cases", "policy")
	evaluate.Errors = append(evaluate.Errors, http.StatusPreconditionFailed) // no pack, or no version in force, decides the case
	huma.Register(api, evaluate,
		func(ctx context.Context, in *struct {
			CasePath
			Body *sojourn.EvaluationInput `required:"false"`
		}) (*body[service.Explanation], error) {
			var ev sojourn.EvaluationInput
			if in.Body != nil {
				ev = *in.Body
			}
			e, err := h.svc.EvaluateCase(ctx, in.ID, ev)
			return result(h, &body[service.Explanation]{e}, err)
		})
	huma.Register(api, accepted(h.op("start-whatif", http.MethodPost, "/policy/whatif",
		"Start a what-if run of a pack version over open (or all) cases", "policy"), func(r service.WhatIfRun) string { return idPath("/policy/whatif/", r.ID) }),
		func(ctx context.Context, in *body[sojourn.WhatIfInput]) (*body[service.WhatIfRun], error) {
			run, err := h.svc.StartWhatIf(ctx, in.Body)
			return result(h, &body[service.WhatIfRun]{run}, err)
		})
	huma.Register(api, h.op("get-whatif", http.MethodGet, "/policy/whatif/{id}",
		"Get a what-if run: its progress and the cases whose outcome changes", "policy"),
		func(ctx context.Context, in *runQuery) (*body[service.WhatIfRun], error) {
			run, err := h.svc.WhatIf(ctx, in.ID, in.After, in.Limit)
			return result(h, &body[service.WhatIfRun]{run}, err)
		})
}
