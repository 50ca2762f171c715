package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// Creating a trtc_subscription for a package that is already active adopts
// it from the one read Create makes first: no purchase, no second read.
func TestSubscriptionCreateAdoptsWithOneRead(t *testing.T) {
	ctx := t.Context()
	emu, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	app, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "adopted", Product: "RTCEngine"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateTrtcFreeLicense(ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: app.SdkAppId}); err != nil {
		t.Fatal(err)
	}
	r := &subscriptionResource{providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}}}
	planned := stateWith(t, r, map[string]tftypes.Value{
		"sdk_app_id": tftypes.NewValue(tftypes.Number, app.SdkAppId),
		"edition":    tftypes.NewValue(tftypes.String, "Trial"),
		"auto_renew": tftypes.NewValue(tftypes.Bool, false),
	})
	calls := func() map[string]int { return emu.Stats().Calls }
	before := calls()

	resp := &resource.CreateResponse{State: tfsdk.State{Schema: planned.Schema, Raw: tftypes.NewValue(planned.Raw.Type(), nil)}}
	r.Create(ctx, resource.CreateRequest{Plan: tfsdk.Plan(planned)}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var got subscriptionModel
	if d := resp.State.Get(ctx, &got); d.HasError() {
		t.Fatal(d)
	}
	if got.ID.ValueString() == "" || got.Edition.ValueString() != "Trial" || got.Status.ValueString() != api.SubscriptionActive || got.TrialsUsed.ValueInt64() != 1 {
		t.Errorf("state %+v, want the adopted active Trial", got)
	}
	// The plan warned of the adoption, and Terraform shows that warning again
	// at apply (it plans again): Create does not repeat it.
	if w := resp.Diagnostics.Warnings(); len(w) != 0 {
		t.Errorf("warnings %v, want none (the plan's adoption warning is not repeated)", w)
	}
	after := calls()
	if n := after["trtc.DescribeAppSubscription"] - before["trtc.DescribeAppSubscription"]; n != 1 {
		t.Errorf("DescribeAppSubscription called %d times, want 1", n)
	}
	if n := after["trtc.CreateTrtcFreeLicense"] - before["trtc.CreateTrtcFreeLicense"]; n != 0 {
		t.Errorf("CreateTrtcFreeLicense called %d times while adopting", n)
	}
}
