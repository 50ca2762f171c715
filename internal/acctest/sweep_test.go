package acctest

import (
	"io"
	"slices"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// The sweeper deletes tfacc_ applications only, disabling an enabled one
// first and waiting, as destroy does; the emulator refuses to delete an
// application whose disable has not taken effect, so skipping a wait fails.
func TestSweepDeletesOnlyTestApplications(t *testing.T) {
	emu, client := emutest.Start(t, emulator.Config{PropagationMin: 200 * time.Millisecond, PropagationMax: 200 * time.Millisecond, RateLimit: -1}, transport.Options{RateLimit: -1})
	ctx := t.Context()
	create := func(name string) uint64 {
		out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: name, Product: "Call"})
		if err != nil {
			t.Fatal(err)
		}
		return out.SdkAppId
	}
	enabled, disabled := RandomName(), RandomName()
	create(enabled)
	id := create(disabled)
	keep := create("keep_me")
	if _, err := client.ModifyAppStatus(ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
	if _, err := waiters.WaitAppStatus(ctx, waiters.ForClient(client, clock.Real{}, nil), id, api.AppStatusDisabled); err != nil {
		t.Fatal(err)
	}
	before := emu.Stats().Calls

	deleted, err := Sweep(ctx, client, clock.Real{}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(deleted)
	want := []string{enabled, disabled}
	slices.Sort(want)
	if !slices.Equal(deleted, want) {
		t.Errorf("swept %v, want %v", deleted, want)
	}
	if apps := emu.Apps(); len(apps) != 1 || apps[0].SdkAppId != keep {
		t.Errorf("after the sweep the emulator holds %+v, want only keep_me (%d)", apps, keep)
	}
	after := emu.Stats().Calls
	if d := after["trtc.ModifyAppStatus"] - before["trtc.ModifyAppStatus"]; d != 1 {
		t.Errorf("%d ModifyAppStatus calls, want 1 (the enabled application only)", d)
	}
	if d := after["trtc.DeleteTrtcApp"] - before["trtc.DeleteTrtcApp"]; d != 2 {
		t.Errorf("%d DeleteTrtcApp calls, want 2", d)
	}
}
