package inventory

import "context"

// Peek answers from the listing at hand, fetching nothing, for checks that
// must cost no API call (plan-time warnings): the application as listed,
// nil when that listing does not hold it, and false when no fresh listing
// has seen every write made to it.
func (inv *Inventory) Peek(id uint64) (*App, bool) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	s := inv.freshLocked(inv.lastWriteLocked(id))
	if s == nil {
		return nil, false
	}
	return s.find(id), true
}

// Recent returns every application of the latest listing while it is
// fresh, whatever was written since, and fetches one only when there is
// none: for checks about the applications that existed before this run's
// own writes (a new name another one already has), at one listing per TTL
// however many creates come.
func (inv *Inventory) Recent(ctx context.Context) ([]App, error) { return inv.listing(ctx, false) }
