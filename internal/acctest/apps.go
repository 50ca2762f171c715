package acctest

import (
	"context"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tagging"
)

// App is the service's view of one application; false when there is none
// with that SdkAppId. In process it is the emulator's admin record. In
// external mode it is what the public API reads (DescribeSdkAppInfo, the
// Tag API, DescribeAppSubscription): the same fields but ClientToken, which
// stays empty, and an application whose deletion is still propagating,
// which reads as none. A check that needs either calls Emulator.Apps.
func (e *Env) App(sdkAppID uint64) (emulator.AppView, bool, error) {
	if !e.IsExternal() {
		for _, a := range e.Emulator.Apps() {
			if a.SdkAppId == sdkAppID {
				return a, true, nil
			}
		}
		return emulator.AppView{}, false, nil
	}
	ctx, client := context.Background(), e.Client()
	info, err := finder.AppByID(ctx, client, sdkAppID)
	if api.IsNotFound(err) {
		return emulator.AppView{}, false, nil
	}
	if err != nil {
		return emulator.AppView{}, false, err
	}
	tags, err := tagging.ReadApp(ctx, client, sdkAppID)
	if err != nil {
		return emulator.AppView{}, false, err
	}
	sub, err := finder.SubscriptionByAppID(ctx, client, sdkAppID)
	if err != nil {
		return emulator.AppView{}, false, err
	}
	return emulator.AppView{SdkAppId: sdkAppID, AppName: info.AppName, Status: info.Status,
		TargetStatus: info.TargetStatus, Tags: tags, Edition: sub.Edition}, true, nil
}

// AppIDsNamed are the SdkAppIds of the applications named name, read
// through the public listing in both modes.
func (e *Env) AppIDsNamed(t testing.TB, name string) []uint64 {
	t.Helper()
	out, err := e.Client().DescribeAppStatList(context.Background(), &api.DescribeAppStatListRequest{AppNames: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]uint64, len(out.SdkAppInfos))
	for i, a := range out.SdkAppInfos {
		ids[i] = a.ID
	}
	return ids
}

// AppID is the SdkAppId of the one application named name, read through
// the public listing: test names are random, so one is all there can be.
func (e *Env) AppID(t testing.TB, name string) uint64 {
	t.Helper()
	ids := e.AppIDsNamed(t, name)
	if len(ids) != 1 {
		t.Fatalf("want one application named %q, the listing has %d", name, len(ids))
	}
	return ids[0]
}
