package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
)

var (
	_ list.ListResource              = &applicationListResource{}
	_ list.ListResourceWithConfigure = &applicationListResource{}
)

// NewApplicationListResource returns the trtc_application list resource,
// for `terraform query` (Terraform >= 1.14).
func NewApplicationListResource() list.ListResource { return &applicationListResource{} }

// applicationListResource lists the account's applications through the
// same paged listing as trtc_applications (internal/inventory).
type applicationListResource struct {
	providerClient
}

func (r *applicationListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

func (r *applicationListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *applicationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the account's TRTC applications for `terraform query`, with the filters of the `trtc_applications` data source. " +
			"Each result has the identity (`sdk_app_id`) and the name as display name; with `include_resource = true`, also the whole `trtc_application`.",
		Attributes: map[string]schema.Attribute{
			"names": schema.ListAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: namesFilterDescription, Validators: namesFilterValidators(),
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: nameRegexFilterDescription, Validators: nameRegexFilterValidators(),
			},
			"status_in_effect": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: statusInEffectFilterDescription, Validators: statusInEffectFilterValidators(),
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: tagsFilterDescription, Validators: tagsFilterValidators(),
			},
		},
	}
}

// List streams the matching applications in creation order. The listing
// (DescribeAppStatList, 100 per page) gives identity, display name and
// tags; include_resource adds one DescribeSdkAppInfo per result for the
// attributes it lacks (product, data region, secret key).
func (r *applicationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	if !r.configured(&diags) {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var filters applicationFilters
	diags.Append(req.Config.Get(ctx, &filters)...)
	nameRe := filters.nameRegexp(&diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	apps, err := r.pd.Inventory().List(ctx)
	if err != nil {
		addFailure(&diags, "list", "the TRTC applications of the account", err, "")
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var sent int64
		for _, app := range apps {
			if req.Limit > 0 && sent >= req.Limit {
				return
			}
			if !filters.matches(app, nameRe) {
				continue
			}
			result := req.NewListResult(ctx)
			result.DisplayName = strconv.FormatUint(app.ID, 10) // when the name is listed as null
			if app.Name != nil {
				result.DisplayName = *app.Name
			}
			result.Diagnostics.Append(result.Identity.Set(ctx, appIdentity(app.ID))...)
			if req.IncludeResource && !r.fillResource(ctx, app, &result) {
				continue // deleted since the listing
			}
			sent++
			if !push(result) {
				return
			}
		}
		tflog.Debug(ctx, "listed TRTC applications for terraform query", map[string]any{"listed": len(apps), "results": sent})
	}
}

// fillResource sets the whole trtc_application of a listed application, as
// the resource's Read after an import would; false when it is gone.
func (r *applicationListResource) fillResource(ctx context.Context, listed inventory.App, result *list.ListResult) bool {
	app, err := finder.LiveAppByID(ctx, r.pd.API, listed.ID)
	if api.IsNotFound(err) {
		return false
	}
	if err != nil {
		addFailure(&result.Diagnostics, "read", appObject(listed.ID), readError(listed.ID, err), "")
		return true
	}
	m := applicationModel{Tags: types.MapNull(types.StringType), TagsAll: types.MapNull(types.StringType)}
	m.Timeouts = timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes(ctx, result.Resource.Schema.TypeAtPath))}
	m.setFromApp(app, &result.Diagnostics)
	m.setTags(listed.Tags, r.pd.tagRules()) // the listing's tags: no Tag API call
	if !result.Diagnostics.HasError() {
		result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	}
	return true
}

// timeoutsAttrTypes are the attributes of the resource's timeouts block.
func timeoutsAttrTypes(ctx context.Context, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) map[string]attr.Type {
	t, _ := typeAt(ctx, path.Root("timeouts"))
	if obj, ok := t.(attr.TypeWithAttributeTypes); ok {
		return obj.AttributeTypes()
	}
	return map[string]attr.Type{}
}
