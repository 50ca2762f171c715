package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// purchaseFacts is what explains a refused purchase with numbers.
type purchaseFacts struct {
	SdkAppID     uint64
	Edition      string
	PeriodMonths int64
	Current      *api.DescribeAppSubscriptionResponse // read before the purchase; may be nil
}

func (r *subscriptionResource) addPurchaseError(diags *diag.Diagnostics, plan *subscriptionModel, current *api.DescribeAppSubscriptionResponse, err error) {
	action := "buy the " + plan.Edition.ValueString() + " edition"
	if plan.Edition.ValueString() == catalog.EditionTrial {
		action = "start a Trial"
	}
	summary, detail := explainSubscriptionError(action, err, purchaseFacts{
		SdkAppID: plan.appID(), Edition: plan.Edition.ValueString(), PeriodMonths: plan.PeriodMonths.ValueInt64(), Current: current,
	})
	switch api.Code(err) {
	case api.CodeInvalidEdition, api.CodeEditionSwitch, api.CodePaidEditionAlive:
		addAttributeError(diags, path.Root("edition"), summary, detail)
	case api.CodeInvalidPeriod:
		addAttributeError(diags, path.Root("period_months"), summary, detail)
	default:
		addError(diags, summary, detail)
	}
}

// explainSubscriptionError says which action failed for which application,
// and turns the API's refusals into what happened, with the numbers behind
// it, and what to do next.
func explainSubscriptionError(action string, err error, f purchaseFacts) (summary, detail string) {
	summary = "Could not " + action + " for " + appObject(f.SdkAppID)
	reason, detail := explainRefusal(err, f)
	if reason == "" {
		return summary, err.Error()
	}
	return summary, reason + ". " + detail
}

// explainRefusal is the reason and explanation of a refusal the API gives a
// subscription change; "" for other errors.
func explainRefusal(err error, f purchaseFacts) (reason, detail string) {
	cur := f.Current
	if cur == nil {
		cur = &api.DescribeAppSubscriptionResponse{}
	}
	switch api.Code(err) {
	case api.CodeAppTrialQuota: // quota used, or a trial running that the read after did not show
		if cur.TrialsUsed >= catalog.MaxTrialsPerApp {
			return "Trial quota of the application used up",
				fmt.Sprintf("Application %d has used %d of %d trials; no further trial can be claimed for it. Choose a paid edition (with period_months) instead. (%v)",
					f.SdkAppID, cur.TrialsUsed, catalog.MaxTrialsPerApp, err)
		}
		return "Trial quota of the application used up, or a trial already running",
			fmt.Sprintf("The API refused a trial for application %d: either its %d trials are used up or a trial is already running (one at a time; the running one counts against the quota). "+
				"Reading its subscription showed %d of %d trials used. If a trial is running, run terraform apply again to adopt it; otherwise choose a paid edition (with period_months) instead. (%v)",
				f.SdkAppID, catalog.MaxTrialsPerApp, cur.TrialsUsed, catalog.MaxTrialsPerApp, err)
	case api.CodeAccountTrial:
		detail = fmt.Sprintf("The account has used %d of %d trials; no further trial can be claimed on this account.", cur.AccountTrialsUsed, catalog.MaxTrialsPerAccount)
		if cur.AccountTrialsUsed < catalog.MaxTrialsPerAccount {
			detail += fmt.Sprintf(" The API refused at %d, so this account's trial quota is lower than the default %d.", cur.AccountTrialsUsed, catalog.MaxTrialsPerAccount)
		}
		return "Trial quota of the account used up", fmt.Sprintf("%s Choose a paid edition (with period_months) instead. (%v)", detail, err)
	case api.CodeInsufficientBal:
		return "Insufficient account balance",
			fmt.Sprintf("The account balance does not cover %s for %d month(s) for application %d, so nothing was bought. Top up the account (Tencent Cloud console, Billing Center) and apply again. (%v)",
				f.Edition, f.PeriodMonths, f.SdkAppID, err)
	case api.CodeEditionSwitch:
		_, d := editionChangeProblem(cur.Edition, f.Edition, formatWireTime(cur.ExpireTime), f.SdkAppID)
		if d == "" {
			d = "Switching between two paid editions is not self-service: it needs a Tencent Cloud service ticket."
		}
		return "Switching between paid editions needs a service ticket", fmt.Sprintf("%s (%v)", d, err)
	case api.CodePaidEditionAlive:
		_, d := editionChangeProblem(cur.Edition, catalog.EditionTrial, formatWireTime(cur.ExpireTime), f.SdkAppID)
		if d == "" {
			d = fmt.Sprintf("Application %d holds an active paid package; a Trial can only be claimed without one.", f.SdkAppID)
		}
		return "Trial not possible while a paid package is active", fmt.Sprintf("%s (%v)", d, err)
	case api.CodeInvalidEdition:
		if cur.Product != "" {
			return "Edition not offered for this product", fmt.Sprintf("%s (%v)", editionNotOfferedDetail(f.Edition, f.SdkAppID, cur.Product), err)
		}
		return "Edition not offered for this product", fmt.Sprintf("edition %q is not offered for application %d's product. (%v)", f.Edition, f.SdkAppID, err)
	case api.CodeInvalidPeriod:
		return "Period not offered", fmt.Sprintf("period_months = %d is not offered; choose one of %s. (%v)", f.PeriodMonths, periodList(), err)
	case api.CodeNoPaidEdition:
		return "No paid edition to renew",
			fmt.Sprintf("Application %d holds no paid package, and auto-renewal applies only to paid editions: buy one first, or set auto_renew = false. (%v)", f.SdkAppID, err)
	case api.CodeAppOtherAccount:
		return "Application of another account", fmt.Sprintf("%s (%v)", otherAccountDetail(f.SdkAppID), err)
	}
	if api.IsNotFound(err) {
		return "Application not found", fmt.Sprintf("Application %d does not exist (or is being deleted). (%v)", f.SdkAppID, err)
	}
	return "", ""
}

// deleteWarning says what stays after destroy: TRTC cannot cancel or refund,
// so an active package runs until its expiry.
func deleteWarning(sdkAppID uint64, s *api.DescribeAppSubscriptionResponse) (summary, detail string) {
	if s.Status != api.SubscriptionActive || s.Edition == catalog.EditionBasic || s.Edition == "" {
		return "", ""
	}
	until := formatWireTime(s.ExpireTime)
	if s.Edition == catalog.EditionTrial {
		return "Trial stays active until " + until,
			fmt.Sprintf("The Trial of application %d was removed from Terraform but stays active until %s: a trial cannot be ended early. It then falls back to Basic. "+
				"If the application itself is being destroyed or replaced, its Trial ends with it.", sdkAppID, until)
	}
	return "Package stays active until " + until,
		fmt.Sprintf("TRTC has no refund or cancel action. The %s package of application %d was removed from Terraform and its auto-renewal switched off; it stays active until %s and then falls back to Basic. "+
			"If the application itself is being destroyed or replaced, the package ends with it, unrefunded.",
			s.Edition, sdkAppID, until)
}
