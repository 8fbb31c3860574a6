// Package policies holds the policy packs (YAML) Sojourn ships: sojourn init
// puts them in use (Install), the demo data set and the tests load them,
// and policy authors start from them.
package policies

import "embed"

// Files holds every example pack, by file name (e.g. "residence.yaml").
//
//go:embed *.yaml
var Files embed.FS
