package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/emutest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
	"github.com/trtc-oss/terraform-provider-trtc/internal/clock"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/transport"
)

// stateWith builds the state of r with the given attributes, null elsewhere.
func stateWith(t *testing.T, r resource.Resource, vals map[string]tftypes.Value) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	typ := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	return tfsdk.State{Schema: sresp.Schema, Raw: tfvalue.Object(typ, vals)}
}

// vanishedApp is the SdkAppId of an application that does not exist.
const vanishedApp = 1400999999

type vanishedObject struct {
	r     resource.Resource
	state map[string]tftypes.Value
}

// vanishedObjects are a state of each resource type on vanishedApp.
func vanishedObjects(pc providerClient) map[string]vanishedObject {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := tftypes.NewValue(tftypes.Number, vanishedApp)
	return map[string]vanishedObject{
		"trtc_application": {&applicationResource{pc}, map[string]tftypes.Value{
			"id": str("1400999999"), "sdk_app_id": num, "name": str("gone"), "product": str("RTCEngine"),
			"data_region": str("ap-singapore"), "sdk_secret_key": str("k"), "status": str("enabled"),
		}},
		"trtc_application_tag": {&applicationTagResource{pc}, map[string]tftypes.Value{
			"id": str("1400999999|team"), "sdk_app_id": num, "key": str("team"), "value": str("rtc"),
		}},
		"trtc_subscription": {&subscriptionResource{pc}, map[string]tftypes.Value{
			"id": str("1400999999"), "sdk_app_id": num, "edition": str("Standard"),
		}},
	}
}

// Read of an object deleted outside Terraform removes it from the state with
// a warning that names it, and no error (the acceptance tests see only the
// removal: Terraform does not show them the warning).
func TestReadOfVanishedObjectWarnsAndRemovesIt(t *testing.T) {
	_, client := emutest.Start(t, emulator.Config{Seed: 1, RateLimit: -1}, transport.Options{RateLimit: -1})
	cases := vanishedObjects(providerClient{pd: &ProviderData{API: client, Clock: clock.Real{}}})
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			state := stateWith(t, tc.r, tc.state)
			resp := &resource.ReadResponse{State: state}
			tc.r.Read(t.Context(), resource.ReadRequest{State: state}, resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("Read: %v", resp.Diagnostics)
			}
			if !resp.State.Raw.IsNull() {
				t.Errorf("the vanished object is still in the state")
			}
			warnings := resp.Diagnostics.Warnings()
			// One wording for every resource: the summary names the object, the
			// detail ends with what happened to the state.
			if len(warnings) != 1 || !strings.Contains(warnings[0].Summary(), "TRTC application 1400999999 no longer exists") ||
				!strings.HasSuffix(warnings[0].Detail(), "It was removed from the Terraform state; if the configuration still declares it, the next apply creates it again.") {
				t.Errorf("want one warning naming the application, got %v", warnings)
			}
		})
	}
}
