package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"

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

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

// listPageSize is the largest Limit DescribeAppStatList accepts.
const listPageSize = 100

var (
	_ datasource.DataSource              = &ApplicationsDataSource{}
	_ datasource.DataSourceWithConfigure = &ApplicationsDataSource{}
)

// NewApplicationsDataSource is the constructor registered with the provider.
func NewApplicationsDataSource() datasource.DataSource { return &ApplicationsDataSource{} }

// ApplicationsDataSource lists applications through DescribeAppStatList.
type ApplicationsDataSource struct {
	data *ProviderData
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
			"Every filter given must match. Pages through `DescribeAppStatList` until every match is read. " +
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
					listvalidator.SizeAtMost(listPageSize),
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
				Validators:          []validator.String{stringvalidator.OneOf(tfStatusEnabled, tfStatusDisabled)},
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
						"create_time": schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time, RFC 3339."},
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
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *ApplicationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.data == nil {
		resp.Diagnostics.AddError("Provider not configured", "The trtc provider was not configured before reading trtc_applications.")
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

	infos, err := listApplications(ctx, d.data.API, buildListRequest(m))
	if err != nil {
		resp.Diagnostics.AddError("Listing TRTC applications", err.Error())
		return
	}

	m.IDs = []string{}
	m.Applications = []applicationEntry{}
	for _, info := range infos {
		if nameRe != nil && !nameRe.MatchString(info.Name) {
			continue
		}
		m.IDs = append(m.IDs, strconv.FormatUint(info.ID, 10))
		m.Applications = append(m.Applications, toApplicationEntry(ctx, info))
	}
	m.ID = types.StringValue(filtersID(m))
	tflog.Debug(ctx, "listed TRTC applications", map[string]any{"matches": len(m.IDs)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// buildListRequest sends every filter the API understands; name_regex is
// applied afterwards by the provider.
func buildListRequest(m applicationsModel) api.DescribeAppStatListRequest {
	req := api.DescribeAppStatListRequest{
		OrderField: api.Ptr("create_time"),
		OrderType:  api.Ptr(int64(1)), // oldest first: new applications do not shift earlier pages
		NeedTags:   api.Ptr(int64(1)),
	}
	for _, id := range m.SdkAppIDs {
		req.SdkAppIds = append(req.SdkAppIds, uint64(id))
	}
	req.AppNames = m.Names
	switch m.Status.ValueString() {
	case tfStatusEnabled:
		req.Status = api.Ptr(int64(1))
	case tfStatusDisabled:
		req.Status = api.Ptr(int64(0))
	}
	keys := make([]string, 0, len(m.Tags))
	for k := range m.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		req.TagList = append(req.TagList, api.TagFilter{TagKey: k, TagValue: m.Tags[k]})
	}
	return req
}

// listApplications reads every page of DescribeAppStatList. An application
// created or deleted while paging may shift entries between pages, so
// duplicates are dropped and an empty page ends the loop.
func listApplications(ctx context.Context, client *api.Client, req api.DescribeAppStatListRequest) ([]api.SdkAppInfo, error) {
	var all []api.SdkAppInfo
	seen := map[uint64]bool{}
	for offset := uint64(0); ; offset += listPageSize {
		page := req
		page.Offset = api.Ptr(offset)
		page.Limit = api.Ptr(uint64(listPageSize))
		out, err := client.DescribeAppStatList(ctx, &page)
		if err != nil {
			return nil, err
		}
		for _, info := range out.SdkAppInfos {
			if !seen[info.ID] {
				seen[info.ID] = true
				all = append(all, info)
			}
		}
		if len(out.SdkAppInfos) == 0 || offset+listPageSize >= uint64(max(out.TotalNum, 0)) {
			return all, nil
		}
	}
}

func toApplicationEntry(ctx context.Context, info api.SdkAppInfo) applicationEntry {
	e := applicationEntry{
		SdkAppID:    int64(info.ID),
		Name:        info.Name,
		Description: info.Description,
		Status:      tfStatusDisabled,
		CreateTime:  wireTimeToRFC3339(ctx, info.CreateTime),
		Tags:        map[string]string{},
		License:     types.StringPointerValue(info.License),
	}
	if info.Status == 1 {
		e.Status = tfStatusEnabled
	}
	for _, t := range info.TagList {
		e.Tags[t.TagKey] = t.TagValue
	}
	return e
}

// wireTimeToRFC3339 converts a wire time (api.TimeLayout in api.TimeZone);
// an unparsable value is passed through rather than failing the read.
func wireTimeToRFC3339(ctx context.Context, s string) string {
	t, err := api.ParseTime(s)
	if err != nil {
		tflog.Warn(ctx, "unexpected time format from the API", map[string]any{"value": s})
		return s
	}
	return t.Format(time.RFC3339)
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
