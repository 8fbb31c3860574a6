// Package policy turns policy packs — versioned, dated rules written in YAML
// with CEL conditions — into compiled programs, and evaluates them with an
// explanation: the version in force, the content hash, the rules that fired,
// the rules overridden by exceptions and the input snapshot.
//
// The package is pure: no I/O, no clock, no database. Callers read pack files
// and pass their bytes to Load (or Compile), and pass the evaluation date and
// the inputs of a case to Evaluate. The pack format and its semantics are
// described in docs/policy-packs.md.
package policy
