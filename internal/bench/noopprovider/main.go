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
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"log"
	"math/big"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/pluginlog"
	trtc "github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

func main() {
	// -debug as the provider's own main.go: a profile of each can be taken
	// under the same Terraform.
	debug := flag.Bool("debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()
	// The provider's own choice of logging, so that both write the same.
	pluginlog.Quiet("noop", *debug, os.Getenv, os.Setenv)
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

// madeUp replaces each unknown value of a plan by one like the API's answer
// for trtc_application, of the same length, so that Terraform and the
// framework walk, encode and copy the same bytes for both providers: an ID
// numbered as TRTC's, a 64-digit secret key, an RFC 3339 creation time, the
// status in effect as the status, no disabled reason, and tags_all the
// tags (as trtc_application's with no default_tags). Any other unknown
// value becomes a fixed one of its type (null for collections and objects).
func madeUp(plan tftypes.Value) tftypes.Value {
	var attrs map[string]tftypes.Value
	_ = plan.As(&attrs)
	n := 1400000000 + lastID.Add(1)
	id := strconv.FormatUint(n, 10)
	key := sha256.Sum256([]byte(id))
	answer := map[string]tftypes.Value{
		"id":               tftypes.NewValue(tftypes.String, id),
		"sdk_app_id":       tftypes.NewValue(tftypes.Number, new(big.Float).SetUint64(n)),
		"sdk_secret_key":   tftypes.NewValue(tftypes.String, hex.EncodeToString(key[:])),
		"create_time":      tftypes.NewValue(tftypes.String, "2026-12-06T03:04:05Z"),
		"status_in_effect": attrs["status"],
		"disabled_reason":  tftypes.NewValue(tftypes.String, nil),
		"tags_all":         attrs["tags"],
	}
	out, _ := tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if steps := p.Steps(); len(steps) == 1 {
			if name, ok := steps[0].(tftypes.AttributeName); ok && answer[string(name)].IsKnown() {
				return answer[string(name)], nil
			}
		}
		switch typ := v.Type(); {
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

// lastID numbers the applications this process made up.
var lastID atomic.Uint64
