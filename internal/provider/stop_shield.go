package provider

import "context"

// withoutStop returns a context for a call that creates something billable
// or countable (an application, a purchase): it ignores Terraform's stop
// (Ctrl-C cancels every running operation's context) but keeps the
// operation's deadline. A create whose request has reached the server must
// also get its answer, or the new object's ID never reaches the state and
// the next apply creates a duplicate; so the call finishes, the ID is
// saved, and only the waits that follow are interrupted (leaving the
// resource tainted, not orphaned).
//
// The ClientToken stays random per Create (the transport resends the same
// body, so retries of one call reuse it). A token derived from the planned
// values would also survive a hard kill, but providers never see the
// resource address: two resources with the same name, product and tags
// (count = 2) would get one application, and a later identical resource
// within 24 h would adopt a sibling's. A hard kill (second Ctrl-C, crash)
// during CreateTrtcApp can therefore still leave an application to import.
func withoutStop(ctx context.Context) (context.Context, context.CancelFunc) {
	detached := context.WithoutCancel(ctx)
	if deadline, ok := ctx.Deadline(); ok {
		return context.WithDeadline(detached, deadline)
	}
	return context.WithCancel(detached)
}
