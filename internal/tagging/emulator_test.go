package tagging

import (
	"errors"
	"reflect"
	"testing"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// TestAgainstEmulator runs a tag round trip through the real transport and
// the emulator's Tag service, with more tags than one request may carry.
func TestAgainstEmulator(t *testing.T) {
	emu, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	ctx := t.Context()
	ids := make([]uint64, 2)
	for i := range ids {
		out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "tagged", Product: catalog.ProductRTCEngine})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = out.SdkAppId
	}
	name := catalog.ResourceName(emulator.DefaultUIN, ids[0])

	first := manyTags(23, "one")
	if err := Update(ctx, client, name, nil, first); err != nil {
		t.Fatal(err)
	}
	second := manyTags(12, "two") // 12 changed, 11 removed
	second["部门 A"] = "研发【1】"
	if err := Update(ctx, client, name, first, second); err != nil {
		t.Fatal(err)
	}
	all, err := ReadApps(ctx, client, ids)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all[ids[0]], second) {
		t.Errorf("tags = %v, want %v", all[ids[0]], second)
	}
	if len(all[ids[1]]) != 0 {
		t.Errorf("untagged app has %v", all[ids[1]])
	}
	if n := emu.Stats().Calls["tag.TagResources"]; n != 5 { // 3 batches, then 2
		t.Errorf("TagResources calls = %d, want 5", n)
	}
}

// TestMissingApplicationAgainstEmulator: the Tag service reports an unknown
// application inside FailedResources (an HTTP success), which must read as
// not found so that removing a tag of a deleted application counts as done.
func TestMissingApplicationAgainstEmulator(t *testing.T) {
	_, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	name := catalog.ResourceName(emulator.DefaultUIN, 1400999999)
	err := Update(t.Context(), client, name, map[string]string{"a": "b"}, nil)
	var failed *FailedResourcesError
	if !errors.As(err, &failed) || len(failed.Failed) != 1 || failed.Failed[0].Resource != name {
		t.Fatalf("err = %v, want FailedResources naming %s", err, name)
	}
	if !api.IsNotFound(err) || !errors.Is(err, api.ErrNotFound) {
		t.Errorf("api.IsNotFound = %v for %v; want true", api.IsNotFound(err), err)
	}
}
