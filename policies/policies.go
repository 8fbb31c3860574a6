// Package policies holds the example policy packs (YAML) that the demo data
// set loads and the tests use; policy authors start from them.
package policies

import "embed"

// Files holds every example pack, by file name (e.g. "residence.yaml").
//
//go:embed *.yaml
var Files embed.FS
