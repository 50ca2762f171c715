package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Destroying the tag of an application deleted after the refresh: the Tag
// service answers UnTagResources with success and the application in
// FailedResources (FailedOperation.SdkAppIdNotExist). The tag is gone with
// it, so the delete succeeds. (Terraform refreshes before destroying, so an
// acceptance test cannot reach this window; Delete is called directly.)
func TestApplicationTagDeleteOfVanishedApplication(t *testing.T) {
	emu, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	r := &applicationTagResource{providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}}}
	ctx := t.Context()
	var schemaResp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	state := tfsdk.State{Schema: schemaResp.Schema}
	const vanished = 1400999999
	if diags := state.Set(ctx, &applicationTagModel{
		ID: types.StringValue(applicationTagID(vanished, "team")), SdkAppID: types.Int64Value(vanished),
		Key: types.StringValue("team"), Value: types.StringValue("rtc"),
	}); diags.HasError() {
		t.Fatalf("building the state: %v", diags)
	}

	resp := &resource.DeleteResponse{State: state}
	r.Delete(ctx, resource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() {
		t.Errorf("deleting the tag of a vanished application: %v", resp.Diagnostics)
	}
	if n := emu.Stats().Calls[api.ServiceTag+".UnTagResources"]; n != 1 {
		t.Errorf("UnTagResources calls = %d, want 1 (the delete must ask the Tag service)", n)
	}
}
