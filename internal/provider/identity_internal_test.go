package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setIdentity stores what the framework's ResourceIdentity.Set stores.
func TestSetIdentityIsFrameworkSet(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		schema identityschema.Schema
		value  any
	}{
		{"application", appIdentitySchema(), appIdentity(1400000001)},
		{"tag", appTagIdentitySchema(), appTagIdentityModel{SdkAppID: types.Int64Value(1400000001), Key: types.StringValue("team")}},
		{"null key", appTagIdentitySchema(), appTagIdentityModel{SdkAppID: types.Int64Value(1), Key: types.StringNull()}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			null := tftypes.NewValue(tc.schema.Type().TerraformType(ctx), nil)
			want := &tfsdk.ResourceIdentity{Schema: tc.schema, Raw: null}
			if d := want.Set(ctx, tc.value); d.HasError() {
				t.Fatal(d)
			}
			got := &tfsdk.ResourceIdentity{Schema: tc.schema, Raw: null}
			var diags diag.Diagnostics
			setIdentity(ctx, got, tc.value, &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Errorf("setIdentity stored %v, the framework's Set %v", got.Raw, want.Raw)
			}
		})
	}
	// A model that does not match the schema is an error, not a panic.
	got := &tfsdk.ResourceIdentity{Schema: appTagIdentitySchema(), Raw: tftypes.NewValue(appTagIdentitySchema().Type().TerraformType(ctx), nil)}
	var diags diag.Diagnostics
	setIdentity(ctx, got, appIdentity(1), &diags)
	if !diags.HasError() {
		t.Errorf("an application identity stored as a tag identity: no error, raw %v", got.Raw)
	}
}
