package audit

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
)

// CheckpointError says that a checkpoint of a log cannot be trusted.
type CheckpointError struct {
	Seq    int64
	Reason string
}

func (e *CheckpointError) Error() string {
	return fmt.Sprintf("checkpoint %d: %s", e.Seq, e.Reason)
}

// WitnessError says that the log no longer holds what a witness saw: a
// checkpoint the witness holds is missing from the log or differs there.
type WitnessError struct {
	Seq    int64
	Reason string
}

func (e *WitnessError) Error() string {
	return fmt.Sprintf("witnessed checkpoint %d: %s", e.Seq, e.Reason)
}

// Checkpoints checks a log's checkpoints, in order, against the keys the
// verifier trusts, and then the log against them and against what a
// witness holds. With no trusted keys, signatures are checked against the
// keys the log itself names, which proves the log intact since its
// checkpoints but not who signed them.
type Checkpoints struct {
	v          *Verifier
	keys       map[string]ed25519.PublicKey
	fromLog    bool
	bad        *CheckpointError // the first checkpoint that did not verify
	last       int64
	roots      map[int64]string // root of every checkpoint of the log, by number
	witnessBad *WitnessError
	witnessed  int
}

// NewCheckpoints returns a checker that checks v's log against checkpoints
// signed with the trusted keys.
func NewCheckpoints(v *Verifier, trusted []ed25519.PublicKey) *Checkpoints {
	c := &Checkpoints{v: v, keys: map[string]ed25519.PublicKey{}, fromLog: len(trusted) == 0, roots: map[int64]string{}}
	for _, k := range trusted {
		c.keys[KeyID(k)] = k
	}
	return c
}

// logKey adds a key the log names when no trusted keys were given.
func (x *Checkpoints) logKey(b64 string) error {
	if !x.fromLog || b64 == "" {
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return fmt.Errorf("public key %q is not a base64 Ed25519 key", b64)
	}
	x.keys[KeyID(raw)] = raw
	return nil
}

// signedBy checks c's signature against the key it names.
func (x *Checkpoints) signedBy(c Checkpoint) error {
	if err := x.logKey(c.PublicKey); err != nil {
		return err
	}
	pub, ok := x.keys[c.KeyID]
	if !ok {
		return fmt.Errorf("signed by unknown key %s", c.KeyID)
	}
	return c.Verify(pub)
}

// Add verifies the log's next checkpoint and, if it holds, the log seen so
// far against it. Checkpoints are numbered 1, 2, 3 … without gaps.
func (x *Checkpoints) Add(c Checkpoint) {
	x.v.checked++
	fail := func(format string, args ...any) {
		if x.bad == nil {
			x.bad = &CheckpointError{c.Seq, fmt.Sprintf(format, args...)}
		}
	}
	defer func() { x.last = c.Seq }()
	if c.Seq != x.last+1 {
		fail("expected checkpoint %d (removed or reordered)", x.last+1)
		return
	}
	if err := x.signedBy(c); err != nil {
		fail("%v", err)
		return
	}
	x.roots[c.Seq] = c.Root
	x.v.againstHeads(c, "signed checkpoint")
}

// Witnessed checks the log against checkpoints a witness holds, after
// every entry and checkpoint of the log has been added: each must be
// signed by a trusted key, be in the log unchanged, and the log must
// extend it (every chain at least as long, with the same hash at the
// witnessed head), as Certificate Transparency witnesses check a log.
func (x *Checkpoints) Witnessed(cps []Checkpoint) {
	fail := func(c Checkpoint, format string, args ...any) {
		if x.witnessBad == nil {
			x.witnessBad = &WitnessError{c.Seq, fmt.Sprintf(format, args...)}
		}
	}
	x.witnessed += len(cps)
	for _, c := range cps {
		if err := x.signedBy(c); err != nil {
			fail(c, "%v", err)
			continue
		}
		x.v.againstHeads(c, "witnessed checkpoint")
		switch root, ok := x.roots[c.Seq]; {
		case !ok:
			fail(c, "missing from the log (checkpoints removed, or it was taken after the export)")
		case root != c.Root:
			fail(c, "the log's checkpoint %d differs from it (checkpoints rewritten)", c.Seq)
		}
	}
}

// Result returns the verifier's report and the first failure: a broken
// entry (*Break), else a bad checkpoint (*CheckpointError), else a
// difference from the witness (*WitnessError).
func (x *Checkpoints) Result() (Report, error) {
	rep, err := x.v.Result()
	rep.Witnessed = x.witnessed
	switch {
	case err != nil:
	case x.bad != nil:
		err = x.bad
	case x.witnessBad != nil:
		err = x.witnessBad
	}
	return rep, err
}
