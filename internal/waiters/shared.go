package waiters

import (
	"context"
	"sync"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Listing is the account-wide application listing of one provider instance
// (an *inventory.Inventory).
type Listing interface {
	// ListedSince is the application in a listing started at or after
	// `after`, shared by every poll that accepts it; nil when not listed.
	ListedSince(ctx context.Context, id uint64, after time.Time) (*inventory.App, error)
	// Pages is how many calls one listing costs.
	Pages() int
	// Forget makes the listings fetched so far stale for these applications.
	Forget(ids []uint64, all bool)
	// Lookup is the application as listed when a listing answers it as a
	// refresh would (fresh, or shared by enough reads at once), nil when
	// the caller should read it directly.
	Lookup(ctx context.Context, id uint64) (*inventory.App, error)
}

// One poll round: the waits due within it share one listing and the
// direct reads left of the round's budget (the rate limit's share of a
// round), so that hundreds of concurrent waits (a mass change at a high
// -parallelism) poll like a few.
const roundLength = 500 * time.Millisecond

// Shared is what the waits of one provider instance share: the listing,
// the budget of direct reads per round, and, per kind of change, the
// pending waits and the shortest completion seen (learn.go).
// A nil *Shared is valid: every poll reads the application directly.
type Shared struct {
	listing       Listing
	clock         clock.Clock
	readsPerRound int

	mu           sync.Mutex
	listingWaits int       // status waits that may poll the listing
	roundStart   time.Time // start of the current direct-read round
	roundReads   int       // direct reads in it
	kinds        [numKinds]learning
}

// NewShared returns the state shared by the waits of one provider whose
// client sends at most rateLimit requests a second per action (the
// provider's rate_limit; 0 or less: transport.DefaultRateLimit): the
// direct reads of a round take at most its share of that.
func NewShared(listing Listing, clk clock.Clock, rateLimit float64) *Shared {
	if rateLimit <= 0 {
		rateLimit = transport.DefaultRateLimit
	}
	return &Shared{listing: listing, clock: clk, readsPerRound: max(1, int(rateLimit*roundLength.Seconds()))}
}

// ReadsPerRound is the most direct reads one poll round makes.
func (s *Shared) ReadsPerRound() int { return s.readsPerRound }

// enterListingWait counts a status wait; call the result when it ends.
func (s *Shared) enterListingWait() func() {
	if s == nil {
		return func() {}
	}
	s.mu.Lock()
	s.listingWaits++
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.listingWaits--
		s.mu.Unlock()
	}
}

// useListing: more status waits poll than a listing has pages, so one
// listing costs less than reading each of them; a few waits read directly.
func (s *Shared) useListing() bool {
	if s == nil || s.listing == nil {
		return false
	}
	s.mu.Lock()
	n := s.listingWaits
	s.mu.Unlock()
	return n > s.listing.Pages()
}

// listed is the application in a listing started in the current round (the
// clock's time cut to a multiple of roundLength, so that the waits due in a
// round share one) and after notBefore (the write awaited), nil when not
// listed.
func (s *Shared) listed(ctx context.Context, id uint64, notBefore time.Time) (*inventory.App, error) {
	after := s.clock.Now().Truncate(roundLength)
	if after.Before(notBefore) {
		after = notBefore
	}
	return s.listing.ListedSince(ctx, id, after)
}

// takeRead waits for room in the current round's budget of direct reads.
func (s *Shared) takeRead(ctx context.Context) error {
	if s == nil {
		return nil
	}
	for {
		s.mu.Lock()
		now := s.clock.Now()
		if s.roundStart.IsZero() || now.Sub(s.roundStart) >= roundLength {
			s.roundStart, s.roundReads = now, 0
		}
		if s.roundReads < s.directReadBudget() {
			s.roundReads++
			s.mu.Unlock()
			return nil
		}
		next := s.roundStart.Add(roundLength).Sub(now)
		s.mu.Unlock()
		if err := s.clock.Sleep(ctx, next); err != nil {
			return err
		}
	}
}

// directReadBudget is what a round leaves for direct reads besides the
// listing's pages (at least one read, whatever the account's size).
func (s *Shared) directReadBudget() int {
	budget := s.readsPerRound
	if s.listing != nil && s.listingWaits > s.listing.Pages() {
		budget -= s.listing.Pages()
	}
	return max(1, budget)
}

// tookEffect records that a change of the application took effect: a
// listing fetched while it propagated shows it as before.
func (s *Shared) tookEffect(sdkAppID uint64) {
	if s != nil && s.listing != nil {
		s.listing.Forget([]uint64{sdkAppID}, false)
	}
}

// lookup is the application as the shared listing shows it, when it can
// tell (see Listing.Lookup); nil: read it directly.
func (s *Shared) lookup(ctx context.Context, id uint64) (*inventory.App, error) {
	if s == nil || s.listing == nil {
		return nil, nil
	}
	return s.listing.Lookup(ctx, id)
}
