package provider

import (
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// terraformOnlyAttributes are the trtc_application attributes that only
// Terraform holds, which the data source has no use for.
var terraformOnlyAttributes = []string{"deletion_protection"}

// The data source has every attribute of trtc_application but the
// Terraform-only ones, each as sensitive as the resource's.
func TestApplicationDataSourceHasEveryResourceAttribute(t *testing.T) {
	var rs resource.SchemaResponse
	(&applicationResource{}).Schema(t.Context(), resource.SchemaRequest{}, &rs)
	var ds datasource.SchemaResponse
	(&applicationDataSource{}).Schema(t.Context(), datasource.SchemaRequest{}, &ds)
	want := slices.DeleteFunc(slices.Sorted(maps.Keys(rs.Schema.Attributes)), func(a string) bool { return slices.Contains(terraformOnlyAttributes, a) })
	if got := slices.Sorted(maps.Keys(ds.Schema.Attributes)); !slices.Equal(got, want) {
		t.Errorf("data source attributes %v, want the resource's %v", got, want)
	}
	for name, a := range ds.Schema.Attributes {
		if r, ok := rs.Schema.Attributes[name]; ok && r.IsSensitive() != a.IsSensitive() {
			t.Errorf("%s: sensitive %v in the data source, %v in the resource", name, a.IsSensitive(), r.IsSensitive())
		}
	}
	if !ds.Schema.Attributes["sdk_secret_key"].IsSensitive() {
		t.Error("sdk_secret_key is not sensitive")
	}
}
