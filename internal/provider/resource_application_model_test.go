package provider

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func fullApplicationModel() applicationModel {
	tags := types.MapValueMust(types.StringType, map[string]attr.Value{"team": types.StringValue("red")})
	return applicationModel{
		ID: types.StringValue("1400000001"), SdkAppID: types.Int64Value(1400000001),
		Name: types.StringValue("app"), Description: types.StringValue("d"), Product: types.StringValue("RTCEngine"),
		DataRegion: types.StringValue("ap-singapore"), Status: types.StringValue("enabled"),
		StatusInEffect: types.StringValue("enabled"), DeletionProtection: types.BoolValue(true), Tags: tags, TagsAll: tags,
		SdkSecretKey: types.StringValue("k"), CreateTime: types.StringValue("2026-01-01T00:00:00Z"),
		DisabledReason: types.StringValue(""),
		Timeouts: timeouts.Value{Object: types.ObjectValueMust(
			map[string]attr.Type{"create": types.StringType}, map[string]attr.Value{"create": types.StringValue("1m")})},
	}
}

// Read skips writing the state when nothing changed, so sameAs must notice
// a change in any attribute, including ones added to the model later.
func TestApplicationModelSameAsSeesEveryAttribute(t *testing.T) {
	base := fullApplicationModel()
	same := base
	if !base.sameAs(&same) {
		t.Fatal("a copy differs from its original")
	}
	fields := reflect.TypeOf(base)
	for i := range fields.NumField() {
		changed := base
		v := reflect.ValueOf(&changed).Elem().Field(i)
		if v.Interface().(attr.Value).IsNull() {
			t.Fatalf("test model leaves %s null: set it so a change can be seen", fields.Field(i).Name)
		}
		v.Set(reflect.Zero(v.Type())) // the zero value of a framework value is null
		if base.sameAs(&changed) {
			t.Errorf("a change of %s is not seen", fields.Field(i).Name)
		}
	}
}
