package main

import (
	"strings"
	"testing"

	"sojourn/store/storetest"
)

func TestCampaignDecreeCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := demoDB(t, dialect)
			for _, step := range []struct {
				args []string
				want string
			}{
				{[]string{"campaign", "start", "--name", "Review", "--ref", "Order 7", "--rule", "!registered", "--on", "1956-01-10", "--batch", "2"},
					`campaign 1 "Review" (Order 7) on 1956-01-10, rule !registered: done,`},
				{[]string{"campaign", "status", "--id", "1"}, "review cases"},
				{[]string{"campaign", "list"}, `campaign 1 "Review" (Order 7) on 1956-01-10: done`},
				{[]string{"decree", "add", "--ref", "Decree 15", "--on", "1955-11-15", "--class", "true", "--citizenship", "CS",
					"--grants", "SU", "--deadline", "1956-06-30"}, "elections opened"},
				{[]string{"decree", "list"}, "decree 2 (Decree 15) of 1955-11-15: CS citizens of the class true may elect SU until 1956-06-30: done"},
			} {
				out, err := runCLI(t, append(step.args, "--db", db)...)
				if err != nil || !strings.Contains(out, step.want) {
					t.Fatalf("%v: %q, %v", step.args, out, err)
				}
			}
			for _, args := range [][]string{
				{"campaign"}, {"campaign", "stop"}, {"campaign", "status", "--id", "9"},
				{"campaign", "start", "--name", "Bad", "--ref", "R", "--rule", "registered &&", "--on", "1956-01-10"},
				{"campaign", "start", "--name", "Bad", "--ref", "R", "--rule", "registered", "--on", "1956-02-30"},
				{"decree", "add", "--ref", "R", "--on", "1955-11-15", "--class", "true", "--citizenship", "CS"},
			} {
				if out, err := runCLI(t, append(args, "--db", db)...); err == nil {
					t.Errorf("%v: accepted: %q", args, out)
				}
			}
		})
	}
}
