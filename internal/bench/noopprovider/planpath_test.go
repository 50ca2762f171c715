package main

import (
	"context"
	"encoding/json"
	"math/big"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
)

// BenchmarkPlanPath measures what each provider does for one unchanged
// application of a plan, as Terraform calls it (ValidateResourceConfig,
// UpgradeResourceState, with refresh ReadResource, then
// PlanResourceChange), for trtc_application and for the no-op plugin's
// copy of it, in the same run: the difference is this provider's own cost
// above the framework's. Logging is off in both, as when Terraform runs
// them without TF_LOG (see internal/pluginlog). It prints figures; it
// asserts no durations, only that a plan without refresh calls no API.
func BenchmarkPlanPath(b *testing.B) {
	ctx := context.Background()
	env := acctest.NewEnv(b, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	app, err := env.Client().CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "bench7", Product: "RTCEngine",
		Tags: []api.Tag{{TagKey: "team", TagValue: "bench"}, {TagKey: "index", TagValue: "7"}}})
	if err != nil {
		b.Fatal(err)
	}
	noop, real := servers(b)
	configure(b, real, map[string]tftypes.Value{
		"endpoint":   tftypes.NewValue(tftypes.String, env.URL),
		"secret_id":  tftypes.NewValue(tftypes.String, emulator.DefaultSecretID),
		"secret_key": tftypes.NewValue(tftypes.String, emulator.DefaultSecretKey),
	})
	configure(b, noop, nil)
	raw := stateAsRead(b, real, map[string]any{ // as in a state file
		"id": strconv.FormatUint(app.SdkAppId, 10), "sdk_app_id": app.SdkAppId, "name": "bench7", "description": "",
		"product": "RTCEngine", "data_region": "ap-singapore", "status": "enabled", "status_in_effect": "enabled",
		"deletion_protection": false, "tags": map[string]string{"team": "bench", "index": "7"},
		"tags_all": map[string]string{"team": "bench", "index": "7"}, "sdk_secret_key": "", "create_time": "",
		"disabled_reason": nil, "timeouts": nil,
	})
	for _, refresh := range []bool{false, true} {
		for _, p := range []struct {
			name     string
			server   tfprotov6.ProviderServer
			typeName string
		}{{"trtc", real, "trtc_application"}, {"noop", noop, "noop_application"}} {
			b.Run("refresh="+strconv.FormatBool(refresh)+"/provider="+p.name, func(b *testing.B) {
				calls := env.TotalCalls()
				typ := schemaOf(b, p.server, p.typeName).ValueType().(tftypes.Object)
				str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
				tags := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"team": str("bench"), "index": str("7")})
				config := tfvalue.Object(typ, map[string]tftypes.Value{"name": str("bench7"), "product": str("RTCEngine"), "tags": tags})
				upgrade := &tfprotov6.UpgradeResourceStateRequest{TypeName: p.typeName, RawState: &tfprotov6.RawState{JSON: raw}}
				validate := &tfprotov6.ValidateResourceConfigRequest{TypeName: p.typeName, Config: tfvalue.Dynamic(b, config)}
				for b.Loop() {
					if resp, err := p.server.ValidateResourceConfig(ctx, validate); err != nil || len(resp.Diagnostics) > 0 {
						b.Fatalf("validate: %v %+v", err, resp.Diagnostics)
					}
					up, err := p.server.UpgradeResourceState(ctx, upgrade)
					if err != nil || len(up.Diagnostics) > 0 {
						b.Fatalf("upgrade: %v %+v", err, up.Diagnostics)
					}
					prior := up.UpgradedState
					if refresh {
						read, err := p.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: p.typeName, CurrentState: prior})
						if err != nil || len(read.Diagnostics) > 0 {
							b.Fatalf("read: %v %+v", err, read.Diagnostics)
						}
						prior = read.NewState
					}
					resp, err := p.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: p.typeName,
						PriorState: prior, ProposedNewState: prior, Config: validate.Config})
					if err != nil || len(resp.Diagnostics) > 0 {
						b.Fatalf("plan: %v %+v", err, resp.Diagnostics)
					}
				}
				made := env.TotalCalls() - calls
				if !refresh && made != 0 {
					b.Fatalf("planning unchanged applications without refresh made %d API calls, want 0", made)
				}
				b.ReportMetric(float64(made)/float64(b.N), "calls/op")
			})
		}
	}
}

// stateAsRead is the state file's JSON of trtc_application after a
// refresh of attrs: the same values for both providers, as the API holds
// them.
func stateAsRead(t testing.TB, server tfprotov6.ProviderServer, attrs map[string]any) []byte {
	t.Helper()
	ctx := context.Background()
	raw, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	up, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: "trtc_application", RawState: &tfprotov6.RawState{JSON: raw}})
	if err != nil || len(up.Diagnostics) > 0 {
		t.Fatalf("upgrade: %v %+v", err, up.Diagnostics)
	}
	read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "trtc_application", CurrentState: up.UpgradedState})
	if err != nil || len(read.Diagnostics) > 0 {
		t.Fatalf("read: %v %+v", err, read.Diagnostics)
	}
	state, err := read.NewState.Unmarshal(schemaOf(t, server, "trtc_application").ValueType())
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(jsonOf(t, state))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// jsonOf is v as encoding/json would write it in a state file.
func jsonOf(t testing.TB, v tftypes.Value) any {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	var out any
	var err error
	switch typ := v.Type(); {
	case typ.Is(tftypes.String):
		var s string
		err, out = v.As(&s), s
	case typ.Is(tftypes.Bool):
		var b bool
		err, out = v.As(&b), b
	case typ.Is(tftypes.Number):
		var n big.Float
		err = v.As(&n)
		out = json.Number(n.Text('f', -1))
	default: // maps and objects
		var elems map[string]tftypes.Value
		err = v.As(&elems)
		m := map[string]any{}
		for k, e := range elems {
			m[k] = jsonOf(t, e)
		}
		out = m
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// configure configures a provider with the given attributes (the others
// null).
func configure(t testing.TB, server tfprotov6.ProviderServer, attrs map[string]tftypes.Value) {
	t.Helper()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	cfg := tfvalue.Object(resp.Provider.ValueType().(tftypes.Object), attrs)
	if out, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: tfvalue.Dynamic(t, cfg)}); err != nil || len(out.Diagnostics) > 0 {
		t.Fatalf("configure: %v %+v", err, out)
	}
}
