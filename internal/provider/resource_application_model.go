package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/waiters"
)

// applicationModel is the state and plan of trtc_application.
type applicationModel struct {
	ID                 types.String   `tfsdk:"id"`
	SdkAppID           types.Int64    `tfsdk:"sdk_app_id"`
	Name               types.String   `tfsdk:"name"`
	Description        types.String   `tfsdk:"description"`
	Product            types.String   `tfsdk:"product"`
	DataRegion         types.String   `tfsdk:"data_region"`
	Status             types.String   `tfsdk:"status"`
	StatusInEffect     types.String   `tfsdk:"status_in_effect"`
	DeletionProtection types.Bool     `tfsdk:"deletion_protection"`
	Tags               types.Map      `tfsdk:"tags"`
	TagsAll            types.Map      `tfsdk:"tags_all"`
	SdkSecretKey       types.String   `tfsdk:"sdk_secret_key"`
	CreateTime         types.String   `tfsdk:"create_time"`
	DisabledReason     types.String   `tfsdk:"disabled_reason"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// sameAs reports whether every attribute of m equals o's. Field by field,
// not by reflection, which would box each value for every application of
// every refresh and plan; TestApplicationModelSameAsSeesEveryAttribute keeps
// the list whole.
func (m *applicationModel) sameAs(o *applicationModel) bool {
	return m.ID.Equal(o.ID) && m.SdkAppID.Equal(o.SdkAppID) && m.Name.Equal(o.Name) &&
		m.Description.Equal(o.Description) && m.Product.Equal(o.Product) && m.DataRegion.Equal(o.DataRegion) &&
		m.Status.Equal(o.Status) && m.StatusInEffect.Equal(o.StatusInEffect) &&
		m.DeletionProtection.Equal(o.DeletionProtection) && m.Tags.Equal(o.Tags) && m.TagsAll.Equal(o.TagsAll) &&
		m.SdkSecretKey.Equal(o.SdkSecretKey) && m.CreateTime.Equal(o.CreateTime) &&
		m.DisabledReason.Equal(o.DisabledReason) && m.Timeouts.Equal(o.Timeouts)
}

// appID is the SDKAppID in the model's id; false, with the invalid-ID error
// added, when the id is not one.
func (m *applicationModel) appID(diags *diag.Diagnostics) (uint64, bool) {
	id, err := strconv.ParseUint(m.ID.ValueString(), 10, 64)
	if err != nil || id == 0 {
		addInvalidID(diags, "trtc_application", m.ID.ValueString(), sdkAppIDForm, sdkAppIDExample)
		return 0, false
	}
	return id, true
}

// tagMap returns the tags of the model as a Go map (nil when null).
func (m *applicationModel) tagMap(ctx context.Context, diags *diag.Diagnostics) map[string]string {
	if m.Tags.IsNull() || m.Tags.IsUnknown() {
		return nil
	}
	out := map[string]string{}
	diags.Append(m.Tags.ElementsAs(ctx, &out, false)...)
	return out
}

// setFromApp copies what the API reports; tags and the Terraform-only
// attributes (deletion_protection, timeouts) are left to the caller.
func (m *applicationModel) setFromApp(app *api.DescribeSdkAppInfoResponse, diags *diag.Diagnostics) {
	id := strconv.FormatUint(app.SdkAppId, 10)
	m.ID = types.StringValue(id)
	m.SdkAppID = types.Int64Value(int64(app.SdkAppId))
	m.Name = types.StringValue(app.AppName)
	m.Description = types.StringValue(app.Description)
	m.Product = types.StringValue(app.Product)
	m.DataRegion = types.StringValue(app.DataRegion)
	m.Status = statusValue("status", targetStatus(app), diags)
	m.StatusInEffect = statusValue("status_in_effect", app.Status, diags)
	m.SdkSecretKey = types.StringValue(app.SecretKey)
	m.CreateTime = types.StringValue(formatWireTime(app.CreateTime))
	m.DisabledReason = optionalString(app.DisabledReason) // null when enabled
	if m.DeletionProtection.IsNull() || m.DeletionProtection.IsUnknown() {
		m.DeletionProtection = types.BoolValue(false) // after import
	}
}

// setOwnTags sets the tags read from the Tag service; a null attribute stays
// null while the application has no tags, so configs without tags show no diff.
func (m *applicationModel) setOwnTags(tags map[string]string) {
	if len(tags) == 0 && (m.Tags.IsNull() || m.Tags.IsUnknown()) {
		m.Tags = types.MapNull(types.StringType)
		return
	}
	m.Tags = tagsValue(m.Tags, tags)
}

// targetStatus is the status the service records as the target: the one
// being propagated, or the one in effect when nothing is pending.
func targetStatus(app *api.DescribeSdkAppInfoResponse) string {
	if app.TargetStatus == "" {
		return app.Status
	}
	return app.TargetStatus
}

// statusPending: a status change recorded in the state has not taken effect.
func (m *applicationModel) statusPending() bool {
	return !m.StatusInEffect.Equal(m.Status)
}

// created is the state of a new application before its first read: the
// planned values, with what only a read can tell null instead of unknown.
func (m applicationModel) created(id uint64) *applicationModel {
	m.ID = types.StringValue(strconv.FormatUint(id, 10))
	m.SdkAppID = types.Int64Value(int64(id))
	for _, v := range []*types.String{&m.StatusInEffect, &m.SdkSecretKey, &m.CreateTime, &m.DisabledReason} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if m.TagsAll.IsUnknown() {
		m.TagsAll = types.MapNull(types.StringType)
	}
	return &m
}

// setSeen sets m from what a wait for status want, asked for by this
// provider, saw last (Create's disable, Update's status change; Update also
// passes a direct read made without a wait):
//   - a direct read tells every attribute but the tags;
//   - the listing tells only the status in effect; a disable by this
//     provider has the reason Manual;
//   - the target is want since the request, whatever was seen.
func (m *applicationModel) setSeen(seen *waiters.AppState, want string, diags *diag.Diagnostics) {
	if seen.Read != nil {
		m.setFromApp(seen.Read, diags)
		return
	}
	if seen.Listed != nil {
		m.StatusInEffect = types.StringValue(statusName(seen.Listed.Enabled))
		m.DisabledReason = types.StringNull()
		if !seen.Listed.Enabled {
			m.DisabledReason = types.StringValue(api.DisabledReasonManual)
		}
	}
	m.Status = types.StringValue(want)
}
