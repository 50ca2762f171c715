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

// The sweeper deletes its applications concurrently, as destroy does: the
// emulator's clock stands still, so no disable takes effect until the test
// moves it, yet every application's ModifyAppStatus arrives before that. A
// sweeper that waits for one application before the next sends one.
func TestSweepDeletesConcurrently(t *testing.T) {
	const n, propagation = 12, time.Minute
	emu, client := emutest.Start(t, emulator.Config{
		PropagationMin: propagation, PropagationMax: propagation,
		Clock: clock.NewFake(time.Now()), SignatureClock: clock.Real{}, RateLimit: -1,
	}, transport.Options{})
	ctx := t.Context()
	keep, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "keep_me", Product: "Call"})
	if err != nil {
		t.Fatal(err)
	}
	var want []string // in listing order, oldest first
	for range n {
		name := RandomName()
		if _, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: name, Product: "Call"}); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}

	type result struct {
		deleted []string
		err     error
	}
	done := make(chan result, 1)
	go func() {
		deleted, err := Sweep(ctx, client, clock.Real{}, io.Discard)
		done <- result{deleted, err}
	}()
	// The bound only turns a hang into a failure; nothing is timed.
	waitCalls := func(action string) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); emu.Stats().Calls[action] < n; {
			select {
			case r := <-done:
				t.Fatalf("Sweep returned %v, %v before %d %s calls (%d)", r.deleted, r.err, n, action, emu.Stats().Calls[action])
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d %s calls while no change has taken effect, want %d at once", emu.Stats().Calls[action], action, n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitCalls("trtc.ModifyAppStatus")
	for _, app := range emu.Apps() {
		if app.SdkAppId != keep.SdkAppId && (app.Status != api.AppStatusEnabled || app.TargetStatus != api.AppStatusDisabled) {
			t.Fatalf("%s is %s (target %s) before the clock moved", app.AppName, app.Status, app.TargetStatus)
		}
	}
	emu.Advance(propagation) // every disable takes effect
	waitCalls("trtc.DeleteTrtcApp")
	emu.Advance(propagation) // every deletion takes effect

	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !slices.Equal(r.deleted, want) {
		t.Errorf("swept %v, want %v in listing order", r.deleted, want)
	}
	if apps := emu.Apps(); len(apps) != 1 || apps[0].SdkAppId != keep.SdkAppId || apps[0].Status != api.AppStatusEnabled || apps[0].TargetStatus != api.AppStatusEnabled {
		t.Errorf("after the sweep the emulator holds %+v, want only keep_me (%d), enabled", apps, keep.SdkAppId)
	}
	if got := emu.Stats().Calls["trtc.ModifyAppStatus"]; got != n {
		t.Errorf("%d ModifyAppStatus calls, want %d (one per swept application)", got, n)
	}
}
