package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/trtc-oss/terraform-provider-trtc/internal/validators"
)

var _ provider.ProviderWithValidateConfig = &trtcProvider{}

// IgnoreTags is the provider's ignore_tags block, as the AWS provider has
// it: tag keys that other systems (a console user, a cost tool) own on the
// applications. trtc_application neither removes them nor reports them, in
// tags or tags_all, and the data sources and the list resource leave them
// out. trtc_application_tag is not affected: it names its key, as AWS's
// aws_ec2_tag does. The zero value ignores nothing.
type IgnoreTags struct {
	Keys        []string
	KeyPrefixes []string
}

// Ignores reports whether key is one of Keys or starts with one of KeyPrefixes.
func (ig IgnoreTags) Ignores(key string) bool {
	if slices.Contains(ig.Keys, key) {
		return true
	}
	for _, p := range ig.KeyPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// empty: nothing is ignored (the filters below then return their input).
func (ig IgnoreTags) empty() bool { return len(ig.Keys) == 0 && len(ig.KeyPrefixes) == 0 }

// visible is tags without the ignored keys; tags itself when none is
// ignored (callers copy before they modify).
func (ig IgnoreTags) visible(tags map[string]string) map[string]string {
	if ig.empty() {
		return tags
	}
	out := make(map[string]string, len(tags))
	for k, v := range tags {
		if !ig.Ignores(k) {
			out[k] = v
		}
	}
	return out
}

// ignoredOf lists, sorted, the keys of tags that are ignored.
func (ig IgnoreTags) ignoredOf(tags map[string]string) []string {
	if ig.empty() {
		return nil
	}
	var out []string
	for k := range tags {
		if ig.Ignores(k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

type ignoreTagsModel struct {
	Keys        types.Set `tfsdk:"keys"`
	KeyPrefixes types.Set `tfsdk:"key_prefixes"`
}

// ignoreTagsBlock is the ignore_tags block of the provider schema.
func ignoreTagsBlock() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Tag keys that other systems manage on the applications, such as a console user or a cost tool: `trtc_application` " +
			"neither removes them nor shows them as drift (they are left out of its `tags` and `tags_all`), and the data sources and the " +
			"list resource leave them out too (their filters still see them). A key set in a `trtc_application`'s `tags` and ignored here " +
			"is never written: the plan warns. `trtc_application_tag` is not affected: list its keys here so that the `trtc_application` " +
			"of the same application leaves them to it.",
		Attributes: map[string]schema.Attribute{
			"keys": schema.SetAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Exact tag keys to ignore; each " + validators.TagKeyRule + ".",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(validators.TagKey())},
			},
			"key_prefixes": schema.SetAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Tag keys starting with any of these prefixes are ignored; each 1-127 characters.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 127))},
			},
		},
	}
}

// ignoreTags returns the ignore_tags block (zero when absent). The block
// is known (see fullyKnown).
func (m providerModel) ignoreTags(ctx context.Context, diags *diag.Diagnostics) IgnoreTags {
	if m.IgnoreTags.IsNull() {
		return IgnoreTags{}
	}
	var block ignoreTagsModel
	diags.Append(m.IgnoreTags.As(ctx, &block, basetypes.ObjectAsOptions{})...)
	return IgnoreTags{Keys: sortedStrings(ctx, block.Keys, diags), KeyPrefixes: sortedStrings(ctx, block.KeyPrefixes, diags)}
}

// sortedStrings is a set of strings, sorted (nil when null).
func sortedStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	slices.Sort(out)
	return out
}

// fullyKnown reports whether a value and everything in it is known.
func fullyKnown(ctx context.Context, v attr.Value) bool {
	tv, err := v.ToTerraformValue(ctx)
	return err == nil && tv.IsFullyKnown()
}

// ValidateConfig refuses a default tag that ignore_tags ignores: it would
// be written to every application and never read back.
func (p *trtcProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !fullyKnown(ctx, cfg.DefaultTags) || !fullyKnown(ctx, cfg.IgnoreTags) {
		return // nothing to compare yet
	}
	defaults := cfg.defaultTags(ctx, &resp.Diagnostics)
	ignore := cfg.ignoreTags(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, k := range ignore.ignoredOf(defaults) {
		addAttributeError(&resp.Diagnostics, path.Root("default_tags").AtName("tags").AtMapKey(k), "Default tag ignored by ignore_tags",
			fmt.Sprintf("Attribute default_tags.tags key %q is ignored by ignore_tags (keys or key_prefixes): it would be written to every "+
				"application and never read back. Remove it from default_tags or from ignore_tags.", k))
	}
}
