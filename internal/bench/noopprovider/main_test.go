package main

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
	trtc "github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

func schemaOf(t *testing.T, server tfprotov6.ProviderServer, typeName string) *tfprotov6.Schema {
	t.Helper()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
	}
	s, ok := resp.ResourceSchemas[typeName]
	if !ok {
		t.Fatalf("no %s schema", typeName)
	}
	return s
}

func servers(t *testing.T) (noop, real tfprotov6.ProviderServer) {
	t.Helper()
	noop, err := providerserver.NewProtocol6WithError(newProvider())()
	if err != nil {
		t.Fatal(err)
	}
	real, err = providerserver.NewProtocol6WithError(trtc.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	return noop, real
}

// The bench compares the no-op provider with the real one: both must offer
// Terraform the same resource shape, as Terraform sees it.
func TestNoopSchemaIsTheApplicationSchema(t *testing.T) {
	noop, real := servers(t)
	got, want := schemaOf(t, noop, "noop_application"), schemaOf(t, real, "trtc_application")
	if reflect.DeepEqual(got, want) {
		return
	}
	byName := func(s *tfprotov6.Schema) map[string]*tfprotov6.SchemaAttribute {
		out := map[string]*tfprotov6.SchemaAttribute{}
		for _, a := range s.Block.Attributes {
			out[a.Name] = a
		}
		return out
	}
	gotAttrs := byName(got)
	for name, w := range byName(want) {
		if g, ok := gotAttrs[name]; !ok || !reflect.DeepEqual(g, w) {
			t.Errorf("attribute %s: noop_application has %+v, trtc_application %+v", name, g, w)
		}
		delete(gotAttrs, name)
	}
	for name := range gotAttrs {
		t.Errorf("attribute %s: only in noop_application", name)
	}
	if !t.Failed() {
		t.Errorf("noop_application's schema differs from trtc_application's outside its attributes:\n got %+v\nwant %+v", got, want)
	}
}

// Create stores a state with nothing unknown, as the bench's apply needs,
// and with tags_all as trtc_application's: the same values to plan.
func TestNoopCreateKnowsEveryValue(t *testing.T) {
	noop, _ := servers(t)
	typ := schemaOf(t, noop, "noop_application").ValueType().(tftypes.Object)
	tags := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"team": tftypes.NewValue(tftypes.String, "bench")})
	planned := tfvalue.Object(typ, map[string]tftypes.Value{
		"id":             tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"sdk_app_id":     tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"name":           tftypes.NewValue(tftypes.String, "bench0"),
		"product":        tftypes.NewValue(tftypes.String, "RTCEngine"),
		"sdk_secret_key": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"tags":           tags,
		"tags_all":       tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
	})
	resp, err := noop.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName:     "noop_application",
		PriorState:   tfvalue.Dynamic(t, tftypes.NewValue(typ, nil)),
		PlannedState: tfvalue.Dynamic(t, planned),
		Config:       tfvalue.Dynamic(t, planned),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("ApplyResourceChange: %v %v", err, resp.Diagnostics)
	}
	state, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	if !state.IsFullyKnown() {
		t.Errorf("state has unknown values: %v", state)
	}
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if !attrs["name"].Equal(tftypes.NewValue(tftypes.String, "bench0")) {
		t.Errorf("name = %v, want the planned bench0", attrs["name"])
	}
	if !attrs["tags_all"].Equal(tags) { // as trtc_application's without default_tags
		t.Errorf("tags_all = %v, want the tags %v", attrs["tags_all"], tags)
	}
}
