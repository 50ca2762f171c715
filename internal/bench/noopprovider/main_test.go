package main

import (
	"context"
	"encoding/hex"
	"math/big"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/acctest/tfvalue"
	trtc "github.com/trtc-oss/terraform-provider-trtc/internal/provider"
)

func schemaOf(t testing.TB, server tfprotov6.ProviderServer, typeName string) *tfprotov6.Schema {
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

func servers(t testing.TB) (noop, real tfprotov6.ProviderServer) {
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
// and with values like trtc_application's, of the same lengths: the same
// bytes to plan.
func TestNoopCreateKnowsEveryValue(t *testing.T) {
	noop, _ := servers(t)
	typ := schemaOf(t, noop, "noop_application").ValueType().(tftypes.Object)
	tags := tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"team": tftypes.NewValue(tftypes.String, "bench")})
	planned := tfvalue.Object(typ, map[string]tftypes.Value{
		"id":               tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"sdk_app_id":       tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"name":             tftypes.NewValue(tftypes.String, "bench0"),
		"product":          tftypes.NewValue(tftypes.String, "RTCEngine"),
		"sdk_secret_key":   tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"tags":             tags,
		"tags_all":         tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
		"status":           tftypes.NewValue(tftypes.String, "enabled"),
		"status_in_effect": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"create_time":      tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"disabled_reason":  tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
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
	var id, key, created, inEffect string
	var appID big.Float
	for name, into := range map[string]any{"id": &id, "sdk_secret_key": &key, "create_time": &created, "status_in_effect": &inEffect, "sdk_app_id": &appID} {
		if err := attrs[name].As(into); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if n, _ := appID.Uint64(); len(id) != 10 || id != strconv.FormatUint(n, 10) {
		t.Errorf("id = %q, sdk_app_id = %v: want a 10-digit ID, the same in both", id, appID.String())
	}
	if _, err := hex.DecodeString(key); err != nil || len(key) != 64 {
		t.Errorf("sdk_secret_key = %q, want 64 hex digits", key)
	}
	if _, err := time.Parse(time.RFC3339, created); err != nil {
		t.Errorf("create_time = %q: %v", created, err)
	}
	if inEffect != "enabled" || !attrs["disabled_reason"].IsNull() {
		t.Errorf("status_in_effect = %q, disabled_reason = %v: want the status, and null", inEffect, attrs["disabled_reason"])
	}
}
