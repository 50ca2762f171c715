package provider

import (
	"context"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

var (
	_ resource.ResourceWithConfigure      = &subscriptionResource{}
	_ resource.ResourceWithImportState    = &subscriptionResource{}
	_ resource.ResourceWithIdentity       = &subscriptionResource{}
	_ resource.ResourceWithModifyPlan     = &subscriptionResource{}
	_ resource.ResourceWithValidateConfig = &subscriptionResource{}
)

// Subscription writes are single calls; the timeouts bound them together with
// the read-back that waits for the new package to show.
const subscriptionDefaultTimeout = 5 * time.Minute

// NewSubscriptionResource returns the trtc_subscription resource.
func NewSubscriptionResource() resource.Resource { return &subscriptionResource{} }

type subscriptionResource struct {
	providerClient
}

func (r *subscriptionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subscription"
}

func (r *subscriptionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *subscriptionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan subscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, subscriptionDefaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := plan.appID()
	current, err := finder.SubscriptionByAppID(ctx, r.pd.API, id)
	if err != nil {
		addFailure(&resp.Diagnostics, "read", subscriptionObject(id), err, "")
		return
	}
	edition := plan.Edition.ValueString()
	var expect func(*api.DescribeAppSubscriptionResponse) bool // nil: nothing written, current is the answer
	if current.Status == api.SubscriptionActive && current.Edition == edition {
		// Adopt instead of buying again: the package may have outlived an
		// earlier destroy, and a second purchase would be charged. The plan
		// warned of it (ModifyPlan runs again at apply): not repeated here.
		if edition != catalog.EditionTrial && current.AutoRenew != plan.AutoRenew.ValueBool() {
			if !r.setAutoRenew(ctx, id, plan.AutoRenew.ValueBool(), &resp.Diagnostics) {
				return
			}
			expect = autoRenewIs(plan.AutoRenew.ValueBool())
		}
	} else {
		expect = r.purchase(ctx, &plan, current, &resp.Diagnostics)
		if expect == nil {
			return
		}
	}

	// From here the package exists: keep the ID in state whatever happens, so
	// a failed read-back leaves a tainted resource instead of an orphan.
	plan.ID = types.StringValue(strconv.FormatUint(id, 10))
	setIdentity(ctx, resp.Identity, appIdentity(id), &resp.Diagnostics)
	if expect == nil {
		plan.setFromSubscription(current) // adopted as read above: reading it again would tell nothing new
	} else {
		r.readBack(ctx, &plan, expect, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// purchase starts a trial or buys the planned paid edition, and returns what
// the read-back must see; nil after an error.
func (r *subscriptionResource) purchase(ctx context.Context, plan *subscriptionModel, current *api.DescribeAppSubscriptionResponse, diags *diag.Diagnostics) func(*api.DescribeAppSubscriptionResponse) bool {
	id, edition := plan.appID(), plan.Edition.ValueString()
	held, heldUntil := "", ""
	if current.Status == api.SubscriptionActive {
		held, heldUntil = current.Edition, formatWireTime(current.ExpireTime)
	}
	if summary, detail := editionRefusal(current.Product, held, edition, heldUntil, id); summary != "" {
		addAttributeError(diags, path.Root("edition"), summary, detail+" Nothing was bought.")
		return nil
	}
	if edition == catalog.EditionTrial {
		return r.claimTrial(ctx, plan, current, diags)
	}
	months := plan.PeriodMonths.ValueInt64()
	tflog.Info(ctx, "buying a paid edition", map[string]any{"sdk_app_id": logID(id), "edition": edition, "period_months": months})
	callCtx, cancelCall := withoutStop(ctx)
	defer cancelCall()
	out, err := r.pd.API.CreateAppSubscription(callCtx, &api.CreateAppSubscriptionRequest{
		SdkAppId:     id,
		Edition:      edition,
		PeriodMonths: months,
		AutoRenew:    api.Ptr(plan.AutoRenew.ValueBool()),
		ClientToken:  api.Ptr(newClientToken()),
	})
	if err != nil {
		r.addPurchaseError(diags, plan, current, err)
		return nil
	}
	autoRenew := plan.AutoRenew.ValueBool()
	until := editionUntil(edition, out.ExpireTime)
	return func(s *api.DescribeAppSubscriptionResponse) bool { return until(s) && s.AutoRenew == autoRenew }
}

func (r *subscriptionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state subscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, appIdentity(state.appID()), &resp.Diagnostics)
	out, err := finder.SubscriptionByAppID(ctx, r.pd.API, state.appID())
	if api.IsNotFound(err) {
		addVanished(&resp.Diagnostics, subscriptionObject(state.appID()), "The application was deleted outside Terraform, and its subscription with it.")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addFailure(&resp.Diagnostics, "read", subscriptionObject(state.appID()), readError(state.appID(), err), "")
		return
	}
	state.setFromSubscription(out)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *subscriptionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan, state subscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, appIdentity(plan.appID()), &resp.Diagnostics) // also when Terraform (< 1.12) planned none
	timeout, diags := plan.Timeouts.Update(ctx, subscriptionDefaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	expect := func(*api.DescribeAppSubscriptionResponse) bool { return true }
	if plannedPurchase(&state, &plan) {
		current, err := finder.SubscriptionByAppID(ctx, r.pd.API, plan.appID())
		if err != nil {
			addFailure(&resp.Diagnostics, "read", subscriptionObject(plan.appID()), err, "")
			return
		}
		if expect = r.purchase(ctx, &plan, current, &resp.Diagnostics); expect == nil {
			return
		}
	} else if !plan.AutoRenew.Equal(state.AutoRenew) && plan.Edition.ValueString() != catalog.EditionTrial {
		if !r.setAutoRenew(ctx, plan.appID(), plan.AutoRenew.ValueBool(), &resp.Diagnostics) {
			return
		}
		expect = autoRenewIs(plan.AutoRenew.ValueBool())
	}
	r.readBack(ctx, &plan, expect, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *subscriptionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state subscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, subscriptionDefaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.appID()
	// No refund or cancel exists: stop the renewals and let the package run
	// out. A trial never renews, so there is nothing to switch off.
	var err error
	if state.Edition.ValueString() != catalog.EditionTrial {
		_, err = r.pd.API.ModifyAppSubscriptionAutoRenew(ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: false})
	}
	switch {
	case api.IsNotFound(err):
		return // the application is gone, and its package with it
	case err != nil && !api.HasCode(err, api.CodeNoPaidEdition):
		addFailure(&resp.Diagnostics, "switch auto-renewal off for", appObject(id), err, "")
		return
	}
	out, err := finder.SubscriptionByAppID(ctx, r.pd.API, id)
	if err != nil {
		if !api.IsNotFound(err) {
			tflog.Warn(ctx, "could not read the subscription after switching auto-renewal off", map[string]any{"error": err.Error()})
		}
		return
	}
	if summary, detail := deleteWarning(id, out); summary != "" {
		addWarning(&resp.Diagnostics, summary, detail)
	}
}

func (r *subscriptionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importBySdkAppID(ctx, "trtc_subscription", req, resp)
}

func (r *subscriptionResource) setAutoRenew(ctx context.Context, id uint64, on bool, diags *diag.Diagnostics) bool {
	_, err := r.pd.API.ModifyAppSubscriptionAutoRenew(ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: on})
	if err != nil {
		action := "switch auto-renewal off"
		if on {
			action = "switch auto-renewal on"
		}
		summary, detail := explainSubscriptionError(action, err, purchaseFacts{SdkAppID: id})
		addError(diags, summary, detail)
		return false
	}
	return true
}
