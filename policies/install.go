package policies

import (
	"context"
	"io/fs"

	"sojourn"
	"sojourn/policy"
	"sojourn/service"
)

// Install puts every shipped pack in use, in file-name order, unless the
// revision in use already has its content, and returns what it uploaded.
// The context's actor uploads them (an administrator or the system).
func Install(ctx context.Context, svc *service.Service) ([]service.PackInfo, error) {
	inUse, err := svc.PolicyPacks(ctx)
	if err != nil {
		return nil, err
	}
	hashes := map[string]string{}
	for _, p := range inUse {
		hashes[p.Name] = p.Hash
	}
	names, err := fs.Glob(Files, "*.yaml")
	if err != nil {
		return nil, err
	}
	var out []service.PackInfo
	for _, name := range names {
		src, err := Files.ReadFile(name)
		if err != nil {
			return out, err
		}
		p, err := policy.Load(src)
		if err != nil {
			return out, err
		}
		if hashes[p.Name] == p.Hash {
			continue
		}
		info, err := svc.UploadPolicyPack(ctx, sojourn.PolicyUpload{Source: string(src)})
		if err != nil {
			return out, err
		}
		out = append(out, info)
	}
	return out, nil
}
