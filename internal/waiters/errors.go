package waiters

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// The waits fail with one of three typed errors, and say nothing about
// Terraform: the resource that waited knows its timeout and adds the advice.
//   - *TimeoutError: the wait ran out of time (errors.Is ErrTimeout);
//   - *InterruptedError: Terraform cut it short, e.g. Ctrl-C (errors.Is
//     context.Canceled): raising the timeout would not help;
//   - *api.NotFoundError: the application does not exist (any wait but
//     WaitAppDeleted, for which that is success).

// TimeoutError is a wait that ran out of time before the change took effect.
type TimeoutError struct {
	Waiting string        // what was awaited, e.g. "application 1400000001 to become disabled"
	After   time.Duration // how long the wait lasted
	Last    string        // what the last read showed, e.g. "in effect: enabled, target: disabled"; "" when nothing was read
}

func (e *TimeoutError) Error() string {
	msg := fmt.Sprintf("timed out after %s waiting for %s", e.After, e.Waiting)
	if e.Last != "" {
		msg += " (" + e.Last + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrTimeout) true.
func (e *TimeoutError) Is(target error) bool { return target == ErrTimeout }

// InterruptedError is a wait cut short by Terraform (Ctrl-C), not by its timeout.
type InterruptedError struct {
	Waiting string
}

func (e *InterruptedError) Error() string { return "interrupted while waiting for " + e.Waiting }

// Unwrap makes errors.Is(err, context.Canceled) true.
func (e *InterruptedError) Unwrap() error { return context.Canceled }

// result turns the poller's error into the wait's typed error; last
// describes what the wait last saw (TimeoutError.Last).
func (d Deps) result(err error, start time.Time, waiting, last string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled): // before ErrTimeout: a cancelled Until reports both
		return &InterruptedError{Waiting: waiting}
	case errors.Is(err, ErrTimeout):
		return &TimeoutError{Waiting: waiting, After: d.Clock.Now().Sub(start).Round(time.Second), Last: last}
	}
	return fmt.Errorf("waiting for %s: %w", waiting, err)
}

// lastRead describes the state an application was last read in; times are
// RFC 3339 in UTC, like every time the user sees.
func lastRead(app *api.DescribeSdkAppInfoResponse) string {
	if app == nil {
		return ""
	}
	out := fmt.Sprintf("in effect: %s, target: %s", statusWord(app.Status), statusWord(app.TargetStatus))
	if t, err := api.ParseTime(app.StatusChangeTime); err == nil {
		out += ", requested at " + t.UTC().Format(time.RFC3339)
	}
	return out
}

// statusWord spells a wire status (Enabled, Disabled, Deleted) as the
// schemas do (enabled, disabled, deleted): the messages speak the schema.
func statusWord(wire string) string { return strings.ToLower(wire) }
