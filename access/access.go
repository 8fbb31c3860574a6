// Package access decides who may do what: by role, by the authority the
// actor works for (jurisdiction) and by clearance. It is pure; the service
// layer enforces its answers on every call.
package access

import (
	"slices"

	"sojourn"
)

// Action is something an actor asks to do.
type Action string

// The actions of Sojourn.
const (
	ManageAuthorities Action = "authorities.manage"
	ManageSponsors    Action = "sponsors.manage"
	ManageUsers       Action = "users.manage"
	ReadRegistry      Action = "registry.read" // authorities, sponsors
	RegisterPerson    Action = "person.register"
	ReadPerson        Action = "person.read"
	RecordDocument    Action = "person.document"
	CorrectFact       Action = "person.correct"
	FileCase          Action = "case.file"
	ReadCase          Action = "case.read"
	ReviewCase        Action = "case.review"
	AddEvidence       Action = "case.evidence"
	DecideCase        Action = "case.decide"
	AppealCase        Action = "case.appeal"
	CloseCase         Action = "case.close"
	ReadLapses        Action = "lapses.read"
	ReadAudit         Action = "audit.read"
	UploadPolicy      Action = "policy.upload"
	ReadPolicy        Action = "policy.read"
	EvaluateCase      Action = "case.evaluate"
	RunWhatIf         Action = "policy.whatif"
	ScanDuplicates    Action = "persons.duplicates" // scan the register for persons likely registered twice, and read the scans
	ManageDelegations Action = "delegations.manage" // delegate, revoke, abolish
	ReferCase         Action = "case.refer"
	RecordConcurrence Action = "case.concurrence"
	ReadObligations   Action = "obligations.read"
	FulfilObligation  Action = "obligations.fulfil"
	FlagOverdue       Action = "obligations.flag"
	RegisterResident  Action = "person.registration" // with the office of their city
	RecordCitizenship Action = "person.citizenship"
	RunCampaign       Action = "campaign.run"
	ReadCampaign      Action = "campaign.read"
	IssueDecree       Action = "decree.issue"
	ReadDecree        Action = "decree.read"
	RecordElection    Action = "decree.election"
	ApproveCase       Action = "case.approve"        // the top authority's approval of one case
	EnforceDeparture  Action = "case.enforce"        // a departure carried out
	RecordProtection  Action = "person.protect"      // a protection against return
	LiftProtection    Action = "person.protect.lift" // the reasoned decision lifting one
	RecordDeparture   Action = "person.departure"    // a person left when their stay ended
	ReadOverstays     Action = "overstays.read"
	FlagOverstays     Action = "overstays.flag"
	RevokePermit      Action = "permit.revoke"           // a reasoned revocation of a permit
	ManageSeries      Action = "correspondence.series"   // open a register series
	RegisterItem      Action = "correspondence.register" // letters, memoranda, telegrams, notes, resolutions
	ReadItem          Action = "correspondence.read"
	RouteItem         Action = "correspondence.route"
	ResolveItem       Action = "correspondence.resolve" // an authorised person's resolution
	LinkItem          Action = "correspondence.link"    // to a case or a person
	CompleteTask      Action = "correspondence.task"    // a resolution's task done
	HoldItem          Action = "correspondence.hold"    // legal hold set or lifted
	DestroyItem       Action = "correspondence.destroy" // content destroyed under a retention rule
	ImportRows        Action = "bulk.import"            // persons, documents, cases, facts from a file (sojourn import, gen)
	MergePersons      Action = "person.merge"           // a duplicate merged into a survivor
	SplitPersons      Action = "person.split"           // a merge undone
	// SuspendCase and ResumeCase name in the audit log what recording and
	// lifting a protection do to departure cases; nobody asks for them.
	SuspendCase Action = "case.suspend"
	ResumeCase  Action = "case.resume"
)

var (
	staff    = []string{sojourn.RoleClerk, sojourn.RoleOfficer, sojourn.RoleHead}
	deciders = []string{sojourn.RoleOfficer, sojourn.RoleHead}
	readers  = []string{sojourn.RoleClerk, sojourn.RoleOfficer, sojourn.RoleHead, sojourn.RoleAuditor, sojourn.RoleAdmin}
	admins   = []string{sojourn.RoleAdmin}
)

// roles lists, per action, the roles that may take it.
var roles = map[Action][]string{
	ManageAuthorities: admins,
	ManageSponsors:    admins,
	ManageUsers:       admins,
	ReadRegistry:      readers,
	RegisterPerson:    staff,
	ReadPerson:        readers,
	RecordDocument:    staff,
	CorrectFact:       deciders,
	FileCase:          staff,
	ReadCase:          readers,
	ReviewCase:        deciders,
	AddEvidence:       staff,
	DecideCase:        deciders,
	AppealCase:        staff,
	CloseCase:         deciders,
	ReadLapses:        readers,
	ReadAudit:         {sojourn.RoleAuditor},
	UploadPolicy:      admins,
	ReadPolicy:        readers,
	EvaluateCase:      staff,
	RunWhatIf:         {sojourn.RoleOfficer, sojourn.RoleHead, sojourn.RoleAdmin},
	ScanDuplicates:    {sojourn.RoleOfficer, sojourn.RoleHead, sojourn.RoleAdmin},
	ManageDelegations: {sojourn.RoleHead, sojourn.RoleAdmin},
	ReferCase:         deciders,
	RecordConcurrence: staff,
	ReadObligations:   readers,
	FulfilObligation:  deciders,
	FlagOverdue:       admins,
	RegisterResident:  staff,
	RecordCitizenship: staff,
	RunCampaign:       {sojourn.RoleHead, sojourn.RoleAdmin},
	ReadCampaign:      readers,
	IssueDecree:       {sojourn.RoleHead, sojourn.RoleAdmin},
	ReadDecree:        readers,
	RecordElection:    staff,
	ApproveCase:       {sojourn.RoleHead},
	EnforceDeparture:  deciders,
	RecordProtection:  deciders,
	LiftProtection:    deciders,
	RecordDeparture:   staff,
	ReadOverstays:     readers,
	FlagOverstays:     admins,
	RevokePermit:      deciders,
	ManageSeries:      {sojourn.RoleHead, sojourn.RoleAdmin},
	RegisterItem:      {sojourn.RoleClerk, sojourn.RoleOfficer, sojourn.RoleHead, sojourn.RoleAdmin}, // admin: bulk registration from archives
	ReadItem:          readers,
	RouteItem:         staff,
	ResolveItem:       deciders,
	LinkItem:          staff,
	CompleteTask:      staff,
	HoldItem:          {sojourn.RoleHead, sojourn.RoleAdmin},
	DestroyItem:       {sojourn.RoleHead, sojourn.RoleAdmin},
	ImportRows:        {sojourn.RoleHead, sojourn.RoleAdmin},
	MergePersons:      deciders,
	SplitPersons:      deciders,
}

// Target is what an action is about: the authority that holds it ("" for
// things of no authority) and its classification ("" for unclassified).
type Target struct {
	Authority      string
	Classification sojourn.Level
}

// Check returns nil if the actor may take the action on the target.
// Something outside the actor's jurisdiction or above their clearance is
// reported as not found, so its existence does not leak; a role that may not
// take the action at all is forbidden.
func Check(a sojourn.Actor, act Action, t Target) error {
	if a.Role == "" {
		return sojourn.Errorf(sojourn.CodeUnauthenticated, "authentication required")
	}
	if !slices.Contains(roles[act], a.Role) {
		return sojourn.Errorf(sojourn.CodeForbidden, "the role %s may not %s", a.Role, act)
	}
	if err := checkScope(a, act); err != nil {
		return err
	}
	if !Sees(a, t) {
		return sojourn.NotFound()
	}
	return nil
}

// Sees reports whether the target is within the actor's jurisdiction and
// clearance. Administrators and auditors see every authority.
func Sees(a sojourn.Actor, t Target) bool {
	level := t.Classification
	if level == "" {
		level = sojourn.Unclassified
	}
	if !a.Clearance.Covers(level) {
		return false
	}
	if a.Role == sojourn.RoleAdmin || a.Role == sojourn.RoleAuditor || t.Authority == "" {
		return true
	}
	return a.Authority == t.Authority
}

// Scope returns the authority whose objects a listing by the actor is limited
// to, "" meaning all.
func Scope(a sojourn.Actor) string {
	if a.Role == sojourn.RoleAdmin || a.Role == sojourn.RoleAuditor {
		return ""
	}
	return a.Authority
}

// Levels returns the classifications the actor's clearance covers, lowest
// first: a listing selects only these in its query, before any limit.
func Levels(a sojourn.Actor) []sojourn.Level {
	var out []sojourn.Level
	for _, l := range sojourn.Levels {
		if a.Clearance.Covers(l) {
			out = append(out, l)
		}
	}
	return out
}
