package emulator

import (
	"regexp"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func TestCreateDescribeModifyApp(t *testing.T) {
	h := newHarness(t)
	out, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{
		AppName: "first_app", Description: api.Ptr("demo_1"), Product: catalog.ProductLive,
		DataRegion: api.Ptr("na-siliconvalley"), Tags: []api.Tag{{TagKey: "env", TagValue: "prod"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.SdkAppId != firstSdkAppID {
		t.Fatalf("first SdkAppId = %d, want %d", out.SdkAppId, firstSdkAppID)
	}
	second := h.createApp("second")
	if second != firstSdkAppID+1 {
		t.Fatalf("second SdkAppId = %d, want %d", second, firstSdkAppID+1)
	}

	info := h.info(out.SdkAppId)
	want := api.DescribeSdkAppInfoResponse{
		SdkAppId: out.SdkAppId, AppName: "first_app", Description: "demo_1", Product: catalog.ProductLive,
		DataRegion: "na-siliconvalley", CreateTime: "2026-03-01 12:00:00", SecretKey: info.SecretKey,
		Status: api.AppStatusEnabled, TargetStatus: api.AppStatusEnabled,
	}
	if *info != want {
		t.Fatalf("DescribeSdkAppInfo = %+v\nwant %+v", *info, want)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(info.SecretKey) {
		t.Fatalf("SDKSecretKey %q is not 64 hex digits", info.SecretKey)
	}
	if h.info(second).SecretKey == info.SecretKey {
		t.Fatal("two applications share an SDKSecretKey")
	}
	if h.info(second).DataRegion != catalog.DefaultDataRegion {
		t.Fatal("DataRegion does not default to ap-singapore")
	}

	if _, err := h.api.ModifyAppInfo(h.ctx, &api.ModifyAppInfoRequest{SdkAppId: second, Description: api.Ptr("now_described")}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.api.ModifyAppInfo(h.ctx, &api.ModifyAppInfoRequest{SdkAppId: second, AppName: api.Ptr("renamed")}); err != nil {
		t.Fatal(err)
	}
	if got := h.info(second); got.AppName != "renamed" || got.Description != "now_described" {
		t.Fatalf("after ModifyAppInfo: name %q description %q", got.AppName, got.Description)
	}
}

// TestPropagation: enable, disable and delete take effect only after the
// propagation delay on the emulator clock.
func TestPropagation(t *testing.T) {
	h := newHarness(t)
	id := h.createApp("prop")
	if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
	info := h.info(id)
	if info.Status != api.AppStatusEnabled || info.TargetStatus != api.AppStatusDisabled || info.StatusChangeTime != "2026-03-01 12:00:00" {
		t.Fatalf("just after close: %+v", info)
	}
	_, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: id})
	wantCode(t, err, "FailedOperation.AppEnabled")

	h.clk.Advance(testPropMin - 1)
	if got := h.info(id).Status; got != api.AppStatusEnabled {
		t.Fatalf("before the minimum delay Status = %s", got)
	}
	list, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{Status: api.Ptr[uint64](1)})
	if err != nil || list.TotalNum != 1 {
		t.Fatalf("still enabled in effect: list %+v err %v", list, err)
	}
	h.clk.Advance(testPropMax - testPropMin + 1)
	info = h.info(id)
	if info.Status != api.AppStatusDisabled || info.TargetStatus != api.AppStatusDisabled || info.DisabledReason != "Manual" || info.StatusChangeTime != "" {
		t.Fatalf("after the maximum delay: %+v", info)
	}

	// Asking for the targeted state again changes nothing.
	if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusClose}); err != nil {
		t.Fatal(err)
	}
	if info := h.info(id); info.TargetStatus != api.AppStatusDisabled || info.StatusChangeTime != "" {
		t.Fatalf("repeated close is not a no-op: %+v", info)
	}

	if _, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil {
		t.Fatal(err)
	}
	info = h.info(id)
	if info.TargetStatus != api.AppStatusDeleted || info.Status != api.AppStatusDisabled {
		t.Fatalf("while deleting: %+v", info)
	}
	list, err = h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
	if err != nil || list.TotalNum != 0 {
		t.Fatalf("a deleting application is still listed: %+v %v", list, err)
	}
	_, err = h.api.ModifyAppInfo(h.ctx, &api.ModifyAppInfoRequest{SdkAppId: id, AppName: api.Ptr("x")})
	wantCode(t, err, "FailedOperation.AppDeleting")
	_, err = h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusOpen})
	wantCode(t, err, "FailedOperation.AppDeleting")
	if apps := h.emu.Apps(); len(apps) != 1 || apps[0].TargetStatus != api.AppStatusDeleted {
		t.Fatalf("admin view while deleting: %+v", apps)
	}

	h.clk.Advance(testPropMax)
	_, err = h.api.DescribeSdkAppInfo(h.ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: id})
	wantCode(t, err, "FailedOperation.SdkAppIdNotExist")
	if apps := h.emu.Apps(); len(apps) != 0 {
		t.Fatalf("deleted application still in admin view: %+v", apps)
	}
}

// TestPropagationDelaysAreSeeded: the same seed draws the same delays, and
// every delay lies within the configured range.
func TestPropagationDelaysAreSeeded(t *testing.T) {
	draw := func(seed int64) []int64 {
		e := New(Config{Seed: seed, PropagationMin: testPropMin, PropagationMax: testPropMax})
		var out []int64
		for i := 0; i < 50; i++ {
			d := e.propagation()
			if d < testPropMin || d > testPropMax {
				t.Fatalf("delay %s outside [%s, %s]", d, testPropMin, testPropMax)
			}
			out = append(out, int64(d))
		}
		return out
	}
	a, b, c := draw(1), draw(1), draw(2)
	same, differs := true, false
	for i := range a {
		same = same && a[i] == b[i]
		differs = differs || a[i] != c[i]
	}
	if !same || !differs {
		t.Fatalf("seeded delays: same seed equal %v, other seed differs %v", same, differs)
	}
}

func TestReenableCancelsPendingDisable(t *testing.T) {
	h := newHarness(t)
	id := h.createApp("flip")
	for _, s := range []string{api.StatusClose, api.StatusOpen} {
		if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: s}); err != nil {
			t.Fatal(err)
		}
	}
	if info := h.info(id); info.Status != api.AppStatusEnabled || info.TargetStatus != api.AppStatusEnabled {
		t.Fatalf("close then open: %+v", info)
	}
}

func TestClientTokenIdempotency(t *testing.T) {
	h := newHarness(t)
	req := &api.CreateTrtcAppRequest{AppName: "idem", Product: catalog.ProductCall, ClientToken: api.Ptr("token-1")}
	first, err := h.api.CreateTrtcApp(h.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	h.clk.Advance(catalog.ClientTokenTTL - 1)
	again, err := h.api.CreateTrtcApp(h.ctx, req)
	if err != nil || again.SdkAppId != first.SdkAppId {
		t.Fatalf("repeat within 24h: %+v %v, want %d", again, err, first.SdkAppId)
	}
	if n := len(h.emu.Apps()); n != 1 {
		t.Fatalf("repeat created an application: %d apps", n)
	}
	if tok := h.emu.Apps()[0].ClientToken; tok != "token-1" {
		t.Fatalf("admin ClientToken = %q", tok)
	}
	h.clk.Advance(2)
	later, err := h.api.CreateTrtcApp(h.ctx, req)
	if err != nil || later.SdkAppId == first.SdkAppId {
		t.Fatalf("after 24h the token must create a new application: %+v %v", later, err)
	}
}

func TestAppQuota(t *testing.T) {
	h := newHarness(t)
	a := h.emu.Account()
	a.AppQuota = 2
	h.emu.SetAccount(a)
	first := h.createApp("q1")
	h.createApp("q2")
	_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "q3", Product: catalog.ProductRTCEngine})
	wantCode(t, err, "LimitExceeded.AppQuota")
	// An application being deleted no longer counts.
	h.disable(first)
	if _, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: first}); err != nil {
		t.Fatal(err)
	}
	h.createApp("q3")
}

func TestDefaultQuotaIs300(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < catalog.MaxApps; i++ {
		h.createApp("app")
	}
	_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "one_more", Product: catalog.ProductRTCEngine})
	wantCode(t, err, "LimitExceeded.AppQuota")
}

func TestPlatformDisable(t *testing.T) {
	h := newHarness(t)
	id := h.createApp("overdue")
	if err := h.emu.DisableApp(id, "Overdue"); err != nil {
		t.Fatal(err)
	}
	if info := h.info(id); info.Status != api.AppStatusDisabled || info.TargetStatus != api.AppStatusDisabled || info.DisabledReason != "Overdue" {
		t.Fatalf("platform-disabled: %+v", info)
	}
	if err := h.emu.DisableApp(id, "Bored"); err == nil {
		t.Fatal("unknown reason accepted")
	}
	// Re-enabling propagates like any change, and clears the reason.
	if _, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: id, Status: api.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	h.clk.Advance(testPropMax)
	if info := h.info(id); info.Status != api.AppStatusEnabled || info.DisabledReason != "" {
		t.Fatalf("re-enabled: %+v", info)
	}
}
