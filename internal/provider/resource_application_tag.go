package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/tagging"
)

var (
	_ resource.ResourceWithConfigure   = &applicationTagResource{}
	_ resource.ResourceWithImportState = &applicationTagResource{}
	_ resource.ResourceWithIdentity    = &applicationTagResource{}
)

// NewApplicationTagResource returns the trtc_application_tag resource.
func NewApplicationTagResource() resource.Resource { return &applicationTagResource{} }

type applicationTagResource struct {
	providerClient
}

func (r *applicationTagResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application_tag"
}

func (r *applicationTagResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *applicationTagResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan applicationTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.setTag(ctx, &plan, &resp.Diagnostics) {
		return
	}
	plan.ID = types.StringValue(applicationTagID(plan.appID(), plan.Key.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
}

func (r *applicationTagResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state applicationTagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, key := state.appID(), state.Key.ValueString()
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	value, err := finder.TagByKey(ctx, r.pd.API, id, key)
	if api.IsNotFound(err) {
		addVanished(&resp.Diagnostics, tagObject(id, key), r.vanishedReason(ctx, id))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addFailure(&resp.Diagnostics, "read", tagObject(id, key), err, "")
		return
	}
	state.ID = types.StringValue(applicationTagID(id, key))
	state.Value = types.StringValue(value)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// vanishedReason tells whether the key or the whole application went away.
func (r *applicationTagResource) vanishedReason(ctx context.Context, id uint64) string {
	_, err := finder.AppByID(ctx, r.pd.API, id)
	if api.IsNotFound(err) {
		return "The application was deleted outside Terraform, and its tags with it."
	}
	return "The tag key was removed from the application outside Terraform."
}

func (r *applicationTagResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan applicationTagModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics) // also when Terraform (< 1.12) planned none
	// TagResources overwrites the value of an existing key: no delete needed.
	if !r.setTag(ctx, &plan, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *applicationTagResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state applicationTagModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, err := r.pd.ResourceName(ctx, state.appID())
	if err != nil {
		addFailure(&resp.Diagnostics, "remove", tagObject(state.appID(), state.Key.ValueString()), err, "")
		return
	}
	tflog.Info(ctx, "removing a tag", map[string]any{"sdk_app_id": logID(state.appID()), "key": state.Key.ValueString()})
	out, err := r.pd.API.UnTagResources(ctx, &api.UnTagResourcesRequest{ResourceList: []string{name}, TagKeys: []string{state.Key.ValueString()}})
	if err == nil {
		err = tagging.CheckFailedResources("UnTagResources", out.FailedResources)
	}
	// A vanished application is reported inside FailedResources: its tag is gone too.
	if err != nil && !api.IsNotFound(err) {
		addFailure(&resp.Diagnostics, "remove", tagObject(state.appID(), state.Key.ValueString()), err, "")
	}
}

func (r *applicationTagResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, key, ok := importedTag(ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), applicationTagID(id, key))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sdk_app_id"), int64(id))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("key"), key)...)
	setIdentity(ctx, resp.Identity, appTagIdentityModel{SdkAppID: types.Int64Value(int64(id)), Key: types.StringValue(key)}, &resp.Diagnostics)
}

// importedTag is the application and key to import, from the import block's
// identity or from the "<sdk_app_id>|<key>" import ID.
func importedTag(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (uint64, string, bool) {
	var ident appTagIdentityModel
	if importIdentity(ctx, req, &ident, diags) {
		if diags.HasError() {
			return 0, "", false
		}
		id := identitySdkAppID("trtc_application_tag", ident.SdkAppID, diags)
		if ident.Key.ValueString() == "" {
			addAttributeError(diags, path.Root("key"), "Invalid import identity", "Import trtc_application_tag with identity key set to the tag key.")
		}
		return id, ident.Key.ValueString(), !diags.HasError()
	}
	id, key, ok := parseApplicationTagID(req.ID)
	if !ok {
		addInvalidID(diags, "trtc_application_tag", req.ID, "<sdk_app_id>|<key>", "1400000001|cost-center")
	}
	return id, key, ok
}

// setTag creates the key or overwrites its value through TagResources.
func (r *applicationTagResource) setTag(ctx context.Context, m *applicationTagModel, diags *diag.Diagnostics) bool {
	name, err := r.pd.ResourceName(ctx, m.appID())
	if err != nil {
		addFailure(diags, "set", tagObject(m.appID(), m.Key.ValueString()), err, "")
		return false
	}
	tflog.Info(ctx, "setting a tag", map[string]any{"sdk_app_id": logID(m.appID()), "key": m.Key.ValueString()})
	out, err := r.pd.API.TagResources(ctx, &api.TagResourcesRequest{
		ResourceList: []string{name},
		Tags:         []api.Tag{{TagKey: m.Key.ValueString(), TagValue: m.Value.ValueString()}},
	})
	if err == nil {
		err = tagging.CheckFailedResources("TagResources", out.FailedResources)
	}
	if err != nil {
		addFailure(diags, "set", tagObject(m.appID(), m.Key.ValueString()), tagWriteError(err), "")
		return false
	}
	return true
}
