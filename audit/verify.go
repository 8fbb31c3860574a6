package audit

import (
	"encoding/hex"
	"fmt"
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
	Entries     int           `json:"entries"`
	Heads       map[int]Entry `json:"heads"`
	Checkpoints int           `json:"checkpoints"`
	// Witnessed counts the witness's checkpoints checked; Rows the
	// business rows checked against their digests (database checks only).
	Witnessed int `json:"witnessed"`
	Rows      int `json:"rows"`
}

// Verify checks entries (in any order across chains, in log order within
// each chain): every hash recomputes, every entry links to its predecessor,
// and sequence numbers run 1, 2, 3 … without gaps. It returns the first
// break, by chain and sequence, as a *Break error.
func Verify(entries []Entry) (Report, error) {
	v := NewVerifier()
	for _, e := range entries {
		v.Add(e, e.ComputeHash())
	}
	return v.Result()
}

// Verifier checks a log one entry at a time, so that a log of any length
// streams through it, and then checks the log against its checkpoints. It
// keeps the hash of every verified entry (32 bytes each) to compare with the
// checkpoints' heads.
type Verifier struct {
	heads   [Chains]Entry
	seen    [Chains]bool
	broken  [Chains]*Break
	hashes  [Chains][][32]byte
	entries int
	checked int
	breaks  []*Break
}

// NewVerifier returns a verifier that has seen nothing.
func NewVerifier() *Verifier {
	return &Verifier{}
}

// Add checks the next entry of its chain; computed is e.ComputeHash(),
// which callers may work out in parallel.
func (v *Verifier) Add(e Entry, computed string) {
	v.entries++
	if e.Chain < 0 || e.Chain >= Chains {
		v.breaks = append(v.breaks, &Break{e.Chain, e.Seq, "chain number out of range"})
		return
	}
	if v.broken[e.Chain] != nil {
		return
	}
	if b := check(e, computed, v.heads[e.Chain], v.seen[e.Chain]); b != nil {
		v.broken[e.Chain] = b
		v.breaks = append(v.breaks, b)
		return
	}
	v.heads[e.Chain], v.seen[e.Chain] = e, true
	var sum [32]byte
	hex.Decode(sum[:], []byte(e.Hash)) // the hash recomputed, so it is valid hex
	v.hashes[e.Chain] = append(v.hashes[e.Chain], sum)
}

func check(e Entry, computed string, head Entry, seen bool) *Break {
	wantSeq, wantPrev := int64(1), Genesis
	if seen {
		wantSeq, wantPrev = head.Seq+1, head.Hash
	}
	switch {
	case e.Seq != wantSeq:
		return &Break{e.Chain, wantSeq, fmt.Sprintf("expected entry %d, found %d (removed or reordered)", wantSeq, e.Seq)}
	case e.PrevHash != wantPrev:
		return &Break{e.Chain, e.Seq, "does not link to the previous entry (removed, reordered or changed)"}
	case computed != e.Hash:
		return &Break{e.Chain, e.Seq, "content does not match its hash (changed)"}
	case ChainOf(e.Object) != e.Chain:
		return &Break{e.Chain, e.Seq, "entry is in the wrong chain"}
	}
	return nil
}

// againstHeads checks the log seen so far against a checkpoint whose
// signature the caller has verified (what names it in messages): each head
// must be in the log with the same hash. A head beyond the end of its
// chain means entries were removed from the end (truncation), which the
// chain alone cannot show.
func (v *Verifier) againstHeads(c Checkpoint, what string) {
	for _, h := range c.Heads {
		if b := v.againstHead(what, c.Seq, h); b != nil {
			v.breaks = append(v.breaks, b)
		}
	}
}

func (v *Verifier) againstHead(what string, cp int64, h Head) *Break {
	if h.Seq == 0 || h.Chain < 0 || h.Chain >= Chains {
		return nil
	}
	if b := v.broken[h.Chain]; b != nil && b.Seq <= h.Seq {
		return nil // already reported at or before this entry
	}
	have := int64(len(v.hashes[h.Chain]))
	if h.Seq > have {
		return &Break{h.Chain, have + 1, fmt.Sprintf(
			"missing: the chain ends at entry %d but %s %d covers it up to entry %d (removed or truncated)",
			have, what, cp, h.Seq)}
	}
	if hex.EncodeToString(v.hashes[h.Chain][h.Seq-1][:]) != h.Hash {
		return &Break{h.Chain, h.Seq, fmt.Sprintf("differs from %s %d (changed and re-hashed)", what, cp)}
	}
	return nil
}

// Result returns the report and the first break, by chain and sequence, as
// a *Break error.
func (v *Verifier) Result() (Report, error) {
	rep := Report{Entries: v.entries, Heads: map[int]Entry{}, Checkpoints: v.checked}
	for c, seen := range v.seen {
		if seen {
			rep.Heads[c] = v.heads[c]
		}
	}
	if len(v.breaks) == 0 {
		return rep, nil
	}
	first := v.breaks[0]
	for _, b := range v.breaks[1:] {
		if b.Chain < first.Chain || b.Chain == first.Chain && b.Seq < first.Seq {
			first = b
		}
	}
	return rep, first
}
