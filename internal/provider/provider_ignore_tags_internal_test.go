package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestIgnoreTagsIgnores(t *testing.T) {
	ig := IgnoreTags{Keys: []string{"cost-center"}, KeyPrefixes: []string{"billing:", "ops/"}}
	for key, want := range map[string]bool{
		"cost-center": true, "cost-center2": false, "billing:owner": true, "billing": false, "ops/x": true, "env": false,
	} {
		if got := ig.Ignores(key); got != want {
			t.Errorf("Ignores(%q) = %v, want %v", key, got, want)
		}
	}
	if (IgnoreTags{}).Ignores("anything") {
		t.Error("the zero IgnoreTags ignores a key")
	}
}

// A configured tag that ignore_tags ignores is left out of the planned
// tags_all (it is never written), and the plan warns, naming it.
func TestPlanTagsAllWarnsOfIgnoredTags(t *testing.T) {
	r := &applicationResource{providerClient{pd: &ProviderData{
		DefaultTags: map[string]string{"managed_by": "terraform"},
		IgnoreTags:  IgnoreTags{KeyPrefixes: []string{"billing:"}},
	}}}
	plan := applicationModel{Tags: types.MapValueMust(types.StringType, map[string]attr.Value{
		"env": types.StringValue("dev"), "billing:owner": types.StringValue("me"),
	})}
	var diags diag.Diagnostics
	r.planTagsAll(t.Context(), &plan, &diags)
	want := types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("dev"), "managed_by": types.StringValue("terraform")})
	if !plan.TagsAll.Equal(want) {
		t.Errorf("tags_all = %v, want %v", plan.TagsAll, want)
	}
	if len(diags) != 1 || diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), `"billing:owner"`) {
		t.Errorf("diags = %v, want one warning naming billing:owner", diags)
	}
}
