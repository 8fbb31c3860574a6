package audit

import (
	"fmt"
	"sort"
)

// Break describes the first entry at which a chain stops verifying.
type Break struct {
	Chain  int    `json:"chain"`
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain %d broken at entry %d: %s", b.Chain, b.Seq, b.Reason)
}

// Report is the result of verifying a log.
type Report struct {
	Entries int           `json:"entries"`
	Heads   map[int]Entry `json:"heads"`
}

// Verify checks entries (in any order across chains, in log order within
// each chain): every hash recomputes, every entry links to its predecessor,
// and sequence numbers run 1, 2, 3 … without gaps. It returns the first
// break, by chain and sequence, as a *Break error.
func Verify(entries []Entry) (Report, error) {
	rep := Report{Entries: len(entries), Heads: map[int]Entry{}}
	var breaks []*Break
	broken := map[int]bool{}
	for _, e := range entries {
		if broken[e.Chain] {
			continue
		}
		head, seen := rep.Heads[e.Chain]
		if b := check(e, head, seen); b != nil {
			breaks = append(breaks, b)
			broken[e.Chain] = true
			continue
		}
		rep.Heads[e.Chain] = e
	}
	if len(breaks) == 0 {
		return rep, nil
	}
	sort.Slice(breaks, func(i, j int) bool { return breaks[i].Chain < breaks[j].Chain })
	return rep, breaks[0]
}

func check(e, head Entry, seen bool) *Break {
	if e.Chain < 0 || e.Chain >= Chains {
		return &Break{e.Chain, e.Seq, "chain number out of range"}
	}
	wantSeq, wantPrev := int64(1), Genesis
	if seen {
		wantSeq, wantPrev = head.Seq+1, head.Hash
	}
	switch {
	case e.Seq != wantSeq:
		return &Break{e.Chain, wantSeq, fmt.Sprintf("expected entry %d, found %d (removed or reordered)", wantSeq, e.Seq)}
	case e.PrevHash != wantPrev:
		return &Break{e.Chain, e.Seq, "does not link to the previous entry (removed, reordered or changed)"}
	case e.ComputeHash() != e.Hash:
		return &Break{e.Chain, e.Seq, "content does not match its hash (changed)"}
	case ChainOf(e.Object) != e.Chain:
		return &Break{e.Chain, e.Seq, "entry is in the wrong chain"}
	}
	return nil
}
