package waiters

import (
	"context"
	"fmt"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
)

// AppState is an application as a wait last saw it: read directly (Read),
// or in the account listing (Listed), which shows the state in effect.
type AppState struct {
	Read   *api.DescribeSdkAppInfoResponse
	Listed *inventory.App
}

// WaitRequestedStatus waits until the status this provider just asked for
// (ModifyAppStatus to want, returned at requested) is in effect. The target
// is want since that write, so the state in effect decides, and the shared
// listing can tell it: while more waits poll than a listing has pages, a
// poll reads the listing, else (and for an application it does not list)
// the application itself.
func WaitRequestedStatus(ctx context.Context, d Deps, sdkAppID uint64, want string, requested time.Time) (*AppState, error) {
	start := d.Clock.Now()
	defer d.Shared.tookEffect(sdkAppID)
	defer d.Shared.enterListingWait()()
	var last AppState
	err := d.poll(ctx, kindStatus, requested, true, func(ctx context.Context) (bool, error) {
		if d.Clock.Now().Sub(requested) < d.Poll.withDefaults().MinInterval {
			return false, nil // just asked: it cannot be in effect, and no listing since shows it
		}
		if d.Shared.useListing() {
			app, err := d.Shared.listed(ctx, sdkAppID, requested)
			if err != nil {
				return false, err
			}
			if app != nil {
				last = AppState{Listed: app}
				return app.Enabled == (want == api.AppStatusEnabled), nil
			}
		}
		if err := d.Shared.takeRead(ctx); err != nil {
			return false, err
		}
		app, err := d.find(ctx, sdkAppID)
		if err != nil {
			return false, err
		}
		last = AppState{Read: app}
		return app.Status == want && app.TargetStatus == want, nil
	})
	if err != nil {
		inEffect, target := "unknown", want
		switch {
		case last.Read != nil:
			inEffect, target = last.Read.Status, last.Read.TargetStatus
		case last.Listed != nil && last.Listed.Enabled:
			inEffect = api.AppStatusEnabled
		case last.Listed != nil:
			inEffect = api.AppStatusDisabled
		}
		seen := fmt.Sprintf("in effect: %s, target: %s, requested at %s", statusWord(inEffect), statusWord(target), requested.UTC().Format(time.RFC3339))
		return &last, d.result(err, start, fmt.Sprintf("application %d to become %s", sdkAppID, statusWord(want)), seen)
	}
	return &last, nil
}

// RequestStatus asks for the status want (api.AppStatusEnabled or
// api.AppStatusDisabled) and waits until it is in effect (see
// WaitRequestedStatus); the state is nil when the request failed.
func RequestStatus(ctx context.Context, d Deps, sdkAppID uint64, want string) (*AppState, error) {
	status := api.StatusOpen
	if want == api.AppStatusDisabled {
		status = api.StatusClose
	}
	if _, err := d.API.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: sdkAppID, Status: status}); err != nil {
		return nil, err
	}
	return WaitRequestedStatus(ctx, d, sdkAppID, want, d.Clock.Now())
}
