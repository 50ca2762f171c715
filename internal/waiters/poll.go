// Package waiters polls TRTC until a change has taken effect. Status changes
// take 3 to 5 minutes to propagate, so the poll interval grows with the time
// already waited: a fixed short interval would waste hundreds of calls, a
// fixed long one would add minutes to short propagations.
package waiters

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
)

// Options shape the adaptive poll interval:
// next = clamp(Ratio * (now - Since), MinInterval, MaxInterval).
// Waiting at most 10 % longer than the change took (or MinInterval) bounds the
// overshoot, and the geometric growth makes the poll count logarithmic.
type Options struct {
	// Since is when the awaited change was requested; zero means when Until starts.
	Since       time.Time
	Ratio       float64
	MinInterval time.Duration
	MaxInterval time.Duration
	// Timeout in clock time; zero means only ctx bounds the wait.
	Timeout time.Duration
}

// DefaultOptions are sized for 3-5 minute propagations.
var DefaultOptions = Options{Ratio: 0.1, MinInterval: 500 * time.Millisecond, MaxInterval: 30 * time.Second}

// ErrTimeout is returned (wrapped) when the wait ran out of time.
var ErrTimeout = errors.New("timed out")

// Interval is the pause before the next check after elapsed time.
func (o Options) Interval(elapsed time.Duration) time.Duration {
	d := time.Duration(o.Ratio * float64(elapsed))
	if d < o.MinInterval {
		d = o.MinInterval
	}
	if o.MaxInterval > 0 && d > o.MaxInterval {
		d = o.MaxInterval
	}
	return d
}

func (o Options) withDefaults() Options {
	if o.Ratio <= 0 {
		o.Ratio = DefaultOptions.Ratio
	}
	if o.MinInterval <= 0 {
		o.MinInterval = DefaultOptions.MinInterval
	}
	if o.MaxInterval <= 0 {
		o.MaxInterval = DefaultOptions.MaxInterval
	}
	return o
}

// Until calls check until it reports done or fails. It returns ErrTimeout
// (wrapped with the context error, if any) when ctx ends or opts.Timeout passes.
func Until(ctx context.Context, clk clock.Clock, check func(context.Context) (bool, error), opts Options) error {
	opts = opts.withDefaults()
	start := clk.Now()
	since := opts.Since
	if since.IsZero() || since.After(start) {
		since = start
	}
	for {
		done, err := check(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return errors.Join(ErrTimeout, ctx.Err())
			}
			return err
		}
		if done {
			return nil
		}
		now := clk.Now()
		wait := opts.Interval(now.Sub(since))
		if opts.Timeout > 0 {
			left := start.Add(opts.Timeout).Sub(now)
			if left <= 0 {
				return ErrTimeout
			}
			wait = min(wait, left) // one last check right at the deadline
		}
		tflog.Debug(ctx, "change not in effect yet, polling again", map[string]any{"elapsed": now.Sub(since).String(), "next_poll_in": wait.String()})
		if err := clk.Sleep(ctx, wait); err != nil {
			return errors.Join(ErrTimeout, err)
		}
	}
}
