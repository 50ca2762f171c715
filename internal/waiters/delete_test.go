package waiters_test

import (
	"context"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// An enabled application is disabled (once) before the delete, which the
// emulator refuses otherwise; a gone one needs nothing.
func TestDeleteAppDisablesFirst(t *testing.T) {
	emu, client := emutest.Start(t, emulator.Config{PropagationMin: 100 * time.Millisecond, PropagationMax: 100 * time.Millisecond, RateLimit: -1}, transport.Options{RateLimit: -1})
	ctx := t.Context()
	out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "deleted", Product: "Call"})
	if err != nil {
		t.Fatal(err)
	}
	deps := waiters.ForClient(client, clock.Real{}, nil)
	disables := 0
	disable := func(ctx context.Context) error {
		disables++
		if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: out.SdkAppId, Status: api.StatusClose}); err != nil {
			return err
		}
		_, err := waiters.WaitAppStatus(ctx, deps, out.SdkAppId, api.AppStatusDisabled)
		return err
	}
	if err := waiters.DeleteApp(ctx, client, deps, out.SdkAppId, disable); err != nil {
		t.Fatal(err)
	}
	if apps := emu.Apps(); len(apps) != 0 || disables != 1 {
		t.Errorf("after DeleteApp: apps %+v, %d disable(s), want none and 1", apps, disables)
	}
	if err := waiters.DeleteApp(ctx, client, deps, out.SdkAppId, disable); err != nil || disables != 1 {
		t.Errorf("deleting a gone application: %v, %d disable(s)", err, disables)
	}
}
