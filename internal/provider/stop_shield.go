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
func withoutStop(ctx context.Context) (context.Context, context.CancelFunc) {
	detached := context.WithoutCancel(ctx)
	if deadline, ok := ctx.Deadline(); ok {
		return context.WithDeadline(detached, deadline)
	}
	return context.WithCancel(detached)
}
