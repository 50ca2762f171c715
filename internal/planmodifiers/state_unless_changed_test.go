package planmodifiers

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var testSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"status": schema.StringAttribute{Optional: true},
	"reason": schema.StringAttribute{Computed: true},
}}

var objType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"status": tftypes.String, "reason": tftypes.String}}

func obj(status, reason tftypes.Value) tftypes.Value {
	return tftypes.NewValue(objType, map[string]tftypes.Value{"status": status, "reason": reason})
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

var unknown = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)

func TestUseStateForUnknownUnless(t *testing.T) {
	cases := []struct {
		name          string
		state         tftypes.Value
		plannedStatus string
		want          types.String
	}{
		{"unchanged keeps state", obj(str("disabled"), str("Manual")), "disabled", types.StringValue("Manual")},
		{"changed stays unknown", obj(str("disabled"), str("Manual")), "enabled", types.StringUnknown()},
		{"unchanged keeps a null state", obj(str("enabled"), tftypes.NewValue(tftypes.String, nil)), "enabled", types.StringNull()},
		{"create stays unknown", tftypes.NewValue(objType, nil), "enabled", types.StringUnknown()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := tfsdk.Plan{Schema: testSchema, Raw: obj(str(c.plannedStatus), unknown)}
			state := tfsdk.State{Schema: testSchema, Raw: c.state}
			var stateValue types.String
			if !c.state.IsNull() {
				state.GetAttribute(t.Context(), path.Root("reason"), &stateValue)
			} else {
				stateValue = types.StringNull()
			}
			req := planmodifier.StringRequest{
				Path: path.Root("reason"), Plan: plan, State: state,
				PlanValue: types.StringUnknown(), StateValue: stateValue, ConfigValue: types.StringNull(),
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			UseStateForUnknownUnless(path.Root("status")).PlanModifyString(t.Context(), req, resp)
			if !resp.PlanValue.Equal(c.want) {
				t.Errorf("plan value = %v, want %v", resp.PlanValue, c.want)
			}
		})
	}
}
