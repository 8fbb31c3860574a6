package bench

import (
	"fmt"
	"time"
)

// Figure is one measured number, with DESIGN.md's target for it where
// there is one and, where the run measured a reference, its ratio to it:
// what `sojourn bench --json` prints, one per line.
type Figure struct {
	Name   string   `json:"name"`
	Value  float64  `json:"value"`
	Unit   string   `json:"unit"`
	Target *float64 `json:"target"`           // null: no target for this figure
	Better string   `json:"better,omitempty"` // "higher" or "lower": how Value meets Target
	Met    *bool    `json:"met"`              // null when there is no target
}

// goal is a target: a value to reach, from above or below.
type goal struct {
	value  float64
	higher bool
}

// goals are DESIGN.md's performance targets by figure name, for both
// database engines ("") or for one. Targets stated for 1,000,000 persons or
// cases are checked at whatever size was measured: the figure's name says
// the size.
var goals = map[string]map[string]goal{
	"decide case over HTTP, throughput":                       {"sqlite": {3000, true}},
	"decide case over HTTP, p99":                              {"sqlite": {20, false}, "postgres": {50, false}},
	"decide case over HTTP ÷ raw one-row transactions, ratio": {"sqlite": {1.0, true}, "postgres": {0.5, true}},
	"person status on a date, p99":                            {"": {2, false}},
	"lapse report, first page, p50":                           {"": {1000, false}},
	"review cases created, throughput":                        {"": {10000, true}},
	"status read during campaign, p99":                        {"": {10, false}},
	"what-if over open cases, throughput":                     {"": {1_000_000.0 / 30, true}},
	"search by another script, p99":                           {"": {50, false}},
	"search by another script, throughput":                    {"": {200, true}},
	"register with index ÷ register without index, ratio":     {"": {1 / 1.2, true}},
	"correspondence search, two words, p99":                   {"": {50, false}},
	"correspondence search, one word + dates, p99":            {"": {50, false}},
}

// Figures turns results measured on a database engine into figures: each
// result's throughput, its median and 99th-percentile latency where calls
// were timed one by one, and its ratio to its same-run reference.
func Figures(dialect string, results ...Result) []Figure {
	var out []Figure
	for _, r := range results {
		if r.Throughput > 0 {
			out = append(out, figure(dialect, r.Name+", throughput", r.Throughput, "/s"))
		}
		if r.P99 > 0 {
			out = append(out, figure(dialect, r.Name+", p50", ms(r.P50), "ms"),
				figure(dialect, r.Name+", p99", ms(r.P99), "ms"))
		}
		if ref := r.Reference; ref != nil && ref.Throughput > 0 {
			out = append(out, figure(dialect, fmt.Sprintf("%s ÷ %s, ratio", r.Name, ref.Name), r.Throughput/ref.Throughput, "×"))
		}
	}
	return out
}

// figure is a figure with its target, if it has one.
func figure(dialect, name string, value float64, unit string) Figure {
	f := Figure{Name: name, Value: value, Unit: unit}
	g, ok := goals[name][dialect]
	if !ok {
		g, ok = goals[name][""]
	}
	if !ok {
		return f
	}
	met := value <= g.value
	f.Better = "lower"
	if g.higher {
		met, f.Better = value >= g.value, "higher"
	}
	f.Target, f.Met = &g.value, &met
	return f
}

// ms is a duration in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
