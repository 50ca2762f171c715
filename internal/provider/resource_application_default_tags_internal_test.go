package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// tagsValue gives what types.MapValueFrom gives, whatever the current
// value holds (it is only a shortcut when nothing changed).
func TestTagsValueIsMapValueFrom(t *testing.T) {
	ctx := context.Background()
	known := func(m map[string]string) types.Map {
		v, d := types.MapValueFrom(ctx, types.StringType, m)
		if d.HasError() {
			t.Fatal(d)
		}
		return v
	}
	withUnknown := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	withNull := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringNull()})
	currents := []types.Map{types.MapNull(types.StringType), types.MapUnknown(types.StringType), known(map[string]string{}),
		known(map[string]string{"a": "1"}), known(map[string]string{"a": "1", "b": "2"}), known(map[string]string{"a": ""}), withUnknown, withNull}
	for _, tags := range []map[string]string{{}, {"a": "1"}, {"a": ""}, {"a": "1", "b": "2"}, {"b": "2"}} {
		for _, current := range currents {
			if got, want := tagsValue(current, tags), known(tags); !got.Equal(want) {
				t.Errorf("tagsValue(%v, %v) = %v, want %v", current, tags, got, want)
			}
		}
	}
}
