package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

var (
	_ datasource.DataSourceWithConfigure        = &applicationDataSource{}
	_ datasource.DataSourceWithConfigValidators = &applicationDataSource{}
)

// NewApplicationDataSource returns the trtc_application data source.
func NewApplicationDataSource() datasource.DataSource { return &applicationDataSource{} }

// applicationDataSource reads one application, by SdkAppId or by exact
// name, with every attribute trtc_application has (but the Terraform-side
// deletion_protection and timeouts): another workspace can read its
// sdk_secret_key without the first one's state.
type applicationDataSource struct {
	providerClient
}

type applicationDataModel struct {
	ID             types.String `tfsdk:"id"`
	SdkAppID       types.Int64  `tfsdk:"sdk_app_id"`
	Name           types.String `tfsdk:"name"`
	Description    types.String `tfsdk:"description"`
	Product        types.String `tfsdk:"product"`
	DataRegion     types.String `tfsdk:"data_region"`
	Status         types.String `tfsdk:"status"`
	StatusInEffect types.String `tfsdk:"status_in_effect"`
	Tags           types.Map    `tfsdk:"tags"`
	TagsAll        types.Map    `tfsdk:"tags_all"`
	SdkSecretKey   types.String `tfsdk:"sdk_secret_key"`
	CreateTime     types.String `tfsdk:"create_time"`
	DisabledReason types.String `tfsdk:"disabled_reason"`
}

func (d *applicationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

func (d *applicationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one TRTC application, by `sdk_app_id` or by exact `name` (exactly one of them), with every attribute " +
			"of a `trtc_application`, `sdk_secret_key` included: another workspace can read an application's key without the remote " +
			"state of the one that manages it. By `sdk_app_id`: `DescribeSdkAppInfo` and the application's tags; by `name`, first the " +
			"account listing (`DescribeAppStatList`, shared with the other reads of the run). An application that does not exist, or " +
			"whose deletion is under way, is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: idAsStringDescription},
			"sdk_app_id": schema.Int64Attribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "The SdkAppId of the application to read. Exactly one of `sdk_app_id` and `name`.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The exact name of the application to read; an error when no application or several have it " +
					"(the error lists them: read one by `sdk_app_id`). Exactly one of `sdk_app_id` and `name`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description":      schema.StringAttribute{Computed: true, MarkdownDescription: "Application description."},
			"product":          schema.StringAttribute{Computed: true, MarkdownDescription: "Product of the application: `RTCEngine`, `Call`, `Live` or `Conference`."},
			"data_region":      schema.StringAttribute{Computed: true, MarkdownDescription: "Chat data region of the application."},
			"status":           schema.StringAttribute{Computed: true, MarkdownDescription: "The status TRTC records as the target, as in `trtc_application.status`: `enabled` or `disabled`."},
			"status_in_effect": schema.StringAttribute{Computed: true, MarkdownDescription: "The status in effect, as in `trtc_application.status_in_effect`: `enabled` or `disabled`; differs from `status` while a change propagates."},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "Tags of the application as `trtc_application.tags` reads them after an import: without the provider's " +
					"`default_tags` (a tag with a default's key and value) and `ignore_tags`.",
			},
			"tags_all": schema.MapAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "Every tag of the application, the provider's `default_tags` included, as in `trtc_application.tags_all`; without `ignore_tags`.",
			},
			"sdk_secret_key": schema.StringAttribute{
				Computed:            true,
				Sensitive:           true,
				MarkdownDescription: "The `SDKSecretKey` used to sign UserSigs. Sensitive: it is in the state of the configuration that reads it.",
			},
			"create_time":     schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339, UTC)."},
			"disabled_reason": schema.StringAttribute{Computed: true, MarkdownDescription: "Why the application is disabled: `Manual`, `Overdue` or `NoPackage`; null when enabled."},
		},
	}
}

func (d *applicationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("sdk_app_id"), path.MatchRoot("name")),
	}
}

func (d *applicationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *applicationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var cfg applicationDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	at := path.Root("sdk_app_id")
	id := uint64(cfg.SdkAppID.ValueInt64())
	if cfg.SdkAppID.IsNull() {
		at = path.Root("name")
		if id = d.idByName(ctx, cfg.Name.ValueString(), &resp.Diagnostics); id == 0 {
			return
		}
	}
	app, err := finder.LiveAppByID(ctx, d.pd.API, id) // one being deleted is not found
	if api.IsNotFound(err) {
		addAttributeFailure(&resp.Diagnostics, at, "read", appObject(id), err, noSuchAppAdvice(at))
		return
	}
	if err != nil {
		addFailure(&resp.Diagnostics, "read", appObject(id), readError(id, err), "")
		return
	}
	onApp, err := finder.TagsByAppID(ctx, d.pd.API, id)
	if err != nil {
		addFailure(&resp.Diagnostics, "read the tags of", appObject(id), err, "")
		return
	}
	m := applicationDataFrom(app, onApp, d.pd.tagRules(), &resp.Diagnostics)
	tflog.Debug(ctx, "read TRTC application", map[string]any{"sdk_app_id": logID(id), "by": at.String()})
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// noSuchAppAdvice is what a data source says when the application that
// attribute at names does not exist.
func noSuchAppAdvice(at path.Path) string {
	return "No application with this " + at.String() + " exists in this account (it may have been deleted). Check " + at.String() + "."
}

// idByName finds the one application named name in the account listing;
// 0, with an error on name, when none or several are.
func (d *applicationDataSource) idByName(ctx context.Context, name string, diags *diag.Diagnostics) uint64 {
	apps, err := d.pd.Inventory().List(ctx)
	if err != nil {
		addFailure(diags, "list", "the TRTC applications of the account", err, "")
		return 0
	}
	var ids []string
	var id uint64
	for _, app := range apps {
		if app.Name != nil && *app.Name == name {
			id = app.ID
			ids = append(ids, strconv.FormatUint(app.ID, 10))
		}
	}
	object := fmt.Sprintf("the TRTC application named %q", name)
	switch len(ids) {
	case 0:
		addAttributeFailure(diags, path.Root("name"), "find", object,
			errors.New("no application of this account has this name (names are matched exactly)"),
			"Check name, or read the application by sdk_app_id.")
		return 0
	case 1:
		return id
	}
	addAttributeFailure(diags, path.Root("name"), "choose", object,
		fmt.Errorf("%d applications of this account have this name: SdkAppIds %s", len(ids), strings.Join(ids, ", ")),
		"Read one of them by sdk_app_id instead of name.")
	return 0
}

// applicationDataFrom is what trtc_application would read of app, whose
// tags are onApp (the attribute mapping is the resource's: setFromApp).
func applicationDataFrom(app *api.DescribeSdkAppInfoResponse, onApp map[string]string, rules tagRules, diags *diag.Diagnostics) applicationDataModel {
	var r applicationModel
	r.setFromApp(app, diags)
	own, all := rules.read(onApp)
	tags, d := types.MapValueFrom(context.Background(), types.StringType, own)
	diags.Append(d...)
	tagsAll, d := types.MapValueFrom(context.Background(), types.StringType, all)
	diags.Append(d...)
	return applicationDataModel{
		ID: r.ID, SdkAppID: r.SdkAppID, Name: r.Name, Description: r.Description, Product: r.Product, DataRegion: r.DataRegion,
		Status: r.Status, StatusInEffect: r.StatusInEffect, Tags: tags, TagsAll: tagsAll, SdkSecretKey: r.SdkSecretKey,
		CreateTime: r.CreateTime, DisabledReason: r.DisabledReason,
	}
}
