package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"sojourn/service"
	"sojourn/store/storetest"
)

var oneTimeLine = regexp.MustCompile(`one-time password of (\S+) \(shown once\): (\S+)\n$`)

// TestInitAndRegistryCLI — serve tells the operator of an empty database
// to run init; init sets up the first administrator with a one-time
// password and the shipped packs, once only; authorities, sponsors and
// accreditations are added and listed from the command line; user reset
// prints a new one-time password.
func TestInitAndRegistryCLI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			if _, err := runCLI(t, "migrate", "--db", db); err != nil {
				t.Fatal(err)
			}
			if hint := setupHintOf(t, db); !strings.Contains(hint, "run `sojourn init`") {
				t.Fatalf("serve on an empty database says %q", hint)
			}
			out, err := runCLI(t, "init", "--db", db, "--admin", "chief")
			m := oneTimeLine.FindStringSubmatch(out)
			if err != nil || m == nil || m[1] != "chief" || len(m[2]) != 20 ||
				!strings.Contains(out, "policy pack residence revision 1 in use: 1930 from 1930-01-01, 1938 from 1938-02-01") ||
				!strings.Contains(out, "policy pack admission revision 1") || !strings.Contains(out, "policy pack review revision 1") {
				t.Fatalf("init: %q, %v", out, err)
			}
			if hint := setupHintOf(t, db); hint != "" {
				t.Fatalf("serve after init says %q", hint)
			}
			if _, err := runCLI(t, "init", "--db", db); err == nil || !strings.Contains(err.Error(), "sojourn user reset") {
				t.Fatalf("second init: %v", err)
			}
			steps := []struct {
				args []string
				want string
			}{
				{[]string{"authority", "add", "--code", "HQ", "--name", "Ministry of Foreign Affairs", "--kind", "ministry", "--valid-from", "1918-10-28"},
					"authority HQ: Ministry of Foreign Affairs (ministry) from 1918-10-28"},
				{[]string{"authority", "add", "--code", "VRD", "--name", "Visa and Registration Department", "--kind", "department", "--parent", "HQ",
					"--places", "Capital,Riverside", "--case-types", "residence_permit", "--valid-from", "1922-01-01"},
					"authority VRD: Visa and Registration Department (department) from 1922-01-01, under HQ, decides residence_permit"},
				{[]string{"authority", "list"}, "authority HQ: Ministry"},
				{[]string{"sponsor", "add", "--code", "IAS", "--name", "International Aid Society", "--country", "CS"}, "sponsor IAS: International Aid Society (CS)"},
				{[]string{"accreditation", "add", "--sponsor", "IAS", "--authority", "VRD", "--valid-from", "1935-01-01"},
					"accreditation 1: IAS accredited by VRD from 1935-01-01"},
				{[]string{"accreditation", "revoke", "--sponsor", "IAS", "--id", "1", "--on", "1939-01-01", "--reason", "Dissolved."},
					"revoked from 1939-01-01"},
				{[]string{"sponsor", "list"}, "  accreditation 1: IAS accredited by VRD from 1935-01-01, revoked from 1939-01-01"},
				{[]string{"user", "reset", "chief"}, "one-time password of chief (shown once): "},
			}
			for _, s := range steps {
				out, err := runCLI(t, append(s.args, "--db", db)...)
				if err != nil || !strings.Contains(out, s.want) {
					t.Fatalf("sojourn %v: %q, %v; want %q", s.args, out, err, s.want)
				}
			}
			for _, bad := range [][]string{
				{"authority", "add", "--code", "vrd", "--name", "x", "--kind", "office", "--valid-from", "1930-01-01"},
				{"accreditation", "add", "--sponsor", "IAS", "--authority", "NOPE", "--valid-from", "1935-01-01"},
				{"user", "reset", "nobody"},
				{"user", "reset"},
			} {
				if _, err := runCLI(t, append(bad, "--db", db)...); err == nil {
					t.Errorf("sojourn %v accepted", bad)
				}
			}
		})
	}
}

// setupHintOf returns what serve would say of the database's set-up.
func setupHintOf(t *testing.T, db string) string {
	t.Helper()
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	if err := setupHint(context.Background(), service.New(st, service.DefaultConfig()), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
