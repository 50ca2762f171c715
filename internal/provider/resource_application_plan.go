package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var _ resource.ResourceWithModifyPlan = &applicationResource{}

// ModifyPlan refuses to plan the deletion of a protected application,
// computes tags_all and plans the status in effect. It runs for every
// application of every plan, so it decodes with applicationDecoder and
// writes the plan back only when it changed it.
func (r *applicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state *applicationModel
	if !req.State.Raw.IsNull() {
		state = &applicationModel{}
		resp.Diagnostics.Append(applicationDecoder().get(ctx, req.State.Raw, state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy
		if state != nil && state.DeletionProtection.ValueBool() {
			refuseProtectedDeletion(state, "destroys it", &resp.Diagnostics)
		}
		return
	}
	var plan applicationModel
	resp.Diagnostics.Append(applicationDecoder().get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state != nil && state.DeletionProtection.ValueBool() {
		if changes := replacingChanges(&plan, state); changes != "" {
			refuseProtectedDeletion(state, "replaces it ("+changes+")", &resp.Diagnostics)
			return
		}
	}
	planned := plan
	r.planTagsAll(ctx, &plan, &resp.Diagnostics)
	planStatusInEffect(&plan, state)
	if state == nil && !plan.Name.IsUnknown() && r.pd != nil {
		r.warnNameTaken(ctx, plan.Name.ValueString(), &resp.Diagnostics)
	}
	if state != nil && onlyWaits(&plan, state) {
		requestedAt, d := req.Private.GetKey(ctx, privateStatusRequestedAt)
		resp.Diagnostics.Append(d...)
		addOnlyWaits(&resp.Diagnostics, state, requestedAt)
	}
	if !plan.sameAs(&planned) {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	}
}

// warnNameTaken warns when another application of the account already has
// the name of one about to be created: most often it is the one meant, to
// be imported. One account listing (one call per 100 applications) serves
// every create of the plan, and of the apply (which plans each create again
// after others were made: Recent does not list again for those); it costs
// nothing when no application is created, and a failed listing only skips
// the check.
func (r *applicationResource) warnNameTaken(ctx context.Context, name string, diags *diag.Diagnostics) {
	apps, err := r.pd.Inventory().Recent(ctx)
	if err != nil {
		tflog.Debug(ctx, "could not list the applications to check the new name", map[string]any{"error": err.Error()})
		return
	}
	var same []uint64
	for _, app := range apps {
		if app.Name != nil && *app.Name == name {
			same = append(same, app.ID)
		}
	}
	if len(same) == 0 {
		return
	}
	others := ""
	if len(same) > 1 {
		others = fmt.Sprintf(" (and %d more)", len(same)-1)
	}
	id := strconv.FormatUint(same[0], 10)
	addAttributeWarning(diags, path.Root("name"), fmt.Sprintf("Another TRTC application is already named %q", name),
		joinSentences(fmt.Sprintf("TRTC application %s%s in this account is already named %q, and applying creates another one with that name", id, others, name),
			"If it is the one this resource means, manage it instead of creating a second one. "+importHint("trtc_application", id),
			"See the guide Adopting existing applications"))
}

// privateStatusRequestedAt is the private-state key under which Read keeps
// when the pending status change was requested (a JSON string), for the
// plan's warning: the plan itself makes no API call.
const privateStatusRequestedAt = "status_requested_at"

// privateState is the framework's private state of a resource (the
// Private of its requests and responses).
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// keepRequestedAt records when the pending status change was requested
// (RFC 3339), or forgets it ("") once nothing is pending or it is not known.
func keepRequestedAt(ctx context.Context, private privateState, at string, diags *diag.Diagnostics) {
	if at == "" {
		if held, _ := private.GetKey(ctx, privateStatusRequestedAt); held == nil {
			return // the common case: nothing to forget, nothing written
		}
		diags.Append(private.SetKey(ctx, privateStatusRequestedAt, nil)...)
		return
	}
	diags.Append(private.SetKey(ctx, privateStatusRequestedAt, []byte(strconv.Quote(at)))...)
}

// onlyWaits: the plan's only change is status_in_effect, toward a status
// change already requested (apply sends nothing and waits for it).
func onlyWaits(plan, state *applicationModel) bool {
	if !state.statusPending() || !plan.Status.Equal(state.Status) {
		return false
	}
	same := *plan
	same.StatusInEffect, same.DisabledReason = state.StatusInEffect, state.DisabledReason
	return same.sameAs(state)
}

// addOnlyWaits says that applying only waits for a change requested
// earlier; requestedAt is the private state's JSON string, or nil.
func addOnlyWaits(diags *diag.Diagnostics, state *applicationModel, requestedAt []byte) {
	when := ""
	if at, err := strconv.Unquote(string(requestedAt)); err == nil && at != "" {
		when = ", requested at " + at + ","
	}
	addWarning(diags, "Only a wait is planned for TRTC application "+state.ID.ValueString(),
		fmt.Sprintf("Its change to status = %q%s has not taken effect yet (status_in_effect is %q), and this plan's only change is status_in_effect. "+
			"terraform apply sends nothing to TRTC: it only waits, within timeouts.update, until the change takes effect (%s after it was requested).",
			state.Status.ValueString(), when, state.StatusInEffect.ValueString(), propagationRange()))
}

// planStatusInEffect plans status_in_effect, and disabled_reason with it,
// from what Create and Update leave in effect:
//   - an update leaves the configured status in effect, or fails: status_in_effect
//     is planned as status;
//   - a create may end with its disable still pending (see Create): both are
//     unknown;
//   - a change pending toward the configuration is then the plan's only
//     difference, an in-place update that waits for it to take effect;
//   - a change pending away from the configuration shows as a change of
//     status itself, planned as its reversal;
//   - disabled_reason follows the status in effect: unknown when that changes.
func planStatusInEffect(plan, state *applicationModel) {
	if state == nil || plan.Status.IsUnknown() {
		plan.StatusInEffect = types.StringUnknown()
		plan.DisabledReason = types.StringUnknown()
		return
	}
	plan.StatusInEffect = plan.Status
	if !state.StatusInEffect.Equal(plan.StatusInEffect) {
		plan.DisabledReason = types.StringUnknown() // it follows the status in effect
	}
}

// replacingChanges describes the planned changes of the attributes that
// replace the application (RequiresReplace: product, data_region); "" when
// none. A -replace option is not visible here: Delete refuses it instead.
func replacingChanges(plan, state *applicationModel) string {
	var out []string
	for _, a := range []struct {
		name          string
		planned, held types.String
	}{{"product", plan.Product, state.Product}, {"data_region", plan.DataRegion, state.DataRegion}} {
		if a.planned.Equal(a.held) {
			continue
		}
		to := "a value known only at apply"
		if !a.planned.IsUnknown() {
			to = fmt.Sprintf("%q", a.planned.ValueString())
		}
		out = append(out, fmt.Sprintf("%s changes from %q to %s", a.name, a.held.ValueString(), to))
	}
	return strings.Join(out, ", ")
}

// refuseProtectedDeletion fails the plan, so that nothing is touched: at
// apply time Terraform would first destroy the dependents (subscription,
// tags) and only then reach the protected application.
func refuseProtectedDeletion(state *applicationModel, what string, diags *diag.Diagnostics) {
	addAttributeError(diags, path.Root("deletion_protection"), "Could not plan the deletion of TRTC application "+state.ID.ValueString(),
		fmt.Sprintf("deletion_protection is true, and this plan %s. Nothing was changed. "+
			"To proceed, first set deletion_protection = false (with the resource block still in the configuration and "+
			"product and data_region unchanged) and run terraform apply; then plan the deletion or replacement again.", what))
}
