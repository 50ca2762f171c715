// Command noopprovider is a framework provider that calls no API: its
// noop_application has trtc_application's schema, taken from the provider
// itself so the two cannot drift (TestNoopSchemaIsTheApplicationSchema), and
// a Read that keeps the state. scripts/bench.sh times it beside the real
// provider: the ratio of its refresh plan to its -refresh=false plan is the
// floor any framework plugin of that shape pays on the same machine, under
// the same load.
package main

import (
	"context"
	"flag"
	"log"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	trtc "github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

func main() {
	// -debug as the provider's own main.go: a profile of each can be taken
	// under the same Terraform.
	debug := flag.Bool("debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address:         "registry.terraform.io/trtc-oss/noop",
		Debug:           *debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}

func newProvider() provider.Provider { return noopProvider{} }

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

func (noopApplication) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_application"
}

// Schema is trtc_application's own.
func (noopApplication) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	trtc.NewApplicationResource().Schema(ctx, req, resp)
}

// Create stores the plan with every value known only after apply made up.
func (noopApplication) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State = tfsdk.State{Schema: req.Plan.Schema, Raw: madeUp(req.Plan.Raw)}
}

// Read keeps the state as it is: no API, no decoding.
func (noopApplication) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (noopApplication) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State = tfsdk.State{Schema: req.Plan.Schema, Raw: madeUp(req.Plan.Raw)}
}

func (noopApplication) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// madeUp replaces each unknown value of a plan by what an API's answer
// would hold: tags_all the tags, as trtc_application's with no
// default_tags (so both providers' states have the same values for
// Terraform and the framework to walk), any other value a fixed one of its
// type (null for collections and objects).
func madeUp(plan tftypes.Value) tftypes.Value {
	var attrs map[string]tftypes.Value
	_ = plan.As(&attrs)
	tagsAll := tftypes.NewAttributePath().WithAttributeName("tags_all")
	out, _ := tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		switch typ := v.Type(); {
		case p.Equal(tagsAll):
			return attrs["tags"], nil
		case typ.Is(tftypes.String):
			return tftypes.NewValue(typ, "noop"), nil
		case typ.Is(tftypes.Number):
			return tftypes.NewValue(typ, big.NewFloat(1400000001)), nil
		case typ.Is(tftypes.Bool):
			return tftypes.NewValue(typ, false), nil
		default: // collections and objects
			return tftypes.NewValue(typ, nil), nil
		}
	})
	return out
}
