package policy_test

import (
	"strings"
	"testing"
)

// hashPack is written twice below in different YAML styles.
const hashBlock = `
# a comment
pack: hashes
title: Hash test
versions:
  - version: "1"
    effective_from: 1930-01-01
    effective_to: 1930-12-31
    legal_reference: "Act 1"
    inputs:
      b: int
      a: bool
    rules:
      - id: r
        ref: "§1"
        effect: grant
        when: a
        message: "m"
      - id: w
        ref: "§2"
        effect: waive
        exception_to: [r, s]
        when: b > 1
        message: "w"
      - id: s
        ref: "§3"
        effect: deny
        when: "!a"
        message: "s"
  - version: "2"
    effective_from: 1931-01-01
    legal_reference: "Act 2"
    inputs: {a: bool, b: int}
    rules:
      - {id: r, ref: "§1", effect: grant, when: a, message: m}
`

// hashFlow is hashBlock with other formatting, key order and version order.
const hashFlow = `
title: "Hash test"
pack: "hashes"
versions:
- {version: "2", legal_reference: Act 2, effective_from: "1931-01-01", inputs: {b: int, a: bool},
   rules: [{message: m, id: r, effect: grant, when: "a", ref: "§1"}]}
- version: '1'
  legal_reference: 'Act 1'
  effective_from: 1930-01-01
  effective_to: 1930-12-31
  inputs: {a: bool, b: int}
  rules:
  - {id: r, ref: "§1", effect: grant, when: "  a  ", message: m}
  - {id: w, ref: "§2", effect: waive, exception_to: [s, r], when: b > 1, message: w}
  - {id: s, ref: "§3", effect: deny, when: '!a', message: s}
`

func TestHashes(t *testing.T) {
	a, b := mustCompile(t, hashBlock), mustCompile(t, hashFlow)
	if a.Hash != b.Hash || len(a.Hash) != 64 {
		t.Errorf("pack hashes differ across formatting: %s vs %s", a.Hash, b.Hash)
	}
	for i, v := range a.Versions() {
		if w := b.Versions()[i]; v.Hash != w.Hash {
			t.Errorf("version %s hashes differ: %s vs %s", v.Name, v.Hash, w.Hash)
		}
	}
	changed := mustCompile(t, strings.Replace(hashBlock, `message: "s"`, `message: "S"`, 1))
	if changed.Versions()[0].Hash == a.Versions()[0].Hash || changed.Hash == a.Hash {
		t.Error("a changed message does not change the hashes")
	}
	if changed.Versions()[1].Hash != a.Versions()[1].Hash {
		t.Error("changing version 1 changed the hash of version 2")
	}
	retitled := mustCompile(t, strings.Replace(hashBlock, "title: Hash test", "title: Other", 1))
	if retitled.Hash == a.Hash || retitled.Versions()[0].Hash != a.Versions()[0].Hash {
		t.Error("the title belongs to the pack hash only")
	}
}
