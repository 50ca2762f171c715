package tfvalue

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestObjectSetsGivenAttributesAndNullsTheRest(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "count": tftypes.Number}}
	v := Object(typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "a")})
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := attrs["name"].As(&name); err != nil || name != "a" {
		t.Errorf("name = %q, %v; want a", name, err)
	}
	if !attrs["count"].IsNull() {
		t.Errorf("count = %v, want null", attrs["count"])
	}
	if _, err := Dynamic(t, v).Unmarshal(typ); err != nil {
		t.Errorf("Dynamic does not round-trip: %v", err)
	}
}
