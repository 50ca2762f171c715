package provider

import (
	"context"
	"errors"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
	"github.com/trtc-oss/terraform-provider-trtc/internal/inventory"
)

// presence is what a read found besides the attributes it set.
type presence struct {
	gone     bool // the application does not exist, or is being deleted
	deleting bool // gone because its deletion is under way
	// requestedAt is when the status change still pending was requested
	// (RFC 3339), "" when none is pending or the read could not tell.
	requestedAt string
}

// read is Read's path: from the account-wide listing when many
// applications are read together, else (and whenever the listing cannot
// answer every attribute) from the application itself.
//
// Where each attribute comes from on the listed path:
//   - name, description, status_in_effect, tags/tags_all, create_time: the listing
//     (DescribeAppStatList with NeedTags), so drift on them is seen; a name
//     or description listed as null sends the read to the application itself;
//   - status (the target): the listing shows only the state in effect, so
//     it answers only while the state holds no pending change and the
//     listing shows the state's status in effect; otherwise the direct read
//     (DescribeSdkAppInfo) tells the target. A change requested outside
//     Terraform shows on this path once it is in effect;
//   - product, data_region, sdk_secret_key: the state (they never change);
//   - disabled_reason: null when enabled; the state's while the application
//     stays disabled; otherwise the direct read supplies it.
func (r *applicationResource) read(ctx context.Context, id uint64, m *applicationModel, diags *diag.Diagnostics) presence {
	if !m.hasImmutableAttributes() || m.statusPending() {
		return r.readApp(ctx, id, m, diags) // after import, or to see where a pending change stands
	}
	app, err := r.pd.Inventory().Lookup(ctx, id)
	if err != nil {
		addFailure(diags, "read", appObject(id), err, "")
		return presence{}
	}
	if !m.listingAnswers(app) {
		return r.readApp(ctx, id, m, diags)
	}
	tflog.Trace(ctx, "TRTC application read from the account listing", map[string]any{"sdk_app_id": logID(id)})
	m.setFromListing(app, r.pd.tagRules())
	return presence{}
}

// readApp sets m from the application itself (DescribeSdkAppInfo) and its
// tags.
func (r *applicationResource) readApp(ctx context.Context, id uint64, m *applicationModel, diags *diag.Diagnostics) presence {
	app, err := finder.LiveAppByID(ctx, r.pd.API, id)
	switch {
	case errors.Is(err, finder.ErrBeingDeleted):
		return presence{gone: true, deleting: true}
	case api.IsNotFound(err):
		return presence{gone: true}
	case err != nil:
		addFailure(diags, "read", appObject(id), readError(id, err), "")
		return presence{}
	}
	tags, err := finder.TagsByAppID(ctx, r.pd.API, id)
	if err != nil {
		addFailure(diags, "read the tags of", appObject(id), err, "")
		return presence{}
	}
	m.setFromApp(app, diags)
	m.setTags(tags, r.pd.tagRules())
	var found presence
	if t, err := api.ParseTime(app.StatusChangeTime); err == nil && targetStatus(app) != app.Status {
		found.requestedAt = formatTime(t)
	}
	return found
}

// listingAnswers reports whether the listed app tells all that read needs.
// It does not when:
//   - it is not listed: deleted, too new, written since the listing, or too
//     few reads share the listing. Only a direct read can tell which;
//   - its status in effect is not the state's status: the target may have
//     changed too;
//   - it is disabled and the state holds no reason;
//   - its name or description is listed as null, which the reference allows
//     and which says nothing.
func (m *applicationModel) listingAnswers(app *inventory.App) bool {
	return app != nil && statusName(app.Enabled) == m.Status.ValueString() && (app.Enabled || m.knowsDisabledReason()) &&
		app.Name != nil && app.Description != nil
}

// hasImmutableAttributes: the attributes the listing lacks are in the state.
func (m *applicationModel) hasImmutableAttributes() bool {
	known := func(v types.String) bool { return !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" }
	return known(m.Product) && known(m.DataRegion) && known(m.SdkSecretKey)
}

// knowsDisabledReason: the state already holds why the application is disabled.
func (m *applicationModel) knowsDisabledReason() bool {
	return m.Status.ValueString() == appStatusDisabled && m.DisabledReason.ValueString() != ""
}

// setFromListing copies what the listing reports, tags included. It keeps
// the state's product, data_region, sdk_secret_key, deletion_protection and
// timeouts, which the listing lacks, and disabled_reason while the
// application stays disabled (see read; a unit test holds every other
// attribute to being filled from the listing).
func (m *applicationModel) setFromListing(app *inventory.App, rules tagRules) {
	m.setTags(app.Tags, rules)
	m.ID = types.StringValue(strconv.FormatUint(app.ID, 10))
	m.SdkAppID = types.Int64Value(int64(app.ID))
	// null in the listing tells nothing (read falls back to the direct
	// read then); after a wait the planned value stands.
	if app.Name != nil {
		m.Name = types.StringValue(*app.Name)
	}
	if app.Description != nil {
		m.Description = types.StringValue(*app.Description)
	}
	m.CreateTime = types.StringValue(formatWireTime(app.CreateTime))
	// refresh took this path only when the listed status is the state's.
	m.Status = types.StringValue(statusName(app.Enabled))
	m.StatusInEffect = m.Status
	if app.Enabled {
		m.DisabledReason = types.StringNull()
	} // else the reason is the state's (knowsDisabledReason)
	if m.DeletionProtection.IsNull() || m.DeletionProtection.IsUnknown() {
		m.DeletionProtection = types.BoolValue(false)
	}
}
