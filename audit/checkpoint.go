package audit

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Head is the last entry of one chain as a checkpoint records it; Seq 0
// with the Genesis hash is an empty chain.
type Head struct {
	Chain int    `json:"chain"`
	Seq   int64  `json:"seq"`
	Hash  string `json:"hash"`
}

// Checkpoint commits to the heads of all chains at once: a Merkle root over
// them, signed with Ed25519. An entry removed from the end of a chain leaves
// the chain itself intact; only a checkpoint that saw the entry reveals it.
type Checkpoint struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	Heads     []Head    `json:"heads"`
	Root      string    `json:"root"`
	KeyID     string    `json:"key_id"`
	PublicKey string    `json:"public_key"` // base64; informational, trust comes from the verifier's own keys
	Signature string    `json:"signature"`  // base64 Ed25519 over the canonical encoding
}

// Sign seals the heads (one per chain, in chain order) as checkpoint number
// seq taken at the given time.
func Sign(seq int64, heads []Head, at time.Time, priv ed25519.PrivateKey) (Checkpoint, error) {
	if err := checkHeads(heads); err != nil {
		return Checkpoint{}, err
	}
	pub := priv.Public().(ed25519.PublicKey)
	c := Checkpoint{Seq: seq, At: at.UTC().Truncate(time.Microsecond), Heads: heads, Root: MerkleRoot(heads),
		KeyID: KeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub)}
	c.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(priv, c.signed()))
	return c, nil
}

// Verify checks that c is well formed, that its root is the Merkle root of
// its heads and that it was signed by pub.
func (c Checkpoint) Verify(pub ed25519.PublicKey) error {
	if err := checkHeads(c.Heads); err != nil {
		return err
	}
	if MerkleRoot(c.Heads) != c.Root {
		return errors.New("root does not match its heads (changed)")
	}
	if c.KeyID != KeyID(pub) {
		return fmt.Errorf("signed by key %s, not %s", c.KeyID, KeyID(pub))
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || !ed25519.Verify(pub, c.signed(), sig) {
		return errors.New("bad signature")
	}
	return nil
}

// checkHeads requires exactly one head per chain, in chain order.
func checkHeads(heads []Head) error {
	if len(heads) != Chains {
		return fmt.Errorf("has %d chain heads, want %d", len(heads), Chains)
	}
	for i, h := range heads {
		if h.Chain != i || h.Seq < 0 {
			return fmt.Errorf("head %d is of chain %d at entry %d", i, h.Chain, h.Seq)
		}
	}
	return nil
}

// signed is the canonical encoding a checkpoint's signature covers: every
// field but the signature and the (informational) public key, each
// length-prefixed, times as UTC microseconds.
func (c Checkpoint) signed() []byte {
	var e encoder
	e.putString("sojourn-checkpoint-v1")
	e.putInt(c.Seq)
	e.putInt(c.At.UTC().UnixMicro())
	e.putInt(int64(len(c.Heads)))
	for _, h := range c.Heads {
		e.putHead(h)
	}
	e.putString(c.Root)
	e.putString(c.KeyID)
	return e.buf
}

// MerkleRoot returns the hex Merkle tree hash (RFC 6962 shape, SHA-256) over
// the heads: leaves hashed with prefix 0x00, inner nodes with 0x01, so that
// a leaf can never pass for a node.
func MerkleRoot(heads []Head) string {
	leaves := make([][]byte, len(heads))
	for i, h := range heads {
		var e encoder
		e.buf = append(e.buf, 0x00)
		e.putHead(h)
		sum := sha256.Sum256(e.buf)
		leaves[i] = sum[:]
	}
	return hex.EncodeToString(merkle(leaves))
}

// merkle hashes a list of leaf hashes: the left subtree takes the largest
// power of two below the count.
func merkle(nodes [][]byte) []byte {
	switch len(nodes) {
	case 0:
		sum := sha256.Sum256(nil)
		return sum[:]
	case 1:
		return nodes[0]
	}
	k := 1
	for k*2 < len(nodes) {
		k *= 2
	}
	h := sha256.New()
	h.Write([]byte{0x01})
	h.Write(merkle(nodes[:k]))
	h.Write(merkle(nodes[k:]))
	return h.Sum(nil)
}

// encoder builds length-prefixed canonical encodings.
type encoder struct{ buf []byte }

func (e *encoder) putInt(v int64) { e.buf = binary.BigEndian.AppendUint64(e.buf, uint64(v)) }

func (e *encoder) putString(s string) {
	e.putInt(int64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) putHead(h Head) {
	e.putInt(int64(h.Chain))
	e.putInt(h.Seq)
	e.putString(h.Hash)
}
