package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// applicationDecoder reads what the framework's Get reads, value for value,
// whatever the attributes hold: known, null, unknown, a set timeouts block.
func TestApplicationDecoderMatchesGet(t *testing.T) {
	ctx := context.Background()
	var sresp resource.SchemaResponse
	NewApplicationResource().Schema(ctx, resource.SchemaRequest{}, &sresp)
	objType := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	tagsType := tftypes.Map{ElementType: tftypes.String}
	timeoutsType := objType.AttributeTypes["timeouts"].(tftypes.Object)
	known := map[string]tftypes.Value{
		"id": str("1400000001"), "sdk_app_id": tftypes.NewValue(tftypes.Number, 1400000001),
		"name": str("app"), "description": str("d"), "product": str("RTCEngine"), "data_region": str("ap-singapore"),
		"status": str("disabled"), "status_in_effect": str("enabled"), "deletion_protection": tftypes.NewValue(tftypes.Bool, true),
		"tags":           tftypes.NewValue(tagsType, map[string]tftypes.Value{"team": str("a")}),
		"tags_all":       tftypes.NewValue(tagsType, map[string]tftypes.Value{"team": str("a"), "env": str("prod")}),
		"sdk_secret_key": str("k"), "create_time": str("2026-01-01T00:00:00Z"), "disabled_reason": str("Manual"),
		"timeouts": tftypes.NewValue(timeoutsType, map[string]tftypes.Value{
			"create": str("1m"), "update": tftypes.NewValue(tftypes.String, nil), "delete": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		}),
	}
	each := func(v func(tftypes.Type) tftypes.Value) map[string]tftypes.Value {
		out := map[string]tftypes.Value{}
		for name, typ := range objType.AttributeTypes {
			out[name] = v(typ)
		}
		return out
	}
	cases := map[string]map[string]tftypes.Value{
		"known":   known,
		"null":    each(func(typ tftypes.Type) tftypes.Value { return tftypes.NewValue(typ, nil) }),
		"unknown": each(func(typ tftypes.Type) tftypes.Value { return tftypes.NewValue(typ, tftypes.UnknownValue) }),
		"unknown tag value": {
			"tags": tftypes.NewValue(tagsType, map[string]tftypes.Value{"team": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}),
		},
	}
	for name, values := range cases {
		t.Run(name, func(t *testing.T) {
			all := each(func(typ tftypes.Type) tftypes.Value { return tftypes.NewValue(typ, nil) })
			for k, v := range values {
				all[k] = v
			}
			state := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(objType, all)}
			var want, got applicationModel
			if d := state.Get(ctx, &want); d.HasError() {
				t.Fatal(d)
			}
			if d := applicationDecoder().get(ctx, state.Raw, &got); d.HasError() {
				t.Fatal(d)
			}
			if !got.sameAs(&want) {
				t.Errorf("decoded\n%+v\nwant (tfsdk.State.Get)\n%+v", got, want)
			}
		})
	}
}

// A model and a schema that do not match one to one are refused, naming
// the attribute, as the framework's Get refuses them.
func TestModelDecoderRefusesAMismatch(t *testing.T) {
	schemaType := types.ObjectType{AttrTypes: map[string]attr.Type{"a": types.StringType, "b": types.StringType}}
	type missing struct {
		A types.String `tfsdk:"a"`
	}
	if _, err := newModelDecoder[missing](schemaType); err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("model without b: err = %v, want one naming b", err)
	}
	type extra struct {
		A types.String `tfsdk:"a"`
		B types.String `tfsdk:"b"`
		C types.String `tfsdk:"c"`
	}
	if _, err := newModelDecoder[extra](schemaType); err == nil || !strings.Contains(err.Error(), `"c"`) {
		t.Errorf("model with c: err = %v, want one naming c", err)
	}
}
