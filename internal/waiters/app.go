package waiters

import (
	"context"
	"errors"
	"fmt"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

// Finder reads one application; one that does not exist is an
// *api.NotFoundError (as finder.AppByID returns it).
type Finder func(ctx context.Context, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error)

// Deps are what the application waiters need.
type Deps struct {
	Find  Finder
	Clock clock.Clock
	Poll  Options // zero value: DefaultOptions
	// Shared is what the waits of this provider share; nil: nothing.
	Shared *Shared
}

// ForClient builds Deps that read through the API client; shared may be nil.
func ForClient(client *api.Client, clk clock.Clock, shared *Shared) Deps {
	return Deps{
		Find: func(ctx context.Context, id uint64) (*api.DescribeSdkAppInfoResponse, error) {
			return finder.AppByID(ctx, client, id)
		},
		Clock:  clk,
		Shared: shared,
	}
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
	first, err := d.Find(ctx, sdkAppID)
	if err != nil || done(first) {
		return first, err
	}
	opts := d.Poll
	if t, err := api.ParseTime(first.StatusChangeTime); err == nil {
		opts.Since = t
	}
	return pollApp(ctx, d, sdkAppID, first, opts, func(app *api.DescribeSdkAppInfoResponse, err error) (bool, error) {
		return err == nil && done(app), err
	})
}

// pollApp is every application wait's loop: it reads the application on
// Until's schedule and hands each answer (or error) to check. With a prior
// read (first non-nil), the first check reuses it. It returns the last
// application read (nil when none was).
func pollApp(ctx context.Context, d Deps, sdkAppID uint64, first *api.DescribeSdkAppInfoResponse, opts Options,
	check func(*api.DescribeSdkAppInfoResponse, error) (bool, error),
) (*api.DescribeSdkAppInfoResponse, error) {
	last, reuse := first, first != nil
	err := Until(ctx, d.Clock, func(ctx context.Context) (bool, error) {
		if reuse {
			reuse = false
			return false, nil
		}
		if err := d.Shared.takeRead(ctx); err != nil {
			return false, err
		}
		app, err := d.Find(ctx, sdkAppID)
		if app != nil {
			last = app
		}
		return check(app, err)
	}, opts)
	return last, err
}

// WaitAppReadable waits until a new application can be read: right after
// CreateTrtcApp, reads may still answer not found (read-after-write lag).
func WaitAppReadable(ctx context.Context, d Deps, sdkAppID uint64) (*api.DescribeSdkAppInfoResponse, error) {
	start := d.Clock.Now()
	last, err := pollApp(ctx, d, sdkAppID, nil, d.Poll, func(_ *api.DescribeSdkAppInfoResponse, err error) (bool, error) {
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
func WaitAppDeleted(ctx context.Context, d Deps, sdkAppID uint64) error {
	start := d.Clock.Now()
	defer d.Shared.tookEffect(sdkAppID)
	opts := d.Poll
	opts.Since = start
	var last *api.DescribeSdkAppInfoResponse
	var err error
	// A deletion takes as long as the other changes: with hundreds deleted
	// at once, reading them before that would only delay the reads that can
	// see one gone.
	if p := d.Shared.shortestPropagation(); p > 0 {
		if err = d.Clock.Sleep(ctx, p); err != nil {
			err = errors.Join(ErrTimeout, err)
		}
	}
	if err == nil {
		last, err = pollApp(ctx, d, sdkAppID, nil, opts, func(_ *api.DescribeSdkAppInfoResponse, err error) (bool, error) {
			if api.IsNotFound(err) {
				return true, nil
			}
			return false, err
		})
	}
	return d.result(err, start, fmt.Sprintf("application %d to be deleted", sdkAppID), lastRead(last))
}
