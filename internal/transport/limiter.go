package transport

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// DefaultRateLimit is the server's documented limit: 20 requests per second
// per action (internal/api/README.md, Transport).
const DefaultRateLimit = 20

// limiterSlack delays each token's return a little past its period (at most
// 5% of it): the server counts arrivals, not departures, and network jitter
// could otherwise make a conforming burst look one request too fast.
const limiterSlack = 50 * time.Millisecond

// limiter keeps each action under its request rate so that Terraform's
// parallel operations do not trip the server's RequestLimitExceeded.
//
// Each action has n slots (n/period = rate). A request holds one from its
// grant until its answer, and the slot comes back one period (plus
// limiterSlack) after that answer. The server counts a request when it
// arrives, some time between the grant and the answer: counting the period
// from the answer means two requests through one slot always arrive a
// period apart, however long a busy machine delays a request between the
// grant and the wire. So no window of one period holds more than n arrivals,
// whatever the server's window alignment is.
type limiter struct {
	clock  clock.Clock
	tokens int
	period time.Duration // including the slack

	mu      sync.Mutex
	buckets map[string][]time.Time // per action: when each slot is free again
}

// inFlight marks a slot held by a request not answered yet.
var inFlight = time.Unix(1<<62, 0)

// newLimiter returns nil (no limit) for rate < 0; rate 0 means the default.
func newLimiter(rate float64, c clock.Clock) *limiter {
	if rate < 0 {
		return nil
	}
	if rate == 0 {
		rate = DefaultRateLimit
	}
	// A whole rate gets that many tokens per second; a fractional one gets
	// one token per 1/rate, so no window holds more than ceil(rate*window).
	tokens, period := 1, time.Duration(float64(time.Second)/rate)
	if rate >= 1 && rate == math.Trunc(rate) {
		tokens, period = int(rate), time.Second
	}
	return &limiter{
		clock:   c,
		tokens:  tokens,
		period:  period + min(limiterSlack, period/20),
		buckets: map[string][]time.Time{},
	}
}

// Wait blocks until key may send one request, or ctx ends, and counts the
// request as answered at once (for callers that do not report answers).
func (l *limiter) Wait(ctx context.Context, key string) error {
	release, _, err := l.acquire(ctx, key)
	if err == nil {
		release()
	}
	return err
}

// wait is Wait that also returns the clock reading the token was granted
// at (tests check windows on it; a later clock reading may already
// include other callers' sleeps).
func (l *limiter) wait(ctx context.Context, key string) (time.Time, error) {
	release, at, err := l.acquire(ctx, key)
	if err == nil {
		release()
	}
	return at, err
}

// acquire blocks until key may send one request, or ctx ends; release
// (idempotent) is to be called when its answer arrived.
func (l *limiter) acquire(ctx context.Context, key string) (release func(), at time.Time, err error) {
	if l == nil {
		return func() {}, time.Time{}, ctx.Err()
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, time.Time{}, err
		}
		wait, slot, at := l.reserve(key)
		if wait <= 0 {
			var once sync.Once
			return func() { once.Do(func() { l.free(key, slot) }) }, at, nil
		}
		if err := l.clock.Sleep(ctx, wait); err != nil {
			return nil, time.Time{}, err
		}
	}
}

// reserve takes a free slot and returns 0, the slot and the time of the
// grant, or returns how long until a slot may be free.
func (l *limiter) reserve(key string) (time.Duration, int, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	slots := l.buckets[key]
	if slots == nil {
		slots = make([]time.Time, l.tokens) // zero: free
		l.buckets[key] = slots
	}
	now := l.clock.Now()
	next := inFlight
	for i, free := range slots {
		if !free.After(now) {
			slots[i] = inFlight
			return 0, i, now
		}
		if free.Before(next) {
			next = free
		}
	}
	if next == inFlight { // every slot awaits an answer: look again soon
		return l.period / time.Duration(l.tokens), 0, time.Time{}
	}
	return next.Sub(now), 0, time.Time{}
}

// free gives the slot back one period after now (the answer's arrival).
func (l *limiter) free(key string, slot int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buckets[key][slot] = l.clock.Now().Add(l.period)
}
