package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math"
	"strconv"
	"strings"
	"time"
)

// Keyed returns the keyed digest of a change's payload: hex HMAC-SHA-256
// under the installation's secret key. Unlike a bare hash, it cannot be
// recomputed by someone who reads the log and guesses the content (a
// person id, a filing date), because they lack the key.
func Keyed(key, payload []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("sojourn-content-v1\x00"))
	m.Write(payload)
	return hex.EncodeToString(m.Sum(nil))
}

// RowDigest is the keyed digest of one business row as a change left it.
// Version counts the audited writes of the row (1, 2, 3 …), so the
// latest digest of a row is the one with the highest version, whichever
// chain holds it. Columns is how many of the table's columns, in table
// order, the digest covers: columns added by a later schema are not.
type RowDigest struct {
	Table   string
	ID      int64
	Version int64
	Columns int
	Digest  string
}

// rowDigestLen is the length of a row digest: 128 bits in hex.
const rowDigestLen = 32

// DigestRow returns the keyed digest of a row of a table: HMAC-SHA-256
// over its columns' names and values (each typed and length-prefixed,
// times as UTC microseconds), truncated to 128 bits. Values are what
// database/sql scans into an any: nil, int64, float64, bool, string,
// []byte or time.Time.
func DigestRow(key []byte, table string, cols []string, vals []any) string {
	return NewRowDigester(key).Digest(table, cols, vals)
}

// RowDigester computes DigestRow's digests under one key, keeping its
// keyed hash and buffer from row to row: a batch seals thousands of rows.
type RowDigester struct {
	m   hash.Hash
	e   encoder
	sum []byte
}

// NewRowDigester returns a digester of rows under key.
func NewRowDigester(key []byte) *RowDigester {
	return &RowDigester{m: hmac.New(sha256.New, key)}
}

// Digest returns DigestRow's digest of a row.
func (d *RowDigester) Digest(table string, cols []string, vals []any) string {
	d.e.buf = d.e.buf[:0]
	d.e.putString("sojourn-row-v1")
	d.e.putString(table)
	d.e.putInt(int64(len(cols)))
	for i, c := range cols {
		d.e.putString(c)
		putValue(&d.e, vals[i])
	}
	d.m.Reset()
	d.m.Write(d.e.buf)
	d.sum = d.m.Sum(d.sum[:0])
	return hex.EncodeToString(d.sum[:rowDigestLen/2])
}

// putValue encodes one column value with a type tag.
func putValue(e *encoder, v any) {
	switch v := v.(type) {
	case nil:
		e.putString("n")
	case int64:
		e.putString("i")
		e.putInt(v)
	case float64:
		e.putString("f")
		e.putInt(int64(math.Float64bits(v)))
	case bool:
		e.putString("b")
		e.putString(strconv.FormatBool(v))
	case string:
		e.putString("s")
		e.putString(v)
	case []byte:
		e.putString("s")
		e.putString(string(v))
	case time.Time:
		e.putString("t")
		e.putInt(v.UTC().UnixMicro())
	default:
		e.putString(fmt.Sprintf("%T", v))
		e.putString(fmt.Sprint(v))
	}
}

// FormatRows encodes row digests for an entry's Rows field: one
// "TABLE:ID:VERSION:COLUMNS:DIGEST" item per row, separated by spaces.
func FormatRows(rows []RowDigest) string {
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%d:%d:%d:%s", r.Table, r.ID, r.Version, r.Columns, r.Digest)
	}
	return b.String()
}

// ParseRows decodes an entry's Rows field.
func ParseRows(s string) ([]RowDigest, error) {
	if s == "" {
		return nil, nil
	}
	items := strings.Split(s, " ")
	out := make([]RowDigest, len(items))
	for i, item := range items {
		f := strings.Split(item, ":")
		if len(f) != 5 || f[0] == "" || len(f[4]) != rowDigestLen {
			return nil, fmt.Errorf("row digest %q is not TABLE:ID:VERSION:COLUMNS:DIGEST", item)
		}
		r := RowDigest{Table: f[0], Digest: f[4]}
		var err1, err2, err3 error
		r.ID, err1 = strconv.ParseInt(f[1], 10, 64)
		r.Version, err2 = strconv.ParseInt(f[2], 10, 64)
		r.Columns, err3 = strconv.Atoi(f[3])
		if err := errors.Join(err1, err2, err3); err != nil || r.Version < 1 || r.Columns < 1 {
			return nil, fmt.Errorf("row digest %q is not TABLE:ID:VERSION:COLUMNS:DIGEST", item)
		}
		out[i] = r
	}
	return out, nil
}
