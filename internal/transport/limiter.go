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
// Each action has a bucket of n tokens; a request takes one and the token
// comes back one period (plus limiterSlack) after it was taken
// (n/period = rate). Unlike a
// steadily refilling bucket this never lets more than n requests into any
// window of one period, whatever the server's window alignment is.
type limiter struct {
	clock  clock.Clock
	tokens int
	period time.Duration // including the slack

	mu      sync.Mutex
	buckets map[string]*ring
}

// ring holds the times of the last n grants, oldest at next.
type ring struct {
	times []time.Time
	next  int
}

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
		buckets: map[string]*ring{},
	}
}

// Wait blocks until key may send one request, or ctx ends.
func (l *limiter) Wait(ctx context.Context, key string) error {
	_, err := l.wait(ctx, key)
	return err
}

// wait is Wait that also returns the clock reading the token was granted
// at (tests check windows on it; a later clock reading may already
// include other callers' sleeps).
func (l *limiter) wait(ctx context.Context, key string) (time.Time, error) {
	if l == nil {
		return time.Time{}, ctx.Err()
	}
	for {
		if err := ctx.Err(); err != nil {
			return time.Time{}, err
		}
		wait, at := l.reserve(key)
		if wait <= 0 {
			return at, nil
		}
		if err := l.clock.Sleep(ctx, wait); err != nil {
			return time.Time{}, err
		}
	}
}

// reserve takes a token and returns 0 and the time of the grant, or
// returns how long until the oldest token comes back.
func (l *limiter) reserve(key string) (time.Duration, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		b = &ring{times: make([]time.Time, 0, l.tokens)}
		l.buckets[key] = b
	}
	now := l.clock.Now()
	if len(b.times) < l.tokens {
		b.times = append(b.times, now)
		return 0, now
	}
	back := b.times[b.next].Add(l.period)
	if now.Before(back) {
		return back.Sub(now), time.Time{}
	}
	b.times[b.next] = now
	b.next = (b.next + 1) % l.tokens
	return 0, now
}
