package provider

import (
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

// applicationFilters are the filters shared by the trtc_applications data
// source and the trtc_application list resource (embedded in both models).
// Every filter given must match.
type applicationFilters struct {
	Names          []string          `tfsdk:"names"`
	NameRegex      types.String      `tfsdk:"name_regex"`
	StatusInEffect types.String      `tfsdk:"status_in_effect"`
	Tags           map[string]string `tfsdk:"tags"`
}

// Descriptions and validators of the filter attributes, for both schemas.
const (
	namesFilterDescription          = "Only applications with one of these exact names."
	nameRegexFilterDescription      = "Only applications whose name matches this [RE2 regular expression](https://github.com/google/re2/wiki/Syntax), applied by the provider."
	statusInEffectFilterDescription = "Only applications with this status in effect, as in `trtc_application.status_in_effect`: " +
		"`enabled` or `disabled`. The listing only knows the status in effect: a change still propagating (3-5 minutes) is not " +
		"visible in it; `trtc_application_status` reads the target TRTC records (`status`)."
	tagsFilterDescription = "Only applications carrying every one of these tag keys; " +
		"with the given value when the value is not empty (`\"\"` matches any value)."
)

func namesFilterValidators() []validator.List {
	return []validator.List{listvalidator.SizeAtLeast(1)}
}

func nameRegexFilterValidators() []validator.String { return []validator.String{validators.Regexp()} }

func statusInEffectFilterValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(appStatusEnabled, appStatusDisabled)}
}

func tagsFilterValidators() []validator.Map {
	return []validator.Map{
		mapvalidator.KeysAre(validators.TagKey()),
		mapvalidator.ValueStringsAre(stringvalidator.Any(stringvalidator.LengthAtMost(0), validators.TagValue())),
	}
}

// nameRegexp compiles name_regex (nil when unset).
func (f applicationFilters) nameRegexp(diags *diag.Diagnostics) *regexp.Regexp {
	if f.NameRegex.IsNull() || f.NameRegex.IsUnknown() {
		return nil
	}
	re, err := regexp.Compile(f.NameRegex.ValueString())
	if err != nil {
		addAttributeFailure(diags, path.Root("name_regex"), "compile", "name_regex", err, "Use RE2 syntax.")
	}
	return re
}

// matches applies the filters as DescribeAppStatList does server-side (a
// tag filter with an empty value matches any value of that key), plus
// name_regex (nameRe, from nameRegexp).
func (f applicationFilters) matches(app inventory.App, nameRe *regexp.Regexp) bool {
	if len(f.Names) > 0 && (app.Name == nil || !slices.Contains(f.Names, *app.Name)) {
		return false
	}
	if !f.StatusInEffect.IsNull() && f.StatusInEffect.ValueString() != statusName(app.Enabled) {
		return false
	}
	for k, want := range f.Tags {
		if got, ok := app.Tags[k]; !ok || (want != "" && got != want) {
			return false
		}
	}
	return nameRe == nil || (app.Name != nil && nameRe.MatchString(*app.Name))
}

func statusName(enabled bool) string {
	if enabled {
		return appStatusEnabled
	}
	return appStatusDisabled
}
