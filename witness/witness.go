// Package witness keeps signed audit checkpoints outside the database: an
// append-only file, or a URL the operator names (a service that stores
// what it is sent). What a witness holds, someone who controls the
// database cannot take back; `sojourn audit verify --witness` checks that
// the log still extends every checkpoint a witness file holds.
package witness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"sojourn/audit"
)

// Witness appends a checkpoint outside the database.
type Witness interface {
	Append(ctx context.Context, c audit.Checkpoint) error
}

// Open returns the witness target names: an http:// or https:// URL that
// each checkpoint is POSTed to, or else the path of a file each checkpoint
// is appended to as one line of JSON.
func Open(target string) (Witness, error) {
	switch {
	case target == "":
		return nil, errors.New("no witness named")
	case strings.HasPrefix(target, "http://"), strings.HasPrefix(target, "https://"):
		return &URL{URL: target, Client: &http.Client{Timeout: 30 * time.Second}}, nil
	}
	return &File{Path: target}, nil
}

// File is a witness file: one checkpoint per line, only ever appended to
// (make it append-only on the host too, e.g. chattr +a, or keep it on
// other storage). It refuses a checkpoint that does not come after the
// last one it holds, which is how a log cut back shows at once.
type File struct {
	Path string
	mu   sync.Mutex
}

// Append adds c to the end of the file and syncs it to disk.
func (f *File) Append(_ context.Context, c audit.Checkpoint) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	file, err := os.OpenFile(f.Path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	defer file.Close()
	held, err := audit.ReadWitness(file)
	if err != nil {
		return fmt.Errorf("witness %s: %w", f.Path, err)
	}
	if len(held) > 0 {
		if err := extends(held[len(held)-1], c); err != nil {
			return fmt.Errorf("witness %s refuses checkpoint %d: %w", f.Path, c.Seq, err)
		}
	}
	if _, err := file.Write(audit.WitnessLine(c)); err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	if err := file.Sync(); err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	return nil
}

// extends checks that c comes after last: a higher number, and no chain
// shorter than last saw it (whether the entries are the same only the log
// can tell, which verify checks).
func extends(last, c audit.Checkpoint) error {
	if c.Seq <= last.Seq {
		return fmt.Errorf("it holds checkpoint %d already (the log's checkpoints were cut back)", last.Seq)
	}
	for i, h := range c.Heads {
		if i < len(last.Heads) && h.Seq < last.Heads[i].Seq {
			return fmt.Errorf("chain %d ends at entry %d, checkpoint %d saw it up to entry %d (entries were removed)",
				h.Chain, h.Seq, last.Seq, last.Heads[i].Seq)
		}
	}
	return nil
}

// URL is a witness service: each checkpoint is POSTed to it as JSON, and
// any 2xx answer means it was kept.
type URL struct {
	URL    string
	Client *http.Client
}

// Append sends c to the witness service.
func (u *URL) Append(ctx context.Context, c audit.Checkpoint) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.URL, bytes.NewReader(audit.WitnessLine(c)))
	if err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := u.Client.Do(req)
	if err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("witness %s answered %s", u.URL, res.Status)
	}
	return nil
}
