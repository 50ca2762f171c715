// Command noopprovider is a framework provider that calls no API: its
// noop_application has trtc_application's schema (attributes, defaults,
// timeouts block; no validators) and a Read that keeps the state.
// scripts/bench.sh times it beside the real provider: the ratio of its
// refresh plan to its -refresh=false plan is the floor any framework plugin
// of that shape pays on the same machine, under the same load.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return noopProvider{} }, providerserver.ServeOpts{
		Address:         "registry.terraform.io/trtc-oss/noop",
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}

func (noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return noopApplication{} }}
}

func (noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type noopApplication struct{}

type noopModel struct {
	ID                 types.String   `tfsdk:"id"`
	SdkAppID           types.Int64    `tfsdk:"sdk_app_id"`
	Name               types.String   `tfsdk:"name"`
	Description        types.String   `tfsdk:"description"`
	Product            types.String   `tfsdk:"product"`
	DataRegion         types.String   `tfsdk:"data_region"`
	Status             types.String   `tfsdk:"status"`
	DeletionProtection types.Bool     `tfsdk:"deletion_protection"`
	Tags               types.Map      `tfsdk:"tags"`
	TagsAll            types.Map      `tfsdk:"tags_all"`
	SdkSecretKey       types.String   `tfsdk:"sdk_secret_key"`
	CreateTime         types.String   `tfsdk:"create_time"`
	DisabledReason     types.String   `tfsdk:"disabled_reason"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

func (noopApplication) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

// Schema has trtc_application's attributes, defaults and timeouts block,
// without validators.
func (noopApplication) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	computed := func() schema.StringAttribute { return schema.StringAttribute{Computed: true, PlanModifiers: keep} }
	optional := func(def string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(def)}
	}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":                  computed(),
			"sdk_app_id":          schema.Int64Attribute{Computed: true, PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}},
			"name":                schema.StringAttribute{Required: true},
			"description":         optional(""),
			"product":             schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"data_region":         schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("ap-singapore"), PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"status":              optional("enabled"),
			"deletion_protection": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"tags":                schema.MapAttribute{ElementType: types.StringType, Optional: true},
			"tags_all":            schema.MapAttribute{ElementType: types.StringType, Computed: true},
			"sdk_secret_key":      schema.StringAttribute{Computed: true, Sensitive: true, PlanModifiers: keep},
			"create_time":         computed(),
			"disabled_reason":     computed(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (noopApplication) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m noopModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID, m.SdkAppID, m.TagsAll = m.Name, types.Int64Value(1400000001), m.Tags
	if m.TagsAll.IsNull() {
		m.TagsAll = types.MapValueMust(types.StringType, nil)
	}
	m.SdkSecretKey, m.CreateTime, m.DisabledReason = types.StringValue("key"), types.StringValue("2026-01-01T00:00:00Z"), types.StringValue("")
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state as it is: no API, no decoding.
func (noopApplication) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (noopApplication) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m noopModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (noopApplication) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
