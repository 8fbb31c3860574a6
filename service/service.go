// Package service is the only place that changes Sojourn's data. Every
// exported method takes a context carrying the Actor, authorizes the call,
// validates its input and commits one transaction holding the change, its
// status-ledger facts and its audit entry.
package service

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"time"

	"sojourn"
	"sojourn/access"
	"sojourn/audit"
	"sojourn/store"
	"sojourn/witness"
)

// Config configures a Service.
type Config struct {
	// Clock returns the current time; tests fix it.
	Clock func() time.Time
	// ListLimit caps the rows one listing call returns.
	ListLimit int
	// Argon2 are the password hashing parameters for new passwords.
	Argon2 Argon2
	// TokenTTL is the default lifetime of an API token.
	TokenTTL time.Duration
	// SessionIdle ends a web session after this long without a request;
	// SessionMax ends it this long after login, however active.
	SessionIdle, SessionMax time.Duration
	// LoginWindow is the period over which failed logins are counted;
	// AccountFailures and AddressFailures are how many are allowed in it
	// per account and per client address before logins are refused.
	LoginWindow                      time.Duration
	AccountFailures, AddressFailures int
	// AuditKey signs audit checkpoints; nil disables Checkpoint.
	AuditKey ed25519.PrivateKey
	// Witness, when set, keeps every checkpoint outside the database too.
	Witness witness.Witness
	// OnBatch, when set, is called in the transaction of each batch of a
	// cohort run (campaign, decree) before it commits, with the batch's
	// number in this attempt: a fault-injection point for tests, which
	// fail or stall a batch through it. Its error fails the batch.
	OnBatch func(ctx context.Context, job sojourn.Job, batch int) error
	// AttachmentDir, when set, keeps the content of correspondence
	// attachments in this directory, one file named by its SHA-256,
	// instead of in the database.
	AttachmentDir string
	// Slice is how long a cohort run works in one pick-up of its job: when
	// it is over, the run stops after the batch in hand with ErrPause and
	// goes on from its cursor when the queue picks the job up again, so
	// no attempt runs long enough to be taken for one whose process died
	// (jobs.Config.Rescue). 0 means no limit.
	Slice time.Duration
}

// DefaultConfig returns the wall clock, a listing cap of 500, OWASP argon2id
// parameters, 90-day tokens, 30-minute idle and 12-hour absolute session
// timeouts, and at most 5 failed logins per account and 20 per address in
// 15 minutes.
func DefaultConfig() Config {
	return Config{Clock: time.Now, ListLimit: 500, Slice: time.Minute, Argon2: DefaultArgon2(), TokenTTL: 90 * 24 * time.Hour,
		SessionIdle: 30 * time.Minute, SessionMax: 12 * time.Hour,
		LoginWindow: 15 * time.Minute, AccountFailures: 5, AddressFailures: 20}
}

// Service holds the operations of Sojourn.
type Service struct {
	store *store.Store
	cfg   Config
	queue Queue // background jobs; see UseQueue
}

// New returns a Service over an open, migrated store.
func New(st *store.Store, cfg Config) *Service {
	def := DefaultConfig()
	if cfg.Clock == nil {
		cfg.Clock = def.Clock
	}
	if cfg.ListLimit <= 0 {
		cfg.ListLimit = def.ListLimit
	}
	if cfg.Argon2.Time == 0 {
		cfg.Argon2 = def.Argon2
	}
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = def.TokenTTL
	}
	if cfg.SessionIdle <= 0 || cfg.SessionMax <= 0 {
		cfg.SessionIdle, cfg.SessionMax = def.SessionIdle, def.SessionMax
	}
	if cfg.LoginWindow <= 0 || cfg.AccountFailures <= 0 || cfg.AddressFailures <= 0 {
		cfg.LoginWindow, cfg.AccountFailures, cfg.AddressFailures = def.LoginWindow, def.AccountFailures, def.AddressFailures
	}
	return &Service{store: st, cfg: cfg}
}

func (s *Service) now() time.Time { return s.cfg.Clock().UTC() }

// dateOr returns d, or today when d is the zero date.
func (s *Service) dateOr(d sojourn.Date) sojourn.Date {
	if d.IsZero() {
		return sojourn.DateOf(s.now())
	}
	return d
}

type actorKey struct{}

// WithActor returns a context that carries the actor.
func WithActor(ctx context.Context, a sojourn.Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor a context carries (the zero Actor if none).
func ActorFrom(ctx context.Context) sojourn.Actor {
	a, _ := ctx.Value(actorKey{}).(sojourn.Actor)
	return a
}

// authorize checks the context's actor against access rules.
func authorize(ctx context.Context, act access.Action, t access.Target) (sojourn.Actor, error) {
	a := ActorFrom(ctx)
	return a, access.Check(a, act, t)
}

// record adds the audit entry of a change to the transaction: who did
// what to which object, and the keyed digest of the change's content (the
// store adds the digests of the rows it wrote, and appends the entry to its
// chain when the call's work is done: store.Tx.Audit).
func (s *Service) record(ctx context.Context, tx *store.Tx, a sojourn.Actor, action access.Action, object string, change any) error {
	payload, err := json.Marshal(change)
	if err != nil {
		return sojourn.Internal(err)
	}
	digest, err := tx.ContentDigest(ctx, payload)
	if err != nil {
		return err
	}
	return tx.Audit(ctx, audit.Entry{At: tx.Now(), Actor: a.Name, Action: string(action), Object: object,
		Digest: digest})
}

// limit bounds a requested listing size.
func (s *Service) limit(n int) int {
	if n <= 0 || n > s.cfg.ListLimit {
		return s.cfg.ListLimit
	}
	return n
}

// objectID names an object in the audit log, e.g. "case/12".
func objectID(kind string, id int64) string {
	return kind + "/" + itoa(id)
}

// validator is an input with field-level validation.
type validator interface{ Validate() error }

// precheck checks that the actor's role may take the action at all, then
// validates the input, before any data is read: a forbidden caller learns
// nothing from validation, and bad input never reaches the store.
func precheck(ctx context.Context, act access.Action, in validator) error {
	if _, err := authorize(ctx, act, access.Target{}); err != nil {
		return err
	}
	return in.Validate()
}

// readWith checks the actor may take act at all, then runs get in one read
// transaction: the shape of every registry read.
func readWith[T any](ctx context.Context, s *Service, act access.Action, get func(*store.Tx) (T, error)) (T, error) {
	var out T
	if _, err := authorize(ctx, act, access.Target{}); err != nil {
		return out, err
	}
	err := s.store.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = get(tx)
		return err
	})
	return out, err
}

// PageSize is how many items a page of a listing asked for limit holds at
// most (the configured list limit when limit is 0 or above it).
func (s *Service) PageSize(limit int) int { return s.limit(limit) }
