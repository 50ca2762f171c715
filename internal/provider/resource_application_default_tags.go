package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// The provider's default_tags and ignore_tags follow the AWS provider:
// `tags` is what the resource configures, `tags_all` what the application
// carries (defaults overlaid with `tags`), both without the ignored keys.
// Writes send tags_all; reads split it back.

// tagRules are the provider settings that every read and write of an
// application's tags applies.
type tagRules struct {
	defaults map[string]string
	ignore   IgnoreTags
}

func (d *ProviderData) tagRules() tagRules {
	return tagRules{defaults: d.DefaultTags, ignore: d.IgnoreTags}
}

// all is what an application with the resource's own tags carries, as far
// as Terraform sees it: the defaults overlaid with own, but the ignored keys.
func (t tagRules) all(own map[string]string) map[string]string {
	return t.ignore.visible(mergeTags(t.defaults, own))
}

// read is what a data source reports of the tags on an application: tags
// as a trtc_application's read after an import (without a default tag that
// has the default's value), so that a configuration copying them into a
// trtc_application plans no change of them; tags_all every tag. Both
// without the ignored keys.
func (t tagRules) read(onApp map[string]string) (tags, tagsAll map[string]string) {
	tagsAll = mergeTags(nil, t.ignore.visible(onApp))
	tags = make(map[string]string, len(tagsAll))
	for k, v := range tagsAll {
		if !isDefaultTag(t.defaults, k, v) {
			tags[k] = v
		}
	}
	return tags, tagsAll
}

// planTagsAll computes tags_all, so that adding, changing or removing a
// default tag plans an update of every application.
func (r *applicationResource) planTagsAll(ctx context.Context, plan *applicationModel, diags *diag.Diagnostics) {
	all := types.MapUnknown(types.StringType)
	if own, known := knownTags(plan.Tags); known && r.pd != nil {
		warnIgnoredTags(r.pd.IgnoreTags.ignoredOf(own), diags)
		merged := r.pd.tagRules().all(own)
		if detail := tooManyTags(merged); detail != "" {
			// Each map is checked at validate time; only the merge is new here.
			// A warning: an error would also block terraform destroy, which
			// plans a normal refresh first. Create and Update refuse it.
			addAttributeWarning(diags, path.Root("tags"), "Too many tags", detail+" terraform apply will refuse this; terraform destroy is not affected.")
			return
		}
		all = tagsValue(plan.TagsAll, merged)
	}
	plan.TagsAll = all
}

// tagsValue is tags as a map attribute: current itself when it holds
// exactly them. Every plan and refresh computes tags and tags_all for every
// application and most are unchanged: they then cost no new value, nor
// types.MapValueFrom's reflection.
func tagsValue(current types.Map, tags map[string]string) types.Map {
	if !current.IsNull() && !current.IsUnknown() {
		elems := current.Elements()
		same := len(elems) == len(tags)
		for k, v := range elems {
			s, ok := v.(types.String)
			want, has := tags[k]
			same = same && ok && has && !s.IsNull() && !s.IsUnknown() && s.ValueString() == want
		}
		if same {
			return current
		}
	}
	elems := make(map[string]attr.Value, len(tags))
	for k, v := range tags {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
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

// warnIgnoredTags: keys of tags that ignore_tags ignores are never written
// (tags keeps them as configured: see setTags).
func warnIgnoredTags(keys []string, diags *diag.Diagnostics) {
	if len(keys) == 0 {
		return
	}
	addAttributeWarning(diags, path.Root("tags"), "Tags ignored by the provider",
		fmt.Sprintf("Attribute tags sets %s, which the provider's ignore_tags ignores: the provider neither writes nor reads them on this "+
			"application. Remove them from tags or from ignore_tags.", quoteAll(keys)))
}

// quoteAll lists strings quoted, comma-separated.
func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// tagsAll is what Create and Update write: the defaults of the provider
// (read now, since tags_all may be unknown in the plan) and the model's
// tags, but the ignored keys. Too many tags is an error there, before
// anything is written.
func (r *applicationResource) tagsAll(ctx context.Context, m *applicationModel, diags *diag.Diagnostics) map[string]string {
	merged := r.pd.tagRules().all(m.tagMap(ctx, diags))
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
// tags in a state written before tags_all existed; without the keys ignored
// now (a state read before they were ignored may hold them: they must not
// be removed).
func (m *applicationModel) appliedTags(ctx context.Context, ignore IgnoreTags, diags *diag.Diagnostics) map[string]string {
	if m.TagsAll.IsNull() || m.TagsAll.IsUnknown() {
		return ignore.visible(m.tagMap(ctx, diags))
	}
	out := map[string]string{}
	diags.Append(m.TagsAll.ElementsAs(ctx, &out, false)...)
	return ignore.visible(out)
}

// setTags sets tags_all to the tags on the application and tags to the
// ones the resource itself owns, both without the ignored keys. m holds the
// prior tags (state on refresh, plan after a write). A tag is left out of
// tags when the resource did not have it and it is a default tag with the
// default's value, or it was a default at the last apply (tags_all but not
// tags) with the same value: then changing or removing a default shows as a
// change of tags_all only. A key set both ways stays in tags, so the
// resource's value wins without a perpetual diff. An ignored key the
// resource has stays in tags as it was (as configured: never written nor
// read, and the plan warns), so that the apply matches its plan.
func (m *applicationModel) setTags(onApp map[string]string, rules tagRules) {
	onApp = rules.ignore.visible(onApp)
	prior, _ := knownTags(m.Tags)
	priorAll, _ := knownTags(m.TagsAll)
	own := map[string]string{}
	for k, v := range prior {
		if rules.ignore.Ignores(k) {
			own[k] = v
		}
	}
	for k, v := range onApp {
		if _, mine := prior[k]; !mine {
			if isDefaultTag(rules.defaults, k, v) {
				continue
			}
			if a, ok := priorAll[k]; ok && a == v {
				continue
			}
		}
		own[k] = v
	}
	m.TagsAll = tagsValue(m.TagsAll, onApp)
	m.setOwnTags(own)
}

// isDefaultTag: key=value is one of the provider's default_tags.
func isDefaultTag(defaults map[string]string, key, value string) bool {
	d, ok := defaults[key]
	return ok && d == value
}
