package audit

import (
	"bufio"
	"encoding/json"
	"io"
	"time"
)

// Format names the export format, written in every export's header line.
const Format = "sojourn-audit-export/1"

// Header is the first line of an export.
type Header struct {
	Format     string    `json:"format"`
	ExportedAt time.Time `json:"exported_at"`
	// PublicKey (base64) is the key of the newest checkpoint. Verifiers
	// should rather hold the key themselves (sojourn audit verify --key).
	PublicKey string `json:"public_key,omitempty"`
}

// End is the last line of an export: what came before it, so that a file
// cut short is noticed.
type End struct {
	Entries     int64 `json:"entries"`
	Checkpoints int64 `json:"checkpoints"`
}

// checkpointLine and endLine wrap the lines that are not entries.
type checkpointLine struct {
	Checkpoint Checkpoint `json:"checkpoint"`
}

type endLine struct {
	End End `json:"end"`
}

// Writer writes an export as JSON Lines: the header, one line per entry (in
// chain and sequence order), one line per checkpoint, and the end line.
type Writer struct {
	w   *bufio.Writer
	enc *json.Encoder
	end End
}

// NewWriter writes the header to w and returns a writer for the rest.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	x := &Writer{w: bw, enc: json.NewEncoder(bw)}
	x.enc.SetEscapeHTML(false)
	h.Format = Format
	return x, x.enc.Encode(h)
}

// Entry writes one entry.
func (x *Writer) Entry(e Entry) error {
	x.end.Entries++
	return x.enc.Encode(e)
}

// Checkpoint writes one checkpoint; checkpoints follow every entry.
func (x *Writer) Checkpoint(c Checkpoint) error {
	x.end.Checkpoints++
	return x.enc.Encode(checkpointLine{c})
}

// Close writes the end line and flushes; it does not close the underlying
// writer.
func (x *Writer) Close() error {
	if err := x.enc.Encode(endLine{x.end}); err != nil {
		return err
	}
	return x.w.Flush()
}
