package waiters

import (
	"context"
	"fmt"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

// Finder reads one application; one that does not exist is an
// *api.NotFoundError (as finder.AppByID returns it).
type Finder func(ctx context.Context, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error)

// Deps are what the application waiters need.
type Deps struct {
	// API writes (RequestStatus, DeleteApp) and, unless Find is set, reads.
	API *api.Client
	// Find reads one application; nil: finder.AppByID through API.
	Find  Finder
	Clock clock.Clock
	Poll  Options // zero value: DefaultOptions
	// Shared is what the waits of this provider share; nil: nothing.
	Shared *Shared
}

// ForClient builds Deps that read and write through the API client; shared may be nil.
func ForClient(client *api.Client, clk clock.Clock, shared *Shared) Deps {
	return Deps{API: client, Clock: clk, Shared: shared}
}

func (d Deps) find(ctx context.Context, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error) {
	if d.Find != nil {
		return d.Find(ctx, sdkAppID)
	}
	return finder.AppByID(ctx, d.API, sdkAppID)
}

// WaitAppStatus waits until the status in effect and the target both equal
// want (api.AppStatusEnabled or api.AppStatusDisabled).
func WaitAppStatus(ctx context.Context, d Deps, sdkAppID uint64, want string) (*api.DescribeSdkAppInfoResponse, error) {
	start := d.Clock.Now()
	defer d.Shared.tookEffect(sdkAppID) // or failed to: either way the listing may be behind
	last, err := pollChange(ctx, d, sdkAppID, func(app *api.DescribeSdkAppInfoResponse) bool {
		return app.Status == want && app.TargetStatus == want
	})
	return last, d.result(err, start, fmt.Sprintf("application %d to become %s", sdkAppID, statusWord(want)), lastRead(last))
}

// WaitAppSettled waits until no status change of the application is pending
// (the target equals the state in effect) and returns it as last read. A
// deletion settles by the application vanishing: an *api.NotFoundError.
func WaitAppSettled(ctx context.Context, d Deps, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error) {
	start := d.Clock.Now()
	last, err := pollChange(ctx, d, sdkAppID, func(app *api.DescribeSdkAppInfoResponse) bool {
		return app.TargetStatus == "" || app.TargetStatus == app.Status
	})
	return last, d.result(err, start, fmt.Sprintf("application %d to settle", sdkAppID), lastRead(last))
}

// pollChange reads the application until done accepts it and returns the
// last read. It reads once before polling so that the interval grows from
// when the change was really requested (StatusChangeTime), e.g. when a
// second apply resumes the wait; the first poll reuses that read.
func pollChange(ctx context.Context, d Deps, sdkAppID uint64, done func(*api.DescribeSdkAppInfoResponse) bool) (*api.DescribeSdkAppInfoResponse, error) {
	first, err := d.find(ctx, sdkAppID)
	if err != nil || done(first) {
		return first, err
	}
	requested := d.Clock.Now()
	if t, err := api.ParseTime(first.StatusChangeTime); err == nil {
		requested = t
	}
	return pollApp(ctx, d, kindStatus, sdkAppID, requested, first, func(app *api.DescribeSdkAppInfoResponse, err error) (bool, error) {
		return err == nil && done(app), err
	})
}

// pollApp is the loop of every wait that reads the application directly:
// it reads it when poll says and hands each answer (or error) to check.
// With a prior read (first non-nil), the first check reuses it. It returns
// the last application read (nil when none was).
func pollApp(ctx context.Context, d Deps, k kind, sdkAppID uint64, written time.Time, first *api.DescribeSdkAppInfoResponse,
	check func(*api.DescribeSdkAppInfoResponse, error) (bool, error),
) (*api.DescribeSdkAppInfoResponse, error) {
	last := first
	err := d.poll(ctx, k, written, first == nil, func(ctx context.Context) (bool, error) {
		if err := d.Shared.takeRead(ctx); err != nil {
			return false, err
		}
		app, err := d.find(ctx, sdkAppID)
		if app != nil {
			last = app
		}
		return check(app, err)
	})
	return last, err
}

// poll is every application wait's loop: Until on d.Poll's schedule from
// the write awaited, each check waiting first for its turn among the waits
// of its kind (Shared.awaitTurn). checkNow false skips the first check
// (the caller has just read).
func (d Deps) poll(ctx context.Context, k kind, written time.Time, checkNow bool, check func(context.Context) (bool, error)) error {
	t := d.Shared.join(k, written)
	completed := false
	defer func() { d.Shared.leave(t, completed) }()
	opts := d.Poll
	opts.Since = written
	var deadline time.Time
	if opts.Timeout > 0 {
		deadline = d.Clock.Now().Add(opts.Timeout)
	}
	return Until(ctx, d.Clock, func(ctx context.Context) (bool, error) {
		if !checkNow {
			checkNow, t.pending = true, true
			return false, nil
		}
		if err := d.Shared.awaitTurn(ctx, t, opts, deadline); err != nil {
			return false, err
		}
		done, err := check(ctx)
		completed, t.pending = done && err == nil, t.pending || (!done && err == nil)
		return done, err
	}, opts)
}

// WaitAppReadable waits until a new application can be read: right after
// CreateTrtcApp, reads may still answer not found (read-after-write lag).
func WaitAppReadable(ctx context.Context, d Deps, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error) {
	start := d.Clock.Now()
	last, err := pollApp(ctx, d, kindCreation, sdkAppID, start, nil, func(_ *api.DescribeSdkAppInfoResponse, err error) (bool, error) {
		if api.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	})
	if err = d.result(err, start, fmt.Sprintf("the new application %d to become readable", sdkAppID), ""); err != nil {
		return nil, err
	}
	return last, nil
}

// WaitAppDeleted waits until reads of the application answer not found.
// Its first read waits for its turn: a deletion takes as long as the other
// changes, and with hundreds deleted at once, reading them before that
// would only delay the reads that can see one gone.
func WaitAppDeleted(ctx context.Context, d Deps, sdkAppID uint64) error {
	start := d.Clock.Now()
	defer d.Shared.tookEffect(sdkAppID)
	last, err := pollApp(ctx, d, kindDeletion, sdkAppID, start, nil, func(_ *api.DescribeSdkAppInfoResponse, err error) (bool, error) {
		if api.IsNotFound(err) {
			return true, nil
		}
		return false, err
	})
	return d.result(err, start, fmt.Sprintf("application %d to be deleted", sdkAppID), lastRead(last))
}
