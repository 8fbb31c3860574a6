// Package audit holds the tamper-evident audit log's pure logic: the
// canonical encoding and hash of an entry, the linking of entries into
// chains, and verification of an exported log.
package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"time"
)

// Chains is the number of independent hash chains. Entries are spread over
// them by object, so that concurrent writes about different objects do not
// queue on one chain head.
const Chains = 16

// Entry is one line of the audit log. Hash covers every other field, and
// PrevHash links the entry to the one before it in the same chain.
type Entry struct {
	Chain  int       `json:"chain"`
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Object string    `json:"object"`
	Digest string    `json:"digest"`
	// Rows holds the keyed digests of the business rows the change wrote
	// (FormatRows), empty when it wrote none.
	Rows     string `json:"rows,omitempty"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// Genesis is the PrevHash of the first entry of every chain.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// ChainOf returns the chain that entries about object belong to.
func ChainOf(object string) int {
	h := fnv.New32a()
	h.Write([]byte(object))
	return int(h.Sum32() % Chains)
}

// ComputeHash returns the hex SHA-256 of the canonical encoding of e: every
// field but Hash, each length-prefixed, times as UTC microseconds. Entries
// without row digests keep the first version of the encoding, so logs
// written before row digests still verify.
func (e Entry) ComputeHash() string {
	h := sha256.New()
	var buf [8]byte
	putInt := func(v int64) {
		binary.BigEndian.PutUint64(buf[:], uint64(v))
		h.Write(buf[:])
	}
	putString := func(s string) {
		putInt(int64(len(s)))
		h.Write([]byte(s))
	}
	if e.Rows == "" {
		putString("sojourn-audit-v1")
	} else {
		putString("sojourn-audit-v2")
	}
	putInt(int64(e.Chain))
	putInt(e.Seq)
	putInt(e.At.UTC().UnixMicro())
	putString(e.Actor)
	putString(e.Action)
	putString(e.Object)
	putString(e.Digest)
	if e.Rows != "" {
		putString(e.Rows)
	}
	putString(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// Next seals e as the entry after head in its chain (head is nil for the
// first entry): it sets Chain, Seq, PrevHash and Hash.
func Next(head *Entry, e Entry) Entry {
	e.Chain = ChainOf(e.Object)
	e.Seq, e.PrevHash = 1, Genesis
	if head != nil {
		e.Seq, e.PrevHash = head.Seq+1, head.Hash
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = e.ComputeHash()
	return e
}
