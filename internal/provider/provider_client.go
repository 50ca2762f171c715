package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// providerClient is embedded by every resource, data source and ephemeral
// resource of the provider: it keeps the *ProviderData handed over by
// Configure and tells, once per operation, whether there is one.
type providerClient struct {
	pd *ProviderData
}

// configure stores the framework's ProviderData; nil (before the provider is
// configured, e.g. during validate) is tolerated and leaves pd nil.
func (c *providerClient) configure(data any, diags *diag.Diagnostics) {
	c.pd = providerDataFrom(data, diags)
}

// configured reports an error when the provider could not be configured
// (e.g. its configuration was still unknown), instead of panicking.
func (c *providerClient) configured(diags *diag.Diagnostics) bool {
	if c.pd == nil {
		diags.AddError("Provider not configured", "The trtc provider has no client; check the provider configuration (credentials, endpoint) and run the command again.")
		return false
	}
	return true
}

// importBySdkAppID reads an import ID that is the SdkAppId alone (as for
// trtc_application and trtc_subscription) and sets id and sdk_app_id.
func importBySdkAppID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	id, err := strconv.ParseUint(req.ID, 10, 64)
	if err != nil || id == 0 {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import %s by the SdkAppId of the application, a positive decimal number such as 1400000001; got %q.", typeName, req.ID))
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatUint(id, 10))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sdk_app_id"), int64(id))...)
	return !resp.Diagnostics.HasError()
}
