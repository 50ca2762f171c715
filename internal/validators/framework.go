package validators

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// Every validator of the provider's schemas is made here, so that each rule
// is checked one way and its error names the attribute and the rule. Rules
// the framework's validators express (sizes, OneOf, map keys and values)
// use those; the types below cover the rest.

var (
	_ validator.String  = stringRule{}
	_ validator.String  = endpointRule{}
	_ validator.Float64 = positiveFloat{}
)

// stringRule adapts a check to validator.String. check's error says the
// rule ("must be ..."); the detail puts the attribute before it.
type stringRule struct {
	summary     string // "" is "Invalid <attribute>"
	description string
	check       func(string) error
	// setting: the detail quotes the value as a provider setting from the
	// environment is reported (credentials), so both sources read alike.
	setting bool
}

func (v stringRule) Description(context.Context) string { return v.description }

func (v stringRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	err := v.check(value)
	if err == nil {
		return
	}
	summary, detail := v.summary, fmt.Sprintf("Attribute %s %s", req.Path, err)
	if summary == "" {
		summary = "Invalid " + req.Path.String()
	}
	if v.setting {
		detail = fmt.Sprintf("%s = %q is not valid: %s.", req.Path, value, err)
	}
	resp.Diagnostics.AddAttributeError(req.Path, summary, detail)
}

// AppName validates an application name: [A-Za-z0-9_]{1,15}.
func AppName() validator.String {
	return stringRule{summary: "Invalid application name", description: "value must be " + AppNameRule, check: CheckAppName}
}

// Description validates an application description: [A-Za-z0-9_]{0,300}.
func Description() validator.String {
	return stringRule{summary: "Invalid application description", description: "value must be " + DescriptionRule, check: CheckDescription}
}

// TagKey validates one tag key.
func TagKey() validator.String {
	return stringRule{summary: "Invalid tag key", description: "value must be " + TagKeyRule, check: CheckTagKey}
}

// TagValue validates one tag value.
func TagValue() validator.String {
	return stringRule{summary: "Invalid tag value", description: "value must be " + TagValueRule, check: CheckTagValue}
}

// Tags validate a map of tags: at most 50, no null value, every key and
// value valid.
func Tags() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(catalog.MaxTagsPerResource),
		mapvalidator.NoNullValues(),
		mapvalidator.KeysAre(TagKey()),
		mapvalidator.ValueStringsAre(TagValue()),
	}
}

// Regexp validates an RE2 regular expression.
func Regexp() validator.String {
	return stringRule{summary: "Invalid regular expression", description: "value must be a valid RE2 regular expression", check: func(s string) error {
		_, err := regexp.Compile(s)
		var e *syntax.Error
		if errors.As(err, &e) {
			// The parser quotes the expression with backticks; diagnostics are plain text.
			return fmt.Errorf("must be a valid RE2 regular expression: %s: %q", e.Code, e.Expr)
		}
		return err
	}}
}

// Setting validates a provider setting with the check credentials.Resolve
// applies to the same setting from the environment, so both sources accept
// the same values; description says the rule, as check's error does.
func Setting(description string, check func(string) error) validator.String {
	return stringRule{description: description, check: check, setting: true}
}

// Endpoint validates the provider's endpoint with check, which also takes
// the setting named insecure (true accepts a plaintext remote endpoint).
// An unknown insecure setting may turn out true: Configure checks again.
func Endpoint(description, insecure string, check func(endpoint string, insecure bool) error) validator.String {
	return endpointRule{description: description, insecure: insecure, check: check}
}

type endpointRule struct {
	description, insecure string
	check                 func(string, bool) error
}

func (v endpointRule) Description(context.Context) string { return v.description }

func (v endpointRule) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v endpointRule) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var insecure types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(v.insecure), &insecure)...)
	allow := insecure.ValueBool() || insecure.IsUnknown()
	Setting(v.description, func(s string) error { return v.check(s, allow) }).ValidateString(ctx, req, resp)
}

// PositiveFloat requires a number greater than zero; unit names what it
// counts, for the message.
func PositiveFloat(unit string) validator.Float64 { return positiveFloat{unit: unit} }

type positiveFloat struct{ unit string }

func (positiveFloat) Description(context.Context) string { return "value must be greater than 0" }

func (v positiveFloat) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v positiveFloat) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if got := req.ConfigValue.ValueFloat64(); got <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s must be greater than 0 %s, got %v.", req.Path, v.unit, got))
	}
}
