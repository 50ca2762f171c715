package waiters_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

func startEmulator(t *testing.T, propagation time.Duration) (*emulator.Emulator, *api.Client) {
	t.Helper()
	return emutest.Start(t, emulator.Config{PropagationMin: propagation, PropagationMax: propagation, RateLimit: -1}, transport.Options{RateLimit: -1})
}

func createApp(t *testing.T, client *api.Client, name string) uint64 {
	t.Helper()
	out, err := client.CreateTrtcApp(t.Context(), &api.CreateTrtcAppRequest{AppName: name, Product: "Call"})
	if err != nil {
		t.Fatal(err)
	}
	return out.SdkAppId
}

// An enabled application is disabled (once) before the delete, which the
// emulator refuses otherwise; a gone one needs nothing.
func TestDeleteAppDisablesFirst(t *testing.T) {
	emu, client := startEmulator(t, 100*time.Millisecond)
	ctx := t.Context()
	id := createApp(t, client, "deleted")
	deps := waiters.ForClient(client, clock.Real{}, nil)
	if err := waiters.DeleteApp(ctx, deps, id); err != nil {
		t.Fatal(err)
	}
	if apps, disables := emu.Apps(), emu.Stats().Calls["trtc.ModifyAppStatus"]; len(apps) != 0 || disables != 1 {
		t.Errorf("after DeleteApp: apps %+v, %d disable(s), want none and 1", apps, disables)
	}
	if err := waiters.DeleteApp(ctx, deps, id); err != nil || emu.Stats().Calls["trtc.ModifyAppStatus"] != 1 {
		t.Errorf("deleting a gone application: %v, %d disable(s)", err, emu.Stats().Calls["trtc.ModifyAppStatus"])
	}
}

// Deleted together, applications are told enabled or disabled by the
// shared listing, as a refresh's are: a disabled one is not read before
// its delete (reads after it confirm the deletion), an enabled one is
// disabled first.
func TestDeleteAppDecidesFromTheListing(t *testing.T) {
	emu, client := startEmulator(t, 100*time.Millisecond)
	ctx := t.Context()
	plain := waiters.ForClient(client, clock.Real{}, nil)
	var disabled []uint64
	for _, name := range []string{"a", "b", "c"} {
		id := createApp(t, client, name)
		if _, err := waiters.RequestStatus(ctx, plain, id, api.AppStatusDisabled); err != nil {
			t.Fatal(err)
		}
		disabled = append(disabled, id)
	}
	enabled := createApp(t, client, "enabled")
	disables := emu.Stats().Calls["trtc.ModifyAppStatus"]

	deps := waiters.ForClient(client, clock.Real{}, waiters.NewShared(inventory.New(client.DescribeAppStatList, clock.Real{}, inventory.Options{}), clock.Real{}, 0))
	var mu sync.Mutex
	readsBeforeDelete := 0 // reads of a disabled application not being deleted yet
	deps.Find = func(ctx context.Context, id uint64) (*api.DescribeSdkAppInfoResponse, error) {
		app, err := finder.AppByID(ctx, client, id)
		if err == nil && id != enabled && app.TargetStatus != api.AppStatusDeleted {
			mu.Lock()
			readsBeforeDelete++
			mu.Unlock()
		}
		return app, err
	}
	var wg sync.WaitGroup
	for _, id := range append(disabled, enabled) {
		wg.Go(func() {
			if err := waiters.DeleteApp(ctx, deps, id); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	calls := emu.Stats().Calls
	if apps := emu.Apps(); len(apps) != 0 {
		t.Errorf("after DeleteApp: apps %+v, want none", apps)
	}
	if readsBeforeDelete != 0 || calls["trtc.DescribeAppStatList"] == 0 {
		t.Errorf("%d direct reads of disabled applications before their delete, %d listing calls; want 0 and the listing",
			readsBeforeDelete, calls["trtc.DescribeAppStatList"])
	}
	if got := calls["trtc.ModifyAppStatus"] - disables; got != 1 {
		t.Errorf("%d disables, want 1 (the enabled application)", got)
	}
}

// The listing shows only the state in effect: an application listed
// disabled whose enable is pending is refused deletion, and DeleteApp then
// reads it, disables it and deletes it.
func TestDeleteAppPendingEnableBehindTheListing(t *testing.T) {
	emu, client := startEmulator(t, 500*time.Millisecond)
	ctx := t.Context()
	id := createApp(t, client, "pending")
	plain := waiters.ForClient(client, clock.Real{}, nil)
	if _, err := waiters.RequestStatus(ctx, plain, id, api.AppStatusDisabled); err != nil {
		t.Fatal(err)
	}
	listing := inventory.New(client.DescribeAppStatList, clock.Real{}, inventory.Options{})
	if _, err := listing.List(ctx); err != nil { // fresh, and not told of the enable below
		t.Fatal(err)
	}
	if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	deps := waiters.ForClient(client, clock.Real{}, waiters.NewShared(listing, clock.Real{}, 0))
	if err := waiters.DeleteApp(ctx, deps, id); err != nil {
		t.Fatal(err)
	}
	if apps := emu.Apps(); len(apps) != 0 {
		t.Errorf("after DeleteApp: apps %+v, want none", apps)
	}
	if calls := emu.Stats().Calls; calls["trtc.DeleteTrtcApp"] != 2 || calls["trtc.ModifyAppStatus"] != 3 {
		t.Errorf("%d deletes and %d status changes, want 2 (refused, then done) and 3 (disable, enable, disable)",
			calls["trtc.DeleteTrtcApp"], calls["trtc.ModifyAppStatus"])
	}
}
