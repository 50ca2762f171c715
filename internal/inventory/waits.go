package inventory

import (
	"context"
	"time"
)

// ListedSince answers a wait's poll: the application as listed by a listing
// that started at or after `after`, nil when that listing does not hold it
// or could not be fetched (read it directly). Every poll that accepts the
// same listing shares it, so one poll round of any number of waits costs
// one listing (Pages calls). The error is only the caller's context ending.
func (inv *Inventory) ListedSince(ctx context.Context, id uint64, after time.Time) (*App, error) {
	inv.mu.Lock()
	var f *fetch
	switch {
	case inv.snap != nil && !inv.snap.at.Before(after):
		f = &fetch{done: closedChan, snap: inv.snap}
	case inv.inflight != nil && !inv.inflight.started.Before(after):
		f = inv.inflight
	default:
		f = inv.startLocked(ctx)
	}
	inv.mu.Unlock()
	s, err := wait(ctx, f)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, nil
	}
	return s.find(id), nil
}

// Pages is how many calls one listing costs, as of the last one (1 before any).
func (inv *Inventory) Pages() int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if inv.snap == nil {
		return 1
	}
	return max(1, (len(inv.snap.apps)+pageSize-1)/pageSize)
}
