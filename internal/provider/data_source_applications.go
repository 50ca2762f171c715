package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
)

// maxSdkAppIDsFilter is how many SdkAppIds DescribeAppStatList accepts as a filter.
const maxSdkAppIDsFilter = 100

var (
	_ datasource.DataSource              = &applicationsDataSource{}
	_ datasource.DataSourceWithConfigure = &applicationsDataSource{}
)

// NewApplicationsDataSource returns the trtc_applications data source.
func NewApplicationsDataSource() datasource.DataSource { return &applicationsDataSource{} }

// applicationsDataSource lists applications through DescribeAppStatList.
type applicationsDataSource struct {
	providerClient
}

type applicationsModel struct {
	ID        types.String `tfsdk:"id"`
	SdkAppIDs []int64      `tfsdk:"sdk_app_ids"`
	applicationFilters
	WithDetails  types.Bool         `tfsdk:"with_details"`
	IDs          []int64            `tfsdk:"ids"`
	Applications []applicationEntry `tfsdk:"applications"`
}

type applicationEntry struct {
	SdkAppID       int64             `tfsdk:"sdk_app_id"`
	Name           types.String      `tfsdk:"name"`
	Description    types.String      `tfsdk:"description"`
	StatusInEffect string            `tfsdk:"status_in_effect"`
	CreateTime     string            `tfsdk:"create_time"`
	Tags           map[string]string `tfsdk:"tags"`
	TagsAll        map[string]string `tfsdk:"tags_all"`
	License        types.String      `tfsdk:"license"`
	// With with_details only: what the listing lacks.
	Status     types.String `tfsdk:"status"`
	Product    types.String `tfsdk:"product"`
	DataRegion types.String `tfsdk:"data_region"`
}

func (d *applicationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_applications"
}

func (d *applicationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the TRTC applications of the account, optionally filtered. " +
			"Every filter given must match. Reads the account's applications through `DescribeAppStatList` (100 per page, shared with " +
			"the refresh of `trtc_application` resources in the same run) and filters them in the provider. " +
			"The listing only knows the status **in effect** (`status_in_effect`, also what the `status_in_effect` filter compares): " +
			"a change still propagating (3-5 minutes) is not visible in it. `with_details = true` also reads the target TRTC records (`status`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`trtc_applications` without filters, else a hash of the filters.",
			},
			"sdk_app_ids": schema.ListAttribute{
				ElementType:         types.Int64Type,
				Optional:            true,
				MarkdownDescription: "Only these SdkAppIds (at most 100).",
				Validators: []validator.List{
					listvalidator.SizeAtMost(maxSdkAppIDsFilter),
					listvalidator.UniqueValues(),
					listvalidator.ValueInt64sAre(int64validator.AtLeast(1)),
				},
			},
			"names": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: namesFilterDescription,
				Validators:          namesFilterValidators(),
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: nameRegexFilterDescription,
				Validators:          nameRegexFilterValidators(),
			},
			"status_in_effect": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: statusInEffectFilterDescription,
				Validators:          statusInEffectFilterValidators(),
			},
			"tags": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: tagsFilterDescription,
				Validators:          tagsFilterValidators(),
			},
			"with_details": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Also read `status`, `product` and `data_region` of each matching application, which the listing lacks " +
					"(one `DescribeSdkAppInfo` call per match): what a `trtc_application` needs to adopt it with a `for_each` import " +
					"(see the guide Adopting existing applications). Defaults to `false`.",
			},
			"ids": schema.ListAttribute{
				ElementType:         types.Int64Type,
				Computed:            true,
				MarkdownDescription: "SdkAppIds of the matching applications, in the order listed. " + sdkAppIDTypeDescription,
			},
			"applications": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching applications.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"sdk_app_id":  schema.Int64Attribute{Computed: true, MarkdownDescription: "The SdkAppId."},
						"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Application name; null if TRTC lists it as null."},
						"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Application description; null if TRTC lists it as null."},
						"status_in_effect": schema.StringAttribute{
							Computed: true,
							MarkdownDescription: "The status in effect, as in `trtc_application.status_in_effect`: `enabled` or `disabled`. " +
								"A change still propagating is not visible here: see `status`.",
						},
						"status": schema.StringAttribute{
							Computed: true,
							MarkdownDescription: "The status TRTC records as the target, as in `trtc_application.status`: `enabled` or `disabled`; " +
								"differs from `status_in_effect` while a change propagates. Null unless `with_details = true`.",
						},
						"create_time": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339, UTC)."},
						"tags": schema.MapAttribute{
							ElementType: types.StringType,
							Computed:    true,
							MarkdownDescription: "Tags bound to the application, without the provider's `default_tags` (a tag with a default's key and value) and `ignore_tags`, " +
								"as `trtc_application.tags` reads after an import: copied into a `trtc_application`, they plan no change.",
						},
						"tags_all": schema.MapAttribute{
							ElementType:         types.StringType,
							Computed:            true,
							MarkdownDescription: "Every tag bound to the application, the provider's `default_tags` included, as in `trtc_application.tags_all`; without `ignore_tags`.",
						},
						"license":     schema.StringAttribute{Computed: true, MarkdownDescription: "Package name, null when the application has none."},
						"product":     schema.StringAttribute{Computed: true, MarkdownDescription: "Product of the application; null unless `with_details = true`."},
						"data_region": schema.StringAttribute{Computed: true, MarkdownDescription: "Chat data region of the application; null unless `with_details = true`."},
					},
				},
			},
		},
	}
}

func (d *applicationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *applicationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var m applicationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	nameRe := m.nameRegexp(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	apps, err := d.pd.Inventory().List(ctx)
	if err != nil {
		addFailure(&resp.Diagnostics, "list", "the TRTC applications of the account", err, "")
		return
	}

	m.IDs = []int64{}
	m.Applications = []applicationEntry{}
	for _, app := range apps {
		if !m.matches(app, nameRe) {
			continue
		}
		entry := toApplicationEntry(app, d.pd.tagRules())
		if m.WithDetails.ValueBool() {
			if !d.readDetails(ctx, &entry, &resp.Diagnostics) {
				continue // deleted since the listing
			}
			if resp.Diagnostics.HasError() {
				return
			}
		}
		m.IDs = append(m.IDs, int64(app.ID))
		m.Applications = append(m.Applications, entry)
	}
	m.ID = types.StringValue(filtersID(m))
	tflog.Debug(ctx, "listed TRTC applications", map[string]any{"matches": len(m.IDs)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// matches applies sdk_app_ids, then the filters shared with the list resource.
func (m applicationsModel) matches(app inventory.App, nameRe *regexp.Regexp) bool {
	if len(m.SdkAppIDs) > 0 && !slices.Contains(m.SdkAppIDs, int64(app.ID)) {
		return false
	}
	return m.applicationFilters.matches(app, nameRe)
}

// readDetails fills status (the target), product and data_region from the
// application itself; false when it no longer exists or is being deleted.
func (d *applicationsDataSource) readDetails(ctx context.Context, e *applicationEntry, diags *diag.Diagnostics) bool {
	app, err := finder.LiveAppByID(ctx, d.pd.API, uint64(e.SdkAppID))
	if api.IsNotFound(err) {
		return false
	}
	if err != nil {
		addFailure(diags, "read", appObject(uint64(e.SdkAppID)), readError(uint64(e.SdkAppID), err), "")
		return true
	}
	e.Status = statusValue("status", targetStatus(app), diags)
	e.Product, e.DataRegion = types.StringValue(app.Product), types.StringValue(app.DataRegion)
	return true
}

func toApplicationEntry(app inventory.App, rules tagRules) applicationEntry {
	tags, tagsAll := rules.read(app.Tags)
	return applicationEntry{
		SdkAppID:       int64(app.ID),
		Name:           types.StringPointerValue(app.Name),
		Description:    types.StringPointerValue(app.Description),
		StatusInEffect: statusName(app.Enabled),
		CreateTime:     formatWireTime(app.CreateTime),
		Tags:           tags,
		TagsAll:        tagsAll,
		License:        types.StringPointerValue(app.License),
		Status:         types.StringNull(),
		Product:        types.StringNull(),
		DataRegion:     types.StringNull(),
	}
}

// filtersID is stable for the same filters, whatever the results.
func filtersID(m applicationsModel) string {
	if len(m.SdkAppIDs) == 0 && len(m.Names) == 0 && m.NameRegex.IsNull() && m.StatusInEffect.IsNull() && len(m.Tags) == 0 {
		return "trtc_applications"
	}
	b, _ := json.Marshal(map[string]any{ // maps marshal with sorted keys
		"sdk_app_ids":      m.SdkAppIDs,
		"names":            m.Names,
		"name_regex":       m.NameRegex.ValueStringPointer(),
		"status_in_effect": m.StatusInEffect.ValueStringPointer(),
		"tags":             m.Tags,
	})
	sum := sha256.Sum256(b)
	return "trtc_applications-" + hex.EncodeToString(sum[:8])
}
