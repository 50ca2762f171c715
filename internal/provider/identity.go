package provider

import (
	"context"
	"fmt"
	"reflect"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Resource identity (Terraform >= 1.12): the typed key an import block's
// `identity = {...}` names, kept beside the state and returned by the
// trtc_application list resource. trtc_application and trtc_subscription
// are identified by the SdkAppId alone, trtc_application_tag by the SdkAppId
// and the key.

// appIdentityModel is the identity of trtc_application and trtc_subscription.
type appIdentityModel struct {
	SdkAppID types.Int64 `tfsdk:"sdk_app_id"`
}

// appTagIdentityModel is the identity of trtc_application_tag.
type appTagIdentityModel struct {
	SdkAppID types.Int64  `tfsdk:"sdk_app_id"`
	Key      types.String `tfsdk:"key"`
}

func appIdentity(id uint64) appIdentityModel {
	return appIdentityModel{SdkAppID: types.Int64Value(int64(id))}
}

func sdkAppIDIdentityAttribute() identityschema.Attribute {
	return identityschema.Int64Attribute{
		RequiredForImport: true,
		Description:       "The SdkAppId of the application, such as 1400000001.",
	}
}

func appIdentitySchema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{"sdk_app_id": sdkAppIDIdentityAttribute()}}
}

func appTagIdentitySchema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"sdk_app_id": sdkAppIDIdentityAttribute(),
		"key":        identityschema.StringAttribute{RequiredForImport: true, Description: "The tag key."},
	}}
}

// setIdentity stores the identity; identity is nil when Terraform (< 1.12)
// does not support identities, and then there is nothing to store. value is
// an identity model (attr.Value fields tagged with their attribute names).
// Read stores it for every resource of a refresh, so the object is built
// here field by field: the framework's Set reflects over the struct anew
// on every call (see modelDecoder).
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, value any, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	typ := identity.Schema.Type().TerraformType(ctx)
	v := reflect.ValueOf(value)
	attrs := make(map[string]tftypes.Value, v.NumField())
	var err error
	for i := 0; err == nil && i < v.NumField(); i++ {
		attrs[v.Type().Field(i).Tag.Get("tfsdk")], err = v.Field(i).Interface().(attr.Value).ToTerraformValue(ctx)
	}
	if err == nil {
		err = tftypes.ValidateValue(typ, attrs)
	}
	if err != nil {
		addFailure(diags, "set", "the identity of the resource", err, "Please report this issue to the provider developers.")
		return
	}
	identity.Raw = tftypes.NewValue(typ, attrs)
}

// importIdentity reads an import block's identity into target; false (with
// nothing read) when the import is by ID string instead.
func importIdentity(ctx context.Context, req resource.ImportStateRequest, target any, diags *diag.Diagnostics) bool {
	if req.ID != "" || req.Identity == nil {
		return false
	}
	diags.Append(req.Identity.Get(ctx, target)...)
	return true
}

// identitySdkAppID checks the sdk_app_id of an import identity.
func identitySdkAppID(typeName string, v types.Int64, diags *diag.Diagnostics) uint64 {
	if v.IsNull() || v.IsUnknown() || v.ValueInt64() <= 0 {
		addAttributeError(diags, path.Root("sdk_app_id"), "Invalid import identity",
			fmt.Sprintf("Import %s with identity sdk_app_id set to the SdkAppId of the application, a positive number such as 1400000001; got %s.", typeName, v))
		return 0
	}
	return uint64(v.ValueInt64())
}

// importBySdkAppID imports trtc_application or trtc_subscription by the
// SdkAppId, given as the import ID string or as identity.sdk_app_id, and
// sets id, sdk_app_id and the identity.
func importBySdkAppID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	var id uint64
	var ident appIdentityModel
	if importIdentity(ctx, req, &ident, &resp.Diagnostics) {
		if resp.Diagnostics.HasError() {
			return false
		}
		id = identitySdkAppID(typeName, ident.SdkAppID, &resp.Diagnostics)
	} else {
		n, err := strconv.ParseUint(req.ID, 10, 64)
		if err != nil || n == 0 {
			addInvalidID(&resp.Diagnostics, typeName, req.ID, sdkAppIDForm, sdkAppIDExample)
		}
		id = n
	}
	if resp.Diagnostics.HasError() {
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatUint(id, 10))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sdk_app_id"), int64(id))...)
	setIdentity(ctx, resp.Identity, appIdentity(id), &resp.Diagnostics)
	return !resp.Diagnostics.HasError()
}
