package sojourn

// Level is a classification (of an item or case) or a clearance (of a user):
// unclassified < restricted < secret < top_secret.
type Level string

// The levels, lowest first.
const (
	Unclassified Level = "unclassified"
	Restricted   Level = "restricted"
	Secret       Level = "secret"
	TopSecret    Level = "top_secret"
)

// Levels lists every level, lowest first.
var Levels = []Level{Unclassified, Restricted, Secret, TopSecret}

// Rank returns the order of l (0 for unclassified), or -1 if l is unknown.
func (l Level) Rank() int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l.Rank() >= 0 }

// Covers reports whether a clearance l allows seeing something classified c.
func (l Level) Covers(c Level) bool { return l.Rank() >= c.Rank() && c.Valid() }
