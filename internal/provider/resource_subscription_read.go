package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// readBackPoll is the read-back schedule after a write (reads may lag behind
// writes for a moment): the pause doubles the time waited, from 0.5 s up to 5 s.
var readBackPoll = waiters.Options{Ratio: 1, MinInterval: 500 * time.Millisecond, MaxInterval: 5 * time.Second}

// readBack reads the subscription until expect accepts it (or ctx ends) and
// fills m with what was read. On timeout m keeps the last answer and an error
// is added, so Terraform stores the resource as tainted.
func (r *subscriptionResource) readBack(ctx context.Context, m *subscriptionModel, expect func(*api.DescribeAppSubscriptionResponse) bool, diags *diag.Diagnostics) {
	clk := r.pd.Clock
	if clk == nil {
		clk = clock.Real{}
	}
	var last *api.DescribeAppSubscriptionResponse
	var lastErr error
	err := waiters.Until(ctx, clk, func(ctx context.Context) (bool, error) {
		out, err := finder.SubscriptionByAppID(ctx, r.pd.API, m.appID())
		if err != nil {
			lastErr = err
			if api.IsNotFound(err) { // only a lagging read is worth waiting for
				return false, nil
			}
			return false, err
		}
		last, lastErr = out, nil
		return expect(out), nil
	}, readBackPoll)
	if err == nil {
		m.setFromSubscription(last)
		return
	}
	if last != nil {
		m.setFromSubscription(last)
	} else {
		m.nullComputed()
	}
	why := "The change was accepted, but reading the subscription back did not show it before the timeout"
	if lastErr != nil {
		why += ": " + lastErr.Error()
	}
	addFailure(diags, "confirm the change of", subscriptionObject(m.appID()), errors.New(why),
		"The resource is kept in state (tainted); run terraform apply again to reconcile.")
}

// editionUntil accepts a read showing edition with the expiry a write returned.
func editionUntil(edition, expire string) func(*api.DescribeAppSubscriptionResponse) bool {
	want, known := parseWireTime(expire)
	return func(s *api.DescribeAppSubscriptionResponse) bool {
		if s.Edition != edition {
			return false
		}
		got, ok := parseWireTime(s.ExpireTime)
		return !known || ok && got.Equal(want)
	}
}

func autoRenewIs(on bool) func(*api.DescribeAppSubscriptionResponse) bool {
	return func(s *api.DescribeAppSubscriptionResponse) bool { return s.AutoRenew == on }
}

func parseWireTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := api.ParseTime(s)
	return t, err == nil
}
