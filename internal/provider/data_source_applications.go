package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

// maxSdkAppIDsFilter is how many SdkAppIds DescribeAppStatList accepts as a filter.
const maxSdkAppIDsFilter = 100

var (
	_ datasource.DataSource              = &ApplicationsDataSource{}
	_ datasource.DataSourceWithConfigure = &ApplicationsDataSource{}
)

// NewApplicationsDataSource is the constructor registered with the provider.
func NewApplicationsDataSource() datasource.DataSource { return &ApplicationsDataSource{} }

// ApplicationsDataSource lists applications through DescribeAppStatList.
type ApplicationsDataSource struct {
	providerClient
}

type applicationsModel struct {
	ID           types.String       `tfsdk:"id"`
	SdkAppIDs    []int64            `tfsdk:"sdk_app_ids"`
	Names        []string           `tfsdk:"names"`
	NameRegex    types.String       `tfsdk:"name_regex"`
	Status       types.String       `tfsdk:"status"`
	Tags         map[string]string  `tfsdk:"tags"`
	IDs          []string           `tfsdk:"ids"`
	Applications []applicationEntry `tfsdk:"applications"`
}

type applicationEntry struct {
	SdkAppID    int64             `tfsdk:"sdk_app_id"`
	Name        string            `tfsdk:"name"`
	Description string            `tfsdk:"description"`
	Status      string            `tfsdk:"status"`
	CreateTime  string            `tfsdk:"create_time"`
	Tags        map[string]string `tfsdk:"tags"`
	License     types.String      `tfsdk:"license"`
}

func (d *ApplicationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_applications"
}

func (d *ApplicationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the TRTC applications of the account, optionally filtered. " +
			"Every filter given must match. Reads the account's applications through `DescribeAppStatList` (100 per page, shared with " +
			"the refresh of `trtc_application` resources in the same run) and filters them in the provider. " +
			"`status` is the state **in effect**: an enable or disable still propagating (3-5 minutes) is not reflected yet.",
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
				MarkdownDescription: "Only applications with one of these exact names.",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
			},
			"name_regex": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only applications whose name matches this [RE2 regular expression](https://github.com/google/re2/wiki/Syntax), applied by the provider.",
				Validators:          []validator.String{regexpValidator{}},
			},
			"status": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only applications in this state in effect: `enabled` or `disabled`.",
				Validators:          []validator.String{stringvalidator.OneOf(appStatusEnabled, appStatusDisabled)},
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Only applications carrying every one of these tag keys; " +
					"with the given value when the value is not empty (`\"\"` matches any value).",
				Validators: []validator.Map{
					mapvalidator.KeysAre(validators.TagKey()),
					mapvalidator.ValueStringsAre(stringvalidator.Any(stringvalidator.LengthAtMost(0), validators.TagValue())),
				},
			},
			"ids": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "SdkAppIds of the matching applications, as strings, in the order listed.",
			},
			"applications": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching applications.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"sdk_app_id":  schema.Int64Attribute{Computed: true, MarkdownDescription: "The SdkAppId."},
						"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Application name."},
						"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Application description."},
						"status":      schema.StringAttribute{Computed: true, MarkdownDescription: "State in effect: `enabled` or `disabled`."},
						"create_time": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339, UTC)."},
						"tags": schema.MapAttribute{
							ElementType:         types.StringType,
							Computed:            true,
							MarkdownDescription: "Tags bound to the application.",
						},
						"license": schema.StringAttribute{Computed: true, MarkdownDescription: "Package name, null when the application has none."},
					},
				},
			},
		},
	}
}

func (d *ApplicationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *ApplicationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.configured(&resp.Diagnostics) {
		return
	}
	var m applicationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	var nameRe *regexp.Regexp
	if !m.NameRegex.IsNull() {
		var err error
		if nameRe, err = regexp.Compile(m.NameRegex.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", err.Error())
			return
		}
	}

	apps, err := d.pd.Inventory().List(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Listing TRTC applications", err.Error())
		return
	}

	m.IDs = []string{}
	m.Applications = []applicationEntry{}
	for _, app := range apps {
		if !m.matches(app, nameRe) {
			continue
		}
		m.IDs = append(m.IDs, strconv.FormatUint(app.ID, 10))
		m.Applications = append(m.Applications, toApplicationEntry(app))
	}
	m.ID = types.StringValue(filtersID(m))
	tflog.Debug(ctx, "listed TRTC applications", map[string]any{"matches": len(m.IDs)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// matches applies the filters as DescribeAppStatList does server-side
// (every given filter must match; a tag filter with an empty value matches
// any value of that key), plus name_regex.
func (m applicationsModel) matches(app inventory.App, nameRe *regexp.Regexp) bool {
	if len(m.SdkAppIDs) > 0 && !slices.Contains(m.SdkAppIDs, int64(app.ID)) {
		return false
	}
	if len(m.Names) > 0 && !slices.Contains(m.Names, app.Name) {
		return false
	}
	if !m.Status.IsNull() && m.Status.ValueString() != statusName(app.Enabled) {
		return false
	}
	for k, want := range m.Tags {
		if got, ok := app.Tags[k]; !ok || (want != "" && got != want) {
			return false
		}
	}
	return nameRe == nil || nameRe.MatchString(app.Name)
}

func statusName(enabled bool) string {
	if enabled {
		return appStatusEnabled
	}
	return appStatusDisabled
}

func toApplicationEntry(app inventory.App) applicationEntry {
	return applicationEntry{
		SdkAppID:    int64(app.ID),
		Name:        app.Name,
		Description: app.Description,
		Status:      statusName(app.Enabled),
		CreateTime:  formatWireTime(app.CreateTime),
		Tags:        maps.Clone(app.Tags),
		License:     types.StringPointerValue(app.License),
	}
}

// filtersID is stable for the same filters, whatever the results.
func filtersID(m applicationsModel) string {
	if len(m.SdkAppIDs) == 0 && len(m.Names) == 0 && m.NameRegex.IsNull() && m.Status.IsNull() && len(m.Tags) == 0 {
		return "trtc_applications"
	}
	b, _ := json.Marshal(map[string]any{ // maps marshal with sorted keys
		"sdk_app_ids": m.SdkAppIDs,
		"names":       m.Names,
		"name_regex":  m.NameRegex.ValueStringPointer(),
		"status":      m.Status.ValueStringPointer(),
		"tags":        m.Tags,
	})
	sum := sha256.Sum256(b)
	return "trtc_applications-" + hex.EncodeToString(sum[:8])
}

// regexpValidator rejects a name_regex that does not compile, at validate time.
type regexpValidator struct{}

func (regexpValidator) Description(context.Context) string {
	return "value must be a valid RE2 regular expression"
}

func (v regexpValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regexpValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid regular expression",
			fmt.Sprintf("%s must be a valid RE2 regular expression: %s", req.Path, err))
	}
}
