package sojourn

import "time"

// Job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
	// JobRetrying: an attempt failed (Error says why) and the job will run
	// again, from where it stopped.
	JobRetrying = "retrying"
)

// Job is the record of one piece of background work, as people see it: what
// was asked (Args is JSON for the handler of Kind), by whom, its state and
// its progress (Done of Total). River runs it.
type Job struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Args        string     `json:"-"`
	State       string     `json:"state"`
	Attempts    int        `json:"attempts"`
	Done        int        `json:"done"`
	Total       int        `json:"total"`
	Error       string     `json:"error,omitempty"`
	RequestedBy string     `json:"requested_by"`
	Authority   string     `json:"authority,omitempty"` // "" for every authority
	CreatedAt   time.Time  `json:"created_at"`
	StartedAt   *time.Time `json:"started_at,omitempty"`
	FinishedAt  *time.Time `json:"finished_at,omitempty"`
}
