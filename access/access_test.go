package access

import (
	"slices"
	"strings"
	"testing"

	"sojourn"
)

// spec is the access policy written out by hand: for each action, the roles
// that may take it (c clerk, o officer, h head, a auditor, d admin) and
// whether it only reads. The test checks the rules against it for every
// role × jurisdiction × clearance × classification.
var spec = map[Action]struct {
	roles string
	read  bool
}{
	ManageAuthorities: {"d", false},
	ManageSponsors:    {"d", false},
	ManageUsers:       {"d", false},
	ReadRegistry:      {"cohad", true},
	RegisterPerson:    {"coh", false},
	ReadPerson:        {"cohad", true},
	RecordDocument:    {"coh", false},
	CorrectFact:       {"oh", false},
	FileCase:          {"coh", false},
	ReadCase:          {"cohad", true},
	ReviewCase:        {"oh", false},
	AddEvidence:       {"coh", false},
	DecideCase:        {"oh", false},
	AppealCase:        {"coh", false},
	CloseCase:         {"oh", false},
	ReadLapses:        {"cohad", true},
	ReadAudit:         {"a", true},
	UploadPolicy:      {"d", false},
	ReadPolicy:        {"cohad", true},
	EvaluateCase:      {"coh", false},
	RunWhatIf:         {"ohd", false},
	ScanDuplicates:    {"ohd", false},
	ManageDelegations: {"hd", false},
	ReferCase:         {"oh", false},
	RecordConcurrence: {"coh", false},
	ReadObligations:   {"cohad", false},
	FulfilObligation:  {"oh", false},
	FlagOverdue:       {"d", false},
	RegisterResident:  {"coh", false},
	RecordCitizenship: {"coh", false},
	RunCampaign:       {"hd", false},
	ReadCampaign:      {"cohad", true},
	IssueDecree:       {"hd", false},
	ReadDecree:        {"cohad", true},
	RecordElection:    {"coh", false},
	ApproveCase:       {"h", false},
	EnforceDeparture:  {"oh", false},
	RecordProtection:  {"oh", false},
	LiftProtection:    {"oh", false},
	RecordDeparture:   {"coh", false},
	ReadOverstays:     {"cohad", true},
	FlagOverstays:     {"d", false},
	RevokePermit:      {"oh", false},
	ManageSeries:      {"hd", false},
	RegisterItem:      {"cohd", false},
	ReadItem:          {"cohad", true},
	RouteItem:         {"coh", false},
	ResolveItem:       {"oh", false},
	LinkItem:          {"coh", false},
	CompleteTask:      {"coh", false},
	HoldItem:          {"hd", false},
	DestroyItem:       {"hd", false},
	ImportRows:        {"hd", false},
	MergePersons:      {"oh", false},
	SplitPersons:      {"oh", false},
}

var roleLetter = map[string]string{
	sojourn.RoleClerk: "c", sojourn.RoleOfficer: "o", sojourn.RoleHead: "h", sojourn.RoleAuditor: "a", sojourn.RoleAdmin: "d",
}

func TestEveryActionIsSpecified(t *testing.T) {
	for act := range roles {
		if _, ok := spec[act]; !ok {
			t.Errorf("action %s has no row in the access spec", act)
		}
	}
	for act := range spec {
		if _, ok := roles[act]; !ok {
			t.Errorf("spec row %s names no action", act)
		}
	}
}

func TestCheckMatrix(t *testing.T) {
	checked := 0
	for act, want := range spec {
		for _, role := range sojourn.Roles {
			for _, own := range []bool{true, false} {
				for _, clearance := range sojourn.Levels {
					for _, class := range sojourn.Levels {
						for _, readOnly := range []bool{false, true} {
							a := sojourn.Actor{Name: "u", Role: role, Authority: "VRD", Clearance: clearance, ReadOnly: readOnly}
							target := Target{Authority: "VRD", Classification: class}
							if !own {
								target.Authority = "RSO"
							}
							got := sojourn.ErrorCode(Check(a, act, target))
							if exp := expected(want.roles, want.read, a, own, class); got != exp {
								t.Fatalf("%s by %s (own=%v, clearance %s, class %s, read-only %v): got %q, want %q",
									act, role, own, clearance, class, readOnly, got, exp)
							}
							checked++
						}
					}
				}
			}
		}
	}
	t.Logf("%d combinations checked", checked)
}

// expected derives the answer from the spec: the role must be allowed, a
// read-only token may only read, and the target must be visible (own
// authority or an all-seeing role, clearance at least the classification).
func expected(allowed string, read bool, a sojourn.Actor, own bool, class sojourn.Level) sojourn.Code {
	switch {
	case !strings.Contains(allowed, roleLetter[a.Role]):
		return sojourn.CodeForbidden
	case a.ReadOnly && !read:
		return sojourn.CodeForbidden
	case a.Clearance.Rank() < class.Rank():
		return sojourn.CodeNotFound
	case !own && a.Role != sojourn.RoleAdmin && a.Role != sojourn.RoleAuditor:
		return sojourn.CodeNotFound
	}
	return ""
}

func TestUnauthenticated(t *testing.T) {
	if got := sojourn.ErrorCode(Check(sojourn.Actor{}, ReadCase, Target{})); got != sojourn.CodeUnauthenticated {
		t.Fatalf("no actor: %q", got)
	}
}

func TestScope(t *testing.T) {
	if Scope(sojourn.Actor{Role: sojourn.RoleAuditor, Authority: "X"}) != "" || Scope(sojourn.Actor{Role: sojourn.RoleClerk, Authority: "VRD"}) != "VRD" {
		t.Fatal("scope")
	}
}

// TestLevelsAgreeWithSees: a listing selects exactly the levels Sees lets
// the actor see, for every clearance.
func TestLevelsAgreeWithSees(t *testing.T) {
	for _, clearance := range append(sojourn.Levels, "") {
		a := sojourn.Actor{Role: sojourn.RoleClerk, Authority: "VRD", Clearance: clearance}
		var want []sojourn.Level
		for _, l := range sojourn.Levels {
			if Sees(a, Target{Authority: "VRD", Classification: l}) {
				want = append(want, l)
			}
		}
		if got := Levels(a); !slices.Equal(got, want) {
			t.Errorf("clearance %q: Levels = %v, Sees allows %v", clearance, got, want)
		}
	}
}
