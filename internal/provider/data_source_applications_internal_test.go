package provider

import (
	"maps"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
)

func TestApplicationsFilterMatches(t *testing.T) {
	app := inventory.App{ID: 1400000001, Name: api.Ptr("app_007"), Enabled: false, Tags: map[string]string{"team": "red", "env": "prod"}}
	null := types.StringNull()
	cases := []struct {
		name  string
		m     applicationsModel
		regex string
		want  bool
	}{
		{"no filters", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null}}, "", true},
		{"id listed", applicationsModel{SdkAppIDs: []int64{1, 1400000001}, applicationFilters: applicationFilters{StatusInEffect: null}}, "", true},
		{"id not listed", applicationsModel{SdkAppIDs: []int64{1400000002}, applicationFilters: applicationFilters{StatusInEffect: null}}, "", false},
		{"name listed", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Names: []string{"x", "app_007"}}}, "", true},
		{"name not listed", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Names: []string{"app_00"}}}, "", false},
		{"status disabled", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: types.StringValue("disabled")}}, "", true},
		{"status enabled", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: types.StringValue("enabled")}}, "", false},
		{"tag key, any value", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Tags: map[string]string{"team": ""}}}, "", true},
		{"tag key and value", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Tags: map[string]string{"team": "red", "env": "prod"}}}, "", true},
		{"tag value differs", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Tags: map[string]string{"team": "blue"}}}, "", false},
		{"tag key missing", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Tags: map[string]string{"owner": ""}}}, "", false},
		{"regex matches", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null}}, `^app_0\d+$`, true},
		{"regex does not match", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null}}, `^app_1`, false},
		{"every filter must match", applicationsModel{applicationFilters: applicationFilters{StatusInEffect: types.StringValue("disabled"), Names: []string{"other"}}}, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var re *regexp.Regexp
			if tc.regex != "" {
				re = regexp.MustCompile(tc.regex)
			}
			if got := tc.m.matches(app, re); got != tc.want {
				t.Errorf("matches = %v, want %v", got, tc.want)
			}
		})
	}
}

// An application listed without a name (null, published as possible)
// matches no name filter, and its entry's name and description are null.
func TestApplicationListedWithNullName(t *testing.T) {
	app := inventory.App{ID: 1400000001, Enabled: true, Tags: map[string]string{}}
	null := types.StringNull()
	if !(applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null}}).matches(app, nil) {
		t.Error("no filters: an unnamed application is not matched")
	}
	if (applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null, Names: []string{""}}}).matches(app, nil) {
		t.Error(`names = [""] matched an unnamed application`)
	}
	if (applicationsModel{applicationFilters: applicationFilters{StatusInEffect: null}}).matches(app, regexp.MustCompile(".*")) {
		t.Error("name_regex matched an unnamed application")
	}
	if e := toApplicationEntry(app, tagRules{}); !e.Name.IsNull() || !e.Description.IsNull() {
		t.Errorf("entry = %+v, want null name and description", e)
	}
}

func TestToApplicationEntry(t *testing.T) {
	license := "Pro"
	e := toApplicationEntry(inventory.App{ID: 7, Name: api.Ptr("a"), Enabled: true, CreateTime: "2024-03-01 08:30:00",
		Tags: map[string]string{"k": "v", "managed_by": "terraform", "owner": "ops", "cost-center": "42", "billing:team": "x"}, License: &license},
		tagRules{defaults: map[string]string{"managed_by": "terraform", "owner": "dev"}, ignore: IgnoreTags{Keys: []string{"cost-center"}, KeyPrefixes: []string{"billing:"}}})
	// tags as a trtc_application reads after import: a default tag with the
	// default's value is left out; a default's key with another value stays.
	// Ignored keys are in neither.
	if want := map[string]string{"k": "v", "owner": "ops"}; !maps.Equal(e.Tags, want) {
		t.Errorf("tags = %v, want %v", e.Tags, want)
	}
	if want := map[string]string{"k": "v", "managed_by": "terraform", "owner": "ops"}; !maps.Equal(e.TagsAll, want) {
		t.Errorf("tags_all = %v, want %v", e.TagsAll, want)
	}
	if e.SdkAppID != 7 || e.Name.ValueString() != "a" || e.StatusInEffect != "enabled" || !e.Status.IsNull() || e.CreateTime != "2024-03-01T00:30:00Z" || e.Tags["k"] != "v" || e.License.ValueString() != "Pro" {
		t.Errorf("entry = %+v", e)
	}
	if e := toApplicationEntry(inventory.App{ID: 8, Tags: map[string]string{}}, tagRules{}); e.StatusInEffect != "disabled" || !e.License.IsNull() {
		t.Errorf("disabled, no license: entry = %+v", e)
	}
}

func TestFiltersID(t *testing.T) {
	none := applicationsModel{applicationFilters: applicationFilters{NameRegex: types.StringNull(), StatusInEffect: types.StringNull()}}
	if got := filtersID(none); got != "trtc_applications" {
		t.Errorf("no filters: id %q", got)
	}
	a := applicationsModel{applicationFilters: applicationFilters{NameRegex: types.StringValue("^x"), StatusInEffect: types.StringNull(), Tags: map[string]string{"a": "1", "b": "2"}}}
	b := applicationsModel{applicationFilters: applicationFilters{NameRegex: types.StringValue("^x"), StatusInEffect: types.StringNull(), Tags: map[string]string{"b": "2", "a": "1"}}}
	c := applicationsModel{applicationFilters: applicationFilters{NameRegex: types.StringValue("^y"), StatusInEffect: types.StringNull(), Tags: map[string]string{"a": "1", "b": "2"}}}
	if filtersID(a) != filtersID(b) {
		t.Errorf("same filters, different ids: %q %q", filtersID(a), filtersID(b))
	}
	if filtersID(a) == filtersID(c) {
		t.Errorf("different filters, same id %q", filtersID(a))
	}
}
