package clock

import (
	"context"
	"sync"
	"time"
)

// Manual is a clock that only a test moves: Sleep blocks until Advance
// reaches its end. Unlike Fake it suits concurrent sleepers: the test
// waits until they all sleep (Sleepers), then moves time for all at once.
type Manual struct {
	mu       sync.Mutex
	now      time.Time
	sleepers []*sleeper
}

type sleeper struct {
	until time.Time
	wake  chan struct{}
}

// NewManual starts a manual clock at t.
func NewManual(t time.Time) *Manual { return &Manual{now: t} }

func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

func (m *Manual) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	if d <= 0 {
		m.mu.Unlock()
		return nil
	}
	s := &sleeper{until: m.now.Add(d), wake: make(chan struct{})}
	m.sleepers = append(m.sleepers, s)
	m.mu.Unlock()
	select {
	case <-s.wake:
		return nil
	case <-ctx.Done():
		m.mu.Lock()
		m.remove(s)
		m.mu.Unlock()
		return ctx.Err()
	}
}

// Sleepers is how many Sleep calls are blocked.
func (m *Manual) Sleepers() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sleepers)
}

// NextWake is the earliest end of a blocked Sleep (false when none).
func (m *Manual) NextWake() (time.Time, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var next time.Time
	for _, s := range m.sleepers {
		if next.IsZero() || s.until.Before(next) {
			next = s.until
		}
	}
	return next, !next.IsZero()
}

// AdvanceTo moves the clock to t (never back) and wakes the sleeps that end by then.
func (m *Manual) AdvanceTo(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t.After(m.now) {
		m.now = t
	}
	for _, s := range append([]*sleeper(nil), m.sleepers...) {
		if !s.until.After(m.now) {
			m.remove(s)
			close(s.wake)
		}
	}
}

func (m *Manual) remove(s *sleeper) {
	for i, x := range m.sleepers {
		if x == s {
			m.sleepers = append(m.sleepers[:i], m.sleepers[i+1:]...)
			return
		}
	}
}
