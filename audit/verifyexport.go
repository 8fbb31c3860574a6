package audit

import (
	"bufio"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// CheckpointError says that a checkpoint of an export cannot be trusted.
type CheckpointError struct {
	Seq    int64
	Reason string
}

func (e *CheckpointError) Error() string {
	return fmt.Sprintf("checkpoint %d: %s", e.Seq, e.Reason)
}

// line is any line of an export; which fields are set says which it is.
type line struct {
	Entry
	Header
	Checkpoint *Checkpoint `json:"checkpoint"`
	End        *End        `json:"end"`
}

// VerifyExport reads an export and verifies it offline: its entries as
// Verify does, every checkpoint's signature, and the entries against the
// checkpoints. Signatures are checked against the trusted keys; with none,
// against the keys the export itself names (which proves the log is intact
// since its checkpoints, not who signed them). It returns the first broken
// entry as a *Break, a bad checkpoint as a *CheckpointError, or an error
// about the file's format.
func VerifyExport(r io.Reader, trusted []ed25519.PublicKey) (Report, error) {
	x := &exportReader{v: NewVerifier(), keys: map[string]ed25519.PublicKey{}, fromExport: len(trusted) == 0}
	for _, k := range trusted {
		x.keys[KeyID(k)] = k
	}
	if err := x.read(r); err != nil {
		return Report{}, err
	}
	rep, err := x.v.Result()
	if err == nil && x.bad != nil {
		err = x.bad
	}
	return rep, err
}

// exportReader holds the state of reading one export.
type exportReader struct {
	v          *Verifier
	keys       map[string]ed25519.PublicKey
	fromExport bool
	bad        *CheckpointError // the first checkpoint that did not verify
	stage      int              // 0 header, 1 entries, 2 checkpoints, 3 end
	seen       End
	lastCP     int64
}

func (x *exportReader) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		l, err := decodeLine(sc.Bytes())
		if err != nil {
			return fmt.Errorf("line %d: not an export line: %w", n, err)
		}
		if err := x.line(l); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
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
// end.
func (x *exportReader) line(l line) error {
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
		x.checkpoint(*l.Checkpoint)
		return nil
	case x.stage == 2:
		return errors.New("an entry after the checkpoints")
	}
	x.stage = 1
	x.seen.Entries++
	x.v.Add(l.Entry, l.Entry.ComputeHash())
	return nil
}

func (x *exportReader) header(h Header) error {
	if h.Format != Format {
		return fmt.Errorf("not a Sojourn audit export (format %q, want %q)", h.Format, Format)
	}
	x.stage = 1
	return x.exportKey(h.PublicKey)
}

// exportKey adds a key named in the export when no trusted keys were given.
func (x *exportReader) exportKey(b64 string) error {
	if !x.fromExport || b64 == "" {
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return fmt.Errorf("public key %q is not a base64 Ed25519 key", b64)
	}
	x.keys[KeyID(raw)] = raw
	return nil
}

// checkpoint verifies a checkpoint's signature and, if it holds, the log
// against it. Checkpoints are numbered 1, 2, 3 … without gaps.
func (x *exportReader) checkpoint(c Checkpoint) {
	fail := func(format string, args ...any) {
		if x.bad == nil {
			x.bad = &CheckpointError{c.Seq, fmt.Sprintf(format, args...)}
		}
	}
	defer func() { x.lastCP = c.Seq }()
	if c.Seq != x.lastCP+1 {
		fail("expected checkpoint %d (removed or reordered)", x.lastCP+1)
		return
	}
	if err := x.exportKey(c.PublicKey); err != nil {
		fail("%v", err)
		return
	}
	pub, ok := x.keys[c.KeyID]
	if !ok {
		fail("signed by unknown key %s", c.KeyID)
		return
	}
	if err := c.Verify(pub); err != nil {
		fail("%v", err)
		return
	}
	x.v.Checkpoint(c)
}
