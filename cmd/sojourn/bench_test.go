package main

import (
	"encoding/json"
	"strings"
	"testing"

	"sojourn/store/storetest"
)

// TestBenchJSON runs `sojourn bench --json` briefly on both engines: every
// line is one figure with its name, value, unit, target and whether it was
// met; decisions, and registrations with blocking keys, come with their
// same-run reference and ratio, and a figure with a target says whether it
// met it.
func TestBenchJSON(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			dsn := strings.TrimPrefix(storetest.DSN(t, dialect), "sqlite:")
			out, err := runCLI(t, "bench", "--json", "--db", dsn, "--cases", "40", "--workers", "4",
				"--population", "30", "--whatif", "20", "--search", "60", "--searches", "20")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			figures := map[string]map[string]any{}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				var f map[string]any
				if err := json.Unmarshal([]byte(line), &f); err != nil {
					t.Fatalf("not a JSON object: %q", line)
				}
				for _, key := range []string{"name", "value", "unit", "target", "met"} {
					if _, ok := f[key]; !ok {
						t.Errorf("%q has no %s", line, key)
					}
				}
				figures[f["name"].(string)] = f
			}
			for _, name := range []string{"raw one-row transactions, throughput", "decide case over HTTP, throughput",
				"decide case over HTTP ÷ raw one-row transactions, ratio", "decide case over HTTP, p99",
				"person status on a date, p99", "lapse report, first page, p50", "what-if over open cases, throughput"} {
				f, ok := figures[name]
				if !ok {
					t.Fatalf("no figure %q in\n%s", name, out)
				}
				if v, _ := f["value"].(float64); v <= 0 {
					t.Errorf("%s = %v", name, f["value"])
				}
			}
			for _, name := range []string{"decide case over HTTP ÷ raw one-row transactions, ratio",
				"register with index ÷ register without index, ratio"} {
				if ratio := figures[name]; ratio["target"] == nil {
					t.Errorf("%s has no target: %v", name, ratio)
				} else if _, ok := ratio["met"].(bool); !ok {
					t.Errorf("%s: met is not said: %v", name, ratio)
				}
			}
			if raw := figures["raw one-row transactions, throughput"]; raw["met"] != nil {
				t.Errorf("a reference has no target: %v", raw)
			}
		})
	}
}
