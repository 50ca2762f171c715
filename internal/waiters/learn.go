package waiters

import (
	"context"
	"slices"
	"time"
)

// kind is a kind of change whose waits learn from each other how long it
// takes to complete: hundreds of them started together (a mass apply or
// destroy) must not all read before any can be done.
type kind int

const (
	kindStatus   kind = iota // an enable or disable taking effect
	kindDeletion             // a deleted application becoming unreadable
	kindCreation             // a new application becoming readable
	numKinds
)

// propagates: enabling, disabling and deleting take alike long, so until a
// kind has seen one of its own complete, its scouts do not read before the
// shortest completion another such kind has seen.
func (k kind) propagates() bool { return k == kindStatus || k == kindDeletion }

// listed: the waits of the kind may read the shared listing (Shared.listed),
// which is as old as its round: they are due at the start of a round, so
// that the listing they share is no older than they are due.
func (k kind) listed() bool { return k == kindStatus }

// scouts is how many waits of a kind read before any of the kind has
// completed: the oldest pending ones, which are the likeliest to complete
// first, so a round costs a few reads however many wait.
const scouts = 3

// turn is one wait's place among the pending waits of its kind.
type turn struct {
	kind    kind
	written time.Time // when the awaited change was requested
	joined  time.Time // when the wait began
	pending bool      // a check saw the change not complete yet
}

// learning is what the waits of one kind share.
type learning struct {
	pending   []*turn       // oldest write first
	took      time.Duration // shortest write-to-completion seen
	seen      bool          // took is set: one has completed
	nextScout time.Time     // before one has: the next scout's read
}

// join counts a wait of kind k for the change written at `written`; call
// leave when it ends. A nil *Shared gives a turn that is always due.
func (s *Shared) join(k kind, written time.Time) *turn {
	if s == nil {
		return &turn{kind: k, written: written}
	}
	t := &turn{kind: k, written: written, joined: s.clock.Now()}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &s.kinds[k]
	i, _ := slices.BinarySearchFunc(l.pending, written, func(p *turn, w time.Time) int {
		if p.written.After(w) {
			return 1
		}
		return -1 // equal writes keep their order of arrival
	})
	l.pending = slices.Insert(l.pending, i, t)
	return t
}

// leave ends t's wait; completed records how long its change took, which
// the waits of its kind go by from then on. Only a wait that began right
// after its write, or saw the change pending, tells: one resumed long after
// (a second apply) and done at once only bounds it loosely.
func (s *Shared) leave(t *turn, completed bool) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &s.kinds[t.kind]
	if i := slices.Index(l.pending, t); i >= 0 {
		l.pending = slices.Delete(l.pending, i, i+1)
	}
	tells := t.pending || t.joined.Sub(t.written) <= roundLength
	if took := s.clock.Now().Sub(t.written); completed && tells && (!l.seen || took < l.took) {
		l.took, l.seen = max(took, 0), true
	}
}

// turnIn is how long t waits before it may read: until its write plus the
// shortest completion of its kind, once one has completed. Before that only
// a scout may, not before its write plus the shortest completion of another
// propagating kind (if any), and the scouts take turns: each read puts the
// next one spacing/scouts later, so together they sample as finely as a
// third of one's interval for the reads of all three on their own
// schedules. ok false: not t's turn until a scout has reported.
func (s *Shared) turnIn(t *turn, spacing time.Duration) (wait time.Duration, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	l := &s.kinds[t.kind]
	if l.seen {
		at := t.written.Add(l.took)
		if t.kind.listed() && at.Truncate(roundLength).Before(at) {
			at = at.Truncate(roundLength).Add(roundLength)
		}
		return at.Sub(now), true
	}
	if i := slices.Index(l.pending, t); i < 0 || i >= scouts {
		return 0, false
	}
	floor := time.Duration(0)
	for k := range numKinds {
		if o := &s.kinds[k]; k != t.kind && k.propagates() && t.kind.propagates() && o.seen && (floor == 0 || o.took < floor) {
			floor = o.took
		}
	}
	at := t.written.Add(floor)
	if l.nextScout.After(at) {
		at = l.nextScout
	}
	if wait := at.Sub(now); wait > 0 {
		return wait, true
	}
	l.nextScout = now.Add(spacing / scouts)
	return 0, true
}

// awaitTurn sleeps until t may read (see turnIn), re-asking every round
// while it waits for a scout; it returns at deadline (zero: none) at the
// latest, so a wait running out of time still reads once at its end. opts
// is t's poll schedule.
func (s *Shared) awaitTurn(ctx context.Context, t *turn, opts Options, deadline time.Time) error {
	if s == nil {
		return nil // a lone wait goes by its own schedule
	}
	opts = opts.withDefaults()
	for {
		now := s.clock.Now()
		if !deadline.IsZero() && !now.Before(deadline) {
			return nil
		}
		sleep, ok := s.turnIn(t, opts.Interval(now.Sub(t.written)))
		if ok && sleep <= 0 {
			return nil
		}
		if !ok {
			sleep = roundLength
		}
		if !deadline.IsZero() {
			sleep = min(sleep, deadline.Sub(now))
		}
		if err := s.clock.Sleep(ctx, sleep); err != nil {
			return err
		}
	}
}
