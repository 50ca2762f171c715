package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// The provider's default_tags follow the AWS provider: `tags` is what the
// resource configures, `tags_all` what the application carries (defaults
// overlaid with `tags`). Writes send tags_all; reads split it back.

// planTagsAll computes tags_all, so that adding, changing or removing a
// default tag plans an update of every application.
func (r *applicationResource) planTagsAll(ctx context.Context, plan *applicationModel, diags *diag.Diagnostics) {
	all := types.MapUnknown(types.StringType)
	if own, known := knownTags(plan.Tags); known && r.pd != nil {
		merged := mergeTags(r.pd.DefaultTags, own)
		if detail := tooManyTags(merged); detail != "" {
			// Each map is checked at validate time; only the merge is new here.
			// A warning: an error would also block terraform destroy, which
			// plans a normal refresh first. Create and Update refuse it.
			addAttributeWarning(diags, path.Root("tags"), "Too many tags", detail+" terraform apply will refuse this; terraform destroy is not affected.")
			return
		}
		v, d := types.MapValueFrom(ctx, types.StringType, merged)
		diags.Append(d...)
		all = v
	}
	plan.TagsAll = all
}

// knownTags converts a tags map; false when it or one of its values is unknown.
func knownTags(m types.Map) (map[string]string, bool) {
	if m.IsUnknown() {
		return nil, false
	}
	out := map[string]string{}
	for k, v := range m.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			return nil, false
		}
		out[k] = s.ValueString()
	}
	return out, true
}

// mergeTags overlays a resource's own tags on the defaults: own tags win.
func mergeTags(defaults, own map[string]string) map[string]string {
	out := make(map[string]string, len(defaults)+len(own))
	maps.Copy(out, defaults)
	maps.Copy(out, own)
	return out
}

// tagsAll is what Create and Update write: the defaults of the provider
// (read now, since tags_all may be unknown in the plan) and the model's tags.
// Too many tags is an error there, before anything is written.
func (r *applicationResource) tagsAll(ctx context.Context, m *applicationModel, diags *diag.Diagnostics) map[string]string {
	merged := mergeTags(r.pd.DefaultTags, m.tagMap(ctx, diags))
	if detail := tooManyTags(merged); detail != "" {
		addAttributeError(diags, path.Root("tags"), "Too many tags", detail+" Nothing was changed.")
	}
	return merged
}

// tooManyTags says why a merge of tags and default_tags has too many keys; "" when it fits.
func tooManyTags(merged map[string]string) string {
	if len(merged) <= catalog.MaxTagsPerResource {
		return ""
	}
	return fmt.Sprintf("Attribute tags together with the provider's default_tags gives %d distinct tag keys; at most %d are allowed per application.",
		len(merged), catalog.MaxTagsPerResource)
}

// appliedTags are the tags on the application as last read: tags_all, or
// tags in a state written before tags_all existed.
func (m *applicationModel) appliedTags(ctx context.Context, diags *diag.Diagnostics) map[string]string {
	if m.TagsAll.IsNull() || m.TagsAll.IsUnknown() {
		return m.tagMap(ctx, diags)
	}
	out := map[string]string{}
	diags.Append(m.TagsAll.ElementsAs(ctx, &out, false)...)
	return out
}

// setTags sets tags_all to the tags on the application and tags to the
// ones the resource itself owns. m holds the prior tags (state on refresh,
// plan after a write). A tag is left out of tags when the resource did not
// have it and it is a default tag with the default's value, or it was a
// default at the last apply (tags_all but not tags) with the same value:
// then changing or removing a default shows as a change of tags_all only.
// A key set both ways stays in tags, so the resource's value wins without
// a perpetual diff.
func (m *applicationModel) setTags(onApp, defaults map[string]string, diags *diag.Diagnostics) {
	prior, _ := knownTags(m.Tags)
	priorAll, _ := knownTags(m.TagsAll)
	own := map[string]string{}
	for k, v := range onApp {
		if _, mine := prior[k]; !mine {
			if isDefaultTag(defaults, k, v) {
				continue
			}
			if a, ok := priorAll[k]; ok && a == v {
				continue
			}
		}
		own[k] = v
	}
	all, d := types.MapValueFrom(context.Background(), types.StringType, mergeTags(nil, onApp))
	diags.Append(d...)
	m.TagsAll = all
	m.setOwnTags(own, diags)
}

// isDefaultTag: key=value is one of the provider's default_tags.
func isDefaultTag(defaults map[string]string, key, value string) bool {
	d, ok := defaults[key]
	return ok && d == value
}

// withoutDefaults is what a trtc_application's tags read after an import:
// the tags on the application but the default tags with the default's
// value. Data sources report it as tags too, so that a configuration that
// copies their tags into a trtc_application plans no change of them.
func withoutDefaults(onApp, defaults map[string]string) map[string]string {
	own := make(map[string]string, len(onApp))
	for k, v := range onApp {
		if !isDefaultTag(defaults, k, v) {
			own[k] = v
		}
	}
	return own
}
