package access

import "sojourn"

// reads are the actions that change nothing; a read-only token may take
// only these. An action missing here is treated as a change (safe default).
var reads = map[Action]bool{
	ReadRegistry:  true,
	ReadPerson:    true,
	ReadCase:      true,
	ReadLapses:    true,
	ReadAudit:     true,
	ReadPolicy:    true,
	ReadCampaign:  true,
	ReadDecree:    true,
	ReadOverstays: true,
	ReadItem:      true,
}

// Reads reports whether an action changes nothing.
func Reads(act Action) bool { return reads[act] }

// checkScope refuses a change made with a read-only token.
func checkScope(a sojourn.Actor, act Action) error {
	if a.ReadOnly && !reads[act] {
		return sojourn.Errorf(sojourn.CodeForbidden, "this token may only read; %s needs a token with scope write", act)
	}
	return nil
}
