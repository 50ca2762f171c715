package provider_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest"
	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/emulator"
	"github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

// BenchmarkApplicationRead measures the provider's side of one refresh of
// an application answered from the shared listing (the per-resource cost of
// a large plan), through the protocol server as Terraform calls it.
// It prints figures; it asserts no durations.
func BenchmarkApplicationRead(b *testing.B) {
	ctx := context.Background()
	env := acctest.NewEnv(b, acctest.WithConfig(func(c *emulator.Config) { c.RateLimit = -1 }))
	client := env.Client()
	out, err := client.CreateTrtcApp(ctx, &api.CreateTrtcAppRequest{AppName: "bench", Product: "RTCEngine",
		Tags: []api.Tag{{TagKey: "team", TagValue: "bench"}}})
	if err != nil {
		b.Fatal(err)
	}
	server, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	cfg := tfvalue.Object(providerType, map[string]tftypes.Value{
		"endpoint":   tftypes.NewValue(tftypes.String, env.URL),
		"secret_id":  tftypes.NewValue(tftypes.String, emulator.DefaultSecretID),
		"secret_key": tftypes.NewValue(tftypes.String, emulator.DefaultSecretKey),
	})
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: tfvalue.Dynamic(b, cfg)}); err != nil || len(resp.Diagnostics) > 0 {
		b.Fatalf("configure: %v %+v", err, resp)
	}
	appType := schemas.ResourceSchemas["trtc_application"].ValueType().(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	tags := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"team": str("bench")})
	state := tfvalue.Object(appType, map[string]tftypes.Value{
		"id": str(strconv.FormatUint(out.SdkAppId, 10)), "sdk_app_id": tftypes.NewValue(tftypes.Number, out.SdkAppId),
		"name": str("bench"), "description": str(""), "product": str("RTCEngine"), "data_region": str("ap-singapore"),
		"status": str("enabled"), "status_in_effect": str("enabled"), "deletion_protection": tftypes.NewValue(tftypes.Bool, false),
		"tags": tags, "tags_all": tags, "sdk_secret_key": str("x"), "create_time": str("2026-01-01T00:00:00Z"), "disabled_reason": tftypes.NewValue(tftypes.String, nil), // null when enabled
	})
	req := &tfprotov6.ReadResourceRequest{TypeName: "trtc_application", CurrentState: tfvalue.Dynamic(b, state)}
	read := func() {
		resp, err := server.ReadResource(ctx, req)
		if err != nil || len(resp.Diagnostics) > 0 {
			b.Fatalf("read: %v %+v", err, resp.Diagnostics)
		}
	}
	for range 3 { // the third read starts the shared listing
		read()
	}
	// Refresh a state as Terraform holds it: the one the provider returned.
	first, err := server.ReadResource(ctx, req)
	if err != nil || len(first.Diagnostics) > 0 {
		b.Fatalf("read: %v %+v", err, first.Diagnostics)
	}
	req.CurrentState = first.NewState
	listed := env.Calls("DescribeAppStatList")
	b.ResetTimer()
	for b.Loop() {
		read()
	}
	b.StopTimer()
	if n := env.Calls("DescribeAppStatList"); n != listed {
		b.Fatalf("the listing was fetched again during the loop (%d -> %d)", listed, n)
	}
}
