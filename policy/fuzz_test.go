package policy_test

import (
	"encoding/json"
	"errors"
	"testing"

	"sojourn"
	"sojourn/policy"
)

// FuzzLoad feeds arbitrary bytes to Load: it must never panic, must fail
// only with a *sojourn.Error, and must hash what it accepts deterministically.
// Seeds are in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := policy.Load(src)
		if err != nil {
			asError(t, err)
			return
		}
		again, err := policy.Compile(src)
		if err != nil || again.Hash != p.Hash {
			t.Fatalf("recompiling gives %v, hash %s vs %s", err, again.Hash, p.Hash)
		}
		for _, r := range policy.RunExamples(p) {
			if !r.Pass {
				t.Fatalf("Load accepted a failing example %+v", r)
			}
		}
	})
}

// fuzzPack mixes every input type with exceptions, conflicts and a
// condition that can fail at run time.
const fuzzPack = `
pack: fuzz
versions:
  - version: "1"
    effective_from: 1900-01-01
    legal_reference: "Fuzz Act"
    inputs: {flag: bool, other: bool, count: int, score: double, country: string, filed_on: date, languages: list(string)}
    rules:
      - {id: base, ref: "1", effect: grant, when: flag, message: m}
      - {id: bounds, ref: "2", effect: require, when: "count > 0 && score < 100.0", message: m}
      - {id: lang, ref: "3", effect: waive, exception_to: [bounds], when: "other && 'de' in languages", message: m}
      - {id: barred, ref: "4", effect: deny, when: "country == 'XX' || country.startsWith('Z')", message: m}
      - {id: lifted, ref: "5", effect: waive, exception_to: [barred], when: "count % 7 == 3", message: m}
      - {id: late, ref: "6", effect: refer, when: "filed_on > on", message: m}
      - {id: ratio, ref: "7", effect: require, when: "100 / (count % 5) > -1000", message: m}
`

// FuzzEvaluate evaluates random input values: Evaluate and EvaluateOutcome
// must agree, never panic, fail only with *sojourn.Error, and results must
// encode as JSON. Seeds are in testdata/fuzz/FuzzEvaluate.
func FuzzEvaluate(f *testing.F) {
	p := mustCompile(f, fuzzPack)
	f.Fuzz(func(t *testing.T, flag, other bool, count int64, score float64, country, filed, on, lang string) {
		day, err := sojourn.ParseDate(on)
		if err != nil {
			return
		}
		in := map[string]any{"flag": flag, "other": other, "count": count, "score": score,
			"country": country, "filed_on": filed, "languages": []string{lang}}
		res, err := p.Evaluate(day, in)
		out, err2 := p.EvaluateOutcome(day, in)
		if out != res.Outcome || sojourn.ErrorCode(err) != sojourn.ErrorCode(err2) {
			t.Fatalf("Evaluate %q, %v; EvaluateOutcome %q, %v", res.Outcome, err, out, err2)
		}
		if err != nil {
			asError(t, err)
			if errors.Is(err, policy.ErrConflict) && res.Outcome != "" {
				t.Fatal("a conflict has an outcome")
			}
			return
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not encode: %v", err)
		}
	})
}
