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

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

// ModifyPlan warns, at plan time, of what apply will refuse before money
// changes hands (see editionRefusal), and shows what a purchase changes.
func (r *subscriptionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy: Delete explains what stays active
	}
	var plan subscriptionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var state *subscriptionModel
	if !req.State.Raw.IsNull() {
		state = &subscriptionModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if state != nil && plan.SdkAppID.IsUnknown() {
		addAppReplacedWarning(&resp.Diagnostics, state)
	}
	if plan.Edition.IsUnknown() {
		return
	}
	edition := plan.Edition.ValueString()

	sameApp := state != nil && plan.SdkAppID.Equal(state.SdkAppID)
	var heldEdition, heldUntil, product string
	switch {
	case sameApp:
		heldEdition, heldUntil, product = state.Edition.ValueString(), state.ExpireTime.ValueString(), state.Product.ValueString()
	case plan.SdkAppID.IsUnknown() || r.pd == nil:
		// The application is created in this apply: the API's answer to an
		// unfitting edition is explained at apply time instead.
	default:
		current, err := finder.SubscriptionByAppID(ctx, r.pd.API, plan.appID())
		if api.IsNotFound(err) {
			// A warning, not an error: a refresh-only apply must still be able
			// to drop a subscription whose application was deleted.
			addAttributeWarning(&resp.Diagnostics, path.Root("sdk_app_id"), "Could not find "+appObject(plan.appID()),
				"It does not exist (or is being deleted), so no package can be held for it, and applying will fail. Check sdk_app_id.")
			return
		}
		if err != nil {
			addFailure(&resp.Diagnostics, "read", subscriptionObject(plan.appID()), err, "")
			return
		}
		product = current.Product
		if current.Status == api.SubscriptionActive {
			heldEdition, heldUntil = current.Edition, formatWireTime(current.ExpireTime)
		}
		plan.Product = types.StringValue(product)
		if heldEdition == edition {
			addAdoptionWarning(&resp.Diagnostics, plan.appID(), current)
		}
	}

	if summary, detail := editionRefusal(product, heldEdition, edition, heldUntil, plan.appID()); summary != "" {
		// A warning: Terraform runs a normal plan to refresh before every
		// destroy, so an error here would block terraform destroy too. Create
		// and Update refuse the same before any purchase.
		addAttributeWarning(&resp.Diagnostics, path.Root("edition"), summary,
			detail+" terraform apply will refuse this before buying anything; terraform destroy is not affected.")
		return
	}

	purchase := sameApp && plannedPurchase(state, &plan) || !sameApp && heldEdition != edition
	if sameApp && !purchase {
		// Nothing is bought: the package keeps its times and counters, so the
		// plan can show them instead of "known after apply".
		plan.Status, plan.StartTime, plan.ExpireTime = state.Status, state.StartTime, state.ExpireTime
		plan.TrialsUsed, plan.AccountTrialsUsed = state.TrialsUsed, state.AccountTrialsUsed
	}
	if purchase && edition != catalog.EditionTrial {
		// Worded to read true before and after the purchase: Terraform plans
		// again during apply and shows this warning then too. The summary
		// leaves the application out (unknown at plan when it is new), so
		// Terraform folds the two into one.
		addWarning(&resp.Diagnostics, fmt.Sprintf("Paid package: %s for %s month(s)", edition, int64String(plan.PeriodMonths)),
			fmt.Sprintf("It is bought%s and charged to the account balance when this plan is applied, and TRTC has no refund.", appPhrase(plan.SdkAppID)))
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// addAdoptionWarning says that a new trtc_subscription takes over the
// active package current instead of buying one, and how to buy more; a
// Trial cannot be renewed, so it is told how to convert instead.
func addAdoptionWarning(diags *diag.Diagnostics, id uint64, current *api.DescribeAppSubscriptionResponse) {
	held := fmt.Sprintf("Application %d already holds an active %s package until %s, so this trtc_subscription adopts it: nothing is bought or charged.",
		id, current.Edition, formatWireTime(current.ExpireTime))
	more := "To buy more months later, set renewal_trigger to a new value."
	if current.Edition == catalog.EditionTrial {
		more = fmt.Sprintf("A Trial cannot be renewed. To convert it to a paid edition, set edition to one that %s offers (%s) and period_months: "+
			"applying that buys the paid edition.", current.Product, joinQuoted(catalog.PaidEditions[current.Product]))
	}
	addAttributeWarning(diags, path.Root("edition"), fmt.Sprintf("Existing %s package of %s adopted, not bought", current.Edition, appObject(id)),
		joinSentences(held, more))
}

// addAppReplacedWarning warns that the application of the subscription in
// state is being replaced (its sdk_app_id is known only after apply), so
// the subscription is destroyed with it before anything else happens.
func addAppReplacedWarning(diags *diag.Diagnostics, state *subscriptionModel) {
	what := fmt.Sprintf("switches the auto-renewal of its %s package off (the package ends with the old application, unrefunded)", state.Edition.ValueString())
	if state.Edition.ValueString() == catalog.EditionTrial {
		what = "ends its Trial with the old application"
	}
	addAttributeWarning(diags, path.Root("sdk_app_id"), "The subscription of "+appObject(state.appID())+" is destroyed with its application",
		fmt.Sprintf("The application is being replaced (sdk_app_id is known only after apply), so this trtc_subscription is replaced too. "+
			"Destroying it comes first, before the application is touched: it %s and leaves the Terraform state, even if replacing the application "+
			"then fails (for example on deletion_protection). The new application then gets the configured edition.", what))
}

// editionRefusal says why the edition cannot be had by a self-service
// purchase: the product does not offer it, or a paid package is held (see
// editionChangeProblem); "" when it can. product "" (unknown) skips the first.
func editionRefusal(product, held, planned, heldUntil string, sdkAppID uint64) (summary, detail string) {
	if product != "" && !catalog.EditionFits(product, planned) {
		return "Edition not offered for this product", editionNotOfferedDetail(planned, sdkAppID, product)
	}
	return editionChangeProblem(held, planned, heldUntil, sdkAppID)
}

// editionChangeProblem says why moving from the edition held now to the
// planned one is not self-service; "" when it is. A held Basic (nothing
// bought, or an expired package) is never a switch: buying is a new purchase.
func editionChangeProblem(held, planned, heldUntil string, sdkAppID uint64) (summary, detail string) {
	if held == planned || held == "" || held == catalog.EditionBasic || held == catalog.EditionTrial {
		return "", ""
	}
	until := ""
	if heldUntil != "" {
		until = " until " + heldUntil
	}
	howTo := fmt.Sprintf("To proceed, either keep edition = %q, or stop managing this package (terraform state rm the trtc_subscription, or destroy it, which switches auto-renewal off) "+
		"and let it expire, then apply %q again; or open a Tencent Cloud service ticket to switch editions.", held, planned)
	if planned == catalog.EditionTrial {
		return "Trial not possible while a paid package is active",
			fmt.Sprintf("Application %d holds a paid %s package%s; a Trial can only be claimed without one. %s", sdkAppID, held, until, howTo)
	}
	return "Switching between paid editions needs a service ticket",
		fmt.Sprintf("Application %d holds a paid %s package%s. Switching between two paid editions (%s to %s) is not self-service: it needs a Tencent Cloud service ticket. %s",
			sdkAppID, held, until, held, planned, howTo)
}

func editionNotOfferedDetail(edition string, sdkAppID uint64, product string) string {
	offered := append([]string{catalog.EditionTrial}, catalog.PaidEditions[product]...)
	return fmt.Sprintf("edition %q is not offered for application %d, whose product is %s; %s offers: %s.",
		edition, sdkAppID, product, product, joinQuoted(offered))
}

// plannedPurchase reports whether applying buys or claims something: a new
// edition, or a renewal asked for through renewal_trigger.
func plannedPurchase(state, plan *subscriptionModel) bool {
	return !plan.Edition.Equal(state.Edition) || renewalTriggered(state, plan)
}

// renewalTriggered: a new non-empty renewal_trigger on a paid edition buys it
// again; an unknown one might, so the plan treats it as a purchase.
func renewalTriggered(state, plan *subscriptionModel) bool {
	if plan.Edition.ValueString() == catalog.EditionTrial || plan.RenewalTrigger.IsNull() || plan.RenewalTrigger.Equal(state.RenewalTrigger) {
		return false
	}
	return plan.RenewalTrigger.IsUnknown() || plan.RenewalTrigger.ValueString() != ""
}

func appPhrase(id types.Int64) string {
	if id.IsUnknown() || id.IsNull() {
		return " for the new application"
	}
	return fmt.Sprintf(" for application %d", id.ValueInt64())
}

func int64String(v types.Int64) string {
	if v.IsUnknown() || v.IsNull() {
		return "the configured number of"
	}
	return fmt.Sprint(v.ValueInt64())
}

// periodList renders the periods offered as 1, 2, 3 (numbers, as configured).
func periodList() string { return strings.Join(periodStrings(), ", ") }

func periodStrings() []string {
	out := make([]string, len(catalog.Periods))
	for i, p := range catalog.Periods {
		out[i] = fmt.Sprint(p)
	}
	return out
}

// joinQuoted renders a, b and c as "a", "b", "c" (plain text: a terminal
// shows Markdown code marks as they are).
func joinQuoted(items []string) string {
	if len(items) == 0 {
		return "nothing"
	}
	quoted := make([]string, len(items))
	for i, item := range items {
		quoted[i] = strconv.Quote(item)
	}
	return strings.Join(quoted, ", ")
}
