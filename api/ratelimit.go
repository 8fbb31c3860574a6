package api

import (
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"sojourn/service"
)

// costly marks operations that are expensive to answer (reports over many
// persons, what-if runs, exports); each caller may start only a few a minute.
const costly = "expensive"

// expensive returns op marked as rate limited.
func expensive(op huma.Operation) huma.Operation {
	if op.Metadata == nil {
		op.Metadata = map[string]any{}
	}
	op.Metadata[costly] = true
	op.Errors = append(op.Errors, http.StatusTooManyRequests)
	return op
}

// limiter is a token bucket per caller: perMinute tokens a minute, at most
// burst saved up. It protects one instance; each instance counts alone.
type limiter struct {
	mu        sync.Mutex
	perMinute float64
	burst     float64
	buckets   map[string]*bucket
	now       func() time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(perMinute, burst int) *limiter {
	return &limiter{perMinute: float64(perMinute), burst: float64(burst), buckets: map[string]*bucket{}, now: time.Now}
}

// allow takes a token for key, or says how long until one is free.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) > 10000 {
			l.buckets = map[string]*bucket{} // forget idle callers rather than grow without bound
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Minutes()*l.perMinute)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.perMinute * float64(time.Minute))
}

// rateLimit refuses expensive operations past the caller's allowance, and
// public pages past the client address's allowance, with 429 and a
// Retry-After header. It runs after authentication.
func (h *handler) rateLimit(api huma.API, expensive, public *limiter) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		var l *limiter
		var key, msg string
		switch meta := ctx.Operation().Metadata; {
		case meta[costly] == true:
			l, key, msg = expensive, service.ActorFrom(ctx.Context()).Name, "too many expensive requests; try again later"
		case meta[publicPage] == true:
			l, key, msg = public, remoteAddr(ctx.Context()), "too many requests from this address; try again later"
		default:
			next(ctx)
			return
		}
		ok, wait := l.allow(key)
		if !ok {
			ctx.SetHeader("Retry-After", retryAfter(wait))
			huma.WriteErr(api, ctx, http.StatusTooManyRequests, msg)
			return
		}
		next(ctx)
	}
}
