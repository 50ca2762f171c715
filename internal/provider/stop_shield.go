package provider

import "context"

// withoutStop returns a context for a call that creates something billable
// or countable, an application or a purchase. The call keeps the
// operation's deadline but ignores Terraform's stop, so that the new
// object's ID reaches the state:
//   - Ctrl-C cancels the context of every running operation. A create whose
//     request reached the server must still get its answer, or the next
//     apply creates a duplicate. So the call finishes, the ID is saved, and
//     only the waits after it are interrupted: the resource is left tainted,
//     not orphaned.
//   - The ClientToken stays random per Create. The transport resends the
//     same body, so the retries of one call reuse it.
//   - A token derived from the planned values would also survive a hard
//     kill, but a provider never sees the resource address. Two resources
//     with the same name, product and tags (count = 2) would get one
//     application, and a later identical resource within 24 h would adopt a
//     sibling's.
//   - So a hard kill (a second Ctrl-C, a crash) during CreateTrtcApp can
//     still leave an application to import.
func withoutStop(ctx context.Context) (context.Context, context.CancelFunc) {
	detached := context.WithoutCancel(ctx)
	if deadline, ok := ctx.Deadline(); ok {
		return context.WithDeadline(detached, deadline)
	}
	return context.WithCancel(detached)
}
