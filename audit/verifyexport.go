package audit

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// line is any line of an export; which fields are set says which it is.
type line struct {
	Entry
	Header
	Checkpoint *Checkpoint `json:"checkpoint"`
	End        *End        `json:"end"`
}

// VerifyExport reads an export and verifies it offline: its entries as
// Verify does, every checkpoint's signature, the entries against the
// checkpoints and, when given, against the checkpoints a witness holds
// (the log must still extend each of them). Signatures are checked against
// the trusted keys; with none, against the keys the export itself names
// (which proves the log is intact since its checkpoints, not who signed
// them). It returns the first broken entry as a *Break, a bad checkpoint
// as a *CheckpointError, a checkpoint the witness holds and the log no
// longer does as a *WitnessError, or an error about the file's format.
func VerifyExport(r io.Reader, trusted []ed25519.PublicKey, witnessed ...Checkpoint) (Report, error) {
	v := NewVerifier()
	x := &exportReader{v: v, cps: NewCheckpoints(v, trusted)}
	if err := x.read(r); err != nil {
		return Report{}, err
	}
	x.cps.Witnessed(witnessed)
	return x.cps.Result()
}

// exportReader holds the state of reading one export.
type exportReader struct {
	v     *Verifier
	cps   *Checkpoints
	stage int // 0 header, 1 entries, 2 checkpoints, 3 end
	seen  End
}

func (x *exportReader) read(r io.Reader) error {
	err := decodeAll(r, func(n int, d decoded) error {
		if d.err != nil {
			return fmt.Errorf("line %d: not an export line: %w", n, d.err)
		}
		if err := x.line(d.l, d.hash); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if x.stage != 3 {
		return errors.New("the export has no end line (cut short)")
	}
	return nil
}

// decodeLine decodes a line, entries by the fast path where it applies.
func decodeLine(b []byte) (line, error) {
	if e, ok := parseEntry(b); ok {
		return line{Entry: e}, nil
	}
	var l line
	err := json.Unmarshal(b, &l)
	return l, err
}

// line takes one decoded line in its place: header, entries, checkpoints,
// end; hash is an entry's recomputed hash.
func (x *exportReader) line(l line, hash string) error {
	switch {
	case x.stage == 0:
		return x.header(l.Header)
	case x.stage == 3:
		return errors.New("data after the end line")
	case l.End != nil:
		x.stage = 3
		if *l.End != x.seen {
			return fmt.Errorf("the end line counts %d entries and %d checkpoints, the export holds %d and %d",
				l.End.Entries, l.End.Checkpoints, x.seen.Entries, x.seen.Checkpoints)
		}
		return nil
	case l.Checkpoint != nil:
		x.stage = 2
		x.seen.Checkpoints++
		x.cps.Add(*l.Checkpoint)
		return nil
	case x.stage == 2:
		return errors.New("an entry after the checkpoints")
	}
	x.stage = 1
	x.seen.Entries++
	x.v.Add(l.Entry, hash)
	return nil
}

func (x *exportReader) header(h Header) error {
	if h.Format != Format {
		return fmt.Errorf("not a Sojourn audit export (format %q, want %q)", h.Format, Format)
	}
	x.stage = 1
	return x.cps.logKey(h.PublicKey)
}
