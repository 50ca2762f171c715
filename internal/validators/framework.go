package validators

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ validator.String = stringRule{}
	_ validator.Map    = tagsValidator{}
)

// stringRule adapts a Check func to validator.String.
type stringRule struct {
	summary string
	rule    string
	check   func(string) error
}

func (v stringRule) Description(context.Context) string { return "value must be " + v.rule }

func (v stringRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, fmt.Sprintf("Attribute %s %s", req.Path, err))
	}
}

// AppName validates an application name: [A-Za-z0-9_]{1,15}.
func AppName() validator.String {
	return stringRule{summary: "Invalid application name", rule: AppNameRule, check: CheckAppName}
}

// Description validates an application description: [A-Za-z0-9_]{0,300}.
func Description() validator.String {
	return stringRule{summary: "Invalid application description", rule: DescriptionRule, check: CheckDescription}
}

// TagKey validates one tag key.
func TagKey() validator.String {
	return stringRule{summary: "Invalid tag key", rule: TagKeyRule, check: CheckTagKey}
}

// TagValue validates one tag value.
func TagValue() validator.String {
	return stringRule{summary: "Invalid tag value", rule: TagValueRule, check: CheckTagValue}
}

// Tags validates a map of tags: at most 50, every key and value valid.
func Tags() validator.Map { return tagsValidator{} }

type tagsValidator struct{}

func (tagsValidator) Description(context.Context) string {
	return "at most 50 tags; keys " + TagKeyRule + "; values " + TagValueRule
}

func (v tagsValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (tagsValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	tags := map[string]string{}
	for k, el := range req.ConfigValue.Elements() {
		s, ok := el.(types.String)
		if !ok || s.IsUnknown() {
			continue // unknown values are checked at apply time by the API
		}
		if s.IsNull() {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(k), "Invalid tag value",
				fmt.Sprintf("Attribute %s: value of tag key %q must not be null", req.Path, k))
			continue
		}
		tags[k] = s.ValueString()
	}
	for _, err := range CheckTags(tags) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid tags", fmt.Sprintf("Attribute %s: %s", req.Path, err))
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
