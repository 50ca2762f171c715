package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestConfiguredWithoutProviderData(t *testing.T) {
	var c providerClient
	var diags diag.Diagnostics
	c.configure(nil, &diags) // during validate: tolerated
	if diags.HasError() || c.configured(&diags) || !diags.HasError() {
		t.Errorf("nil ProviderData: configure must accept it, configured must refuse it: %v", diags)
	}
	diags = nil
	c.configure("not provider data", &diags)
	if !diags.HasError() {
		t.Error("a foreign ProviderData must be an error")
	}
	diags = nil
	c.configure(&ProviderData{}, &diags)
	if diags.HasError() || !c.configured(&diags) {
		t.Errorf("configured provider refused: %v", diags)
	}
}

func TestImportBySdkAppID(t *testing.T) {
	ctx := context.Background()
	var sresp resource.SchemaResponse
	(&subscriptionResource{}).Schema(ctx, resource.SchemaRequest{}, &sresp)
	s := sresp.Schema
	importID := func(id string) *resource.ImportStateResponse {
		resp := &resource.ImportStateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
		importBySdkAppID(ctx, "trtc_subscription", resource.ImportStateRequest{ID: id}, resp)
		return resp
	}
	for _, bad := range []string{"", "abc", "0", "-1", "1400000001,x", "99999999999999999999"} {
		resp := importID(bad)
		if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "trtc_subscription") {
			t.Errorf("import ID %q: %v, want an error naming the resource type", bad, resp.Diagnostics)
		}
	}
	resp := importID("01400000001")
	var id types.String
	var appID types.Int64
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root("sdk_app_id"), &appID)...)
	if resp.Diagnostics.HasError() || id.ValueString() != "1400000001" || appID.ValueInt64() != 1400000001 {
		t.Errorf("import 01400000001: id %v, sdk_app_id %v, %v", id, appID, resp.Diagnostics)
	}
}
