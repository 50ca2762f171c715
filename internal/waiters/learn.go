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

// scouts is how many waits of a kind read before any of the kind has
// completed: the oldest pending ones, which are the likeliest to complete
// first, so a round costs a few reads however many wait.
const scouts = 3

// turn is one wait's place among the pending waits of its kind.
type turn struct {
	kind    kind
	written time.Time // when the awaited change was requested
}

// learning is what the waits of one kind share.
type learning struct {
	pending []*turn       // oldest write first
	took    time.Duration // shortest write-to-completion seen
	seen    bool          // took is set: one has completed
}

// join counts a wait of kind k for the change written at `written`; call
// leave when it ends. A nil *Shared gives a turn that is always due.
func (s *Shared) join(k kind, written time.Time) *turn {
	t := &turn{kind: k, written: written}
	if s == nil {
		return t
	}
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
// the waits of its kind go by from then on.
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
	if took := s.clock.Now().Sub(t.written); completed && (!l.seen || took < l.took) {
		l.took, l.seen = max(took, 0), true
	}
}

// due is when t may read next: its write plus the shortest completion of
// its kind, once one has completed; before that, a scout's write (plus the
// shortest completion of another propagating kind, if any), and never for
// the others (ok false: ask again later).
func (s *Shared) due(t *turn) (at time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &s.kinds[t.kind]
	if l.seen {
		return t.written.Add(l.took), true
	}
	if i := slices.Index(l.pending, t); i < 0 || i >= scouts {
		return time.Time{}, false
	}
	floor := time.Duration(0)
	for k := range numKinds {
		if o := &s.kinds[k]; k != t.kind && k.propagates() && t.kind.propagates() && o.seen && (floor == 0 || o.took < floor) {
			floor = o.took
		}
	}
	return t.written.Add(floor), true
}

// awaitTurn sleeps until t may read (see due), re-asking every round while
// it waits for a scout; it returns at deadline (zero: none) at the latest,
// so a wait running out of time still reads once at its end.
func (s *Shared) awaitTurn(ctx context.Context, t *turn, deadline time.Time) error {
	if s == nil {
		return nil // a lone wait goes by its own schedule
	}
	for {
		at, ok := s.due(t)
		now := s.clock.Now()
		if ok && !now.Before(at) || !deadline.IsZero() && !now.Before(deadline) {
			return nil
		}
		sleep := roundLength
		if ok {
			sleep = at.Sub(now)
		}
		if !deadline.IsZero() {
			sleep = min(sleep, deadline.Sub(now))
		}
		if err := s.clock.Sleep(ctx, sleep); err != nil {
			return err
		}
	}
}
