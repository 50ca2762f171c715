package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithModifyPlan = &applicationTagResource{}

// ModifyPlan warns of what would go wrong at apply, from what is at hand
// (no API call): a key that default_tags also sets on the application, and
// an application that the account listing already fetched does not hold.
func (r *applicationTagResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.pd == nil {
		return // destroy, or the provider is configured only at apply
	}
	var plan applicationTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if key := plan.Key.ValueString(); !plan.Key.IsUnknown() {
		if value, ok := r.pd.DefaultTags[key]; ok {
			addAttributeWarning(&resp.Diagnostics, path.Root("key"), fmt.Sprintf("Tag %q is also in the provider's default_tags", key),
				fmt.Sprintf("trtc_application_tag does not receive default tags, but trtc_application does: the application's tags_all sets %q to %q "+
					"from default_tags, so each apply of the application would undo this tag, and each apply of this tag the application's. "+
					"Manage the key in one place: remove it from default_tags, or remove this trtc_application_tag.", key, value))
		}
	}
	if plan.SdkAppID.IsUnknown() {
		return
	}
	if app, known := r.pd.Inventory().Peek(plan.appID()); known && app == nil {
		addAttributeWarning(&resp.Diagnostics, path.Root("sdk_app_id"), "Could not find "+appObject(plan.appID()),
			"The account's listing does not hold it: it does not exist, is being deleted, or was created moments ago outside Terraform. "+
				"If it does not exist, applying will fail to tag it. Check sdk_app_id.")
	}
}
