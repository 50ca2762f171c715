package inventory

// Peek answers from the listing at hand, fetching nothing, for checks that
// must cost no API call (plan-time warnings): the application as listed,
// nil when that listing does not hold it, and false when no fresh listing
// has seen every write made to it.
func (inv *Inventory) Peek(id uint64) (*App, bool) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	s := inv.freshLocked(max(inv.dirty[id], inv.allDirty))
	if s == nil {
		return nil, false
	}
	return s.find(id), true
}
