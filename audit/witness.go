package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// A witness keeps, outside the database, every checkpoint the log signs:
// one JSON checkpoint per line, appended and never rewritten. What the
// witness holds, the database cannot take back: a log that no longer
// extends a witnessed checkpoint has lost or rewritten entries.

// WitnessLine encodes a checkpoint as a witness stores it: one line of
// JSON.
func WitnessLine(c Checkpoint) []byte {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // a checkpoint is plain data
	}
	return append(b, '\n')
}

// ReadWitness reads the checkpoints a witness holds, oldest first. Empty
// lines are skipped; anything else that is not a checkpoint is an error
// naming its line.
func ReadWitness(r io.Reader) ([]Checkpoint, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<12), 1<<20)
	var out []Checkpoint
	for n := 1; sc.Scan(); n++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var c Checkpoint
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil || c.Seq < 1 {
			return nil, fmt.Errorf("witness line %d: not a checkpoint", n)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}
