package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
	"github.com/trtc-oss/terraform-provider-trtc/internal/finder"
)

// claimTrial claims the planned Trial and returns what the read-back must
// see; nil after an error.
//
// CreateTrtcFreeLicense takes no ClientToken, and the transport retries ambiguous
// failures (InternalError, 5xx, a dropped connection). When the first attempt
// started the trial but its answer was lost, the retry is refused as if the
// trial had been claimed by someone else: on a trial quota, since the running
// trial counts against it (LimitExceeded.AppTrialQuota, one trial at a time),
// or the account's. Either way the Trial the plan asks for is active, so such
// a refusal is checked with a read and, when the read shows an active Trial,
// adopted instead of failing the apply; otherwise the refusal is explained
// with the numbers of that read. (Create has already adopted a Trial that
// was active before it started.)
func (r *subscriptionResource) claimTrial(ctx context.Context, plan *subscriptionModel, current *api.DescribeAppSubscriptionResponse, diags *diag.Diagnostics) func(*api.DescribeAppSubscriptionResponse) bool {
	id := plan.appID()
	tflog.Info(ctx, "starting a trial", map[string]any{"sdk_app_id": logID(id)})
	// Ctrl-C must not lose the answer of a purchase that reached the server.
	callCtx, cancelCall := withoutStop(ctx)
	defer cancelCall()
	out, err := r.pd.API.CreateTrtcFreeLicense(callCtx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
	if err == nil {
		return editionUntil(catalog.EditionTrial, out.ExpireTime)
	}
	if trialMayBeOurs(err) {
		s, readErr := finder.SubscriptionByAppID(callCtx, r.pd.API, id)
		if readErr == nil && s.Status == api.SubscriptionActive && s.Edition == catalog.EditionTrial {
			tflog.Warn(ctx, "CreateTrtcFreeLicense was refused but the application's trial is active (a retried call whose first answer was lost, or a concurrent start): adopting it",
				map[string]any{"sdk_app_id": logID(id), "refusal": api.Code(err), "expire_time": s.ExpireTime})
			return editionUntil(catalog.EditionTrial, s.ExpireTime)
		}
		if readErr == nil {
			current = s // the refusal's numbers as they are now
		}
	}
	r.addPurchaseError(diags, plan, current, err)
	return nil
}

// trialMayBeOurs reports whether a CreateTrtcFreeLicense refusal is one a retry of a
// successful first attempt can get.
func trialMayBeOurs(err error) bool {
	switch api.Code(err) {
	case api.CodeAppTrialQuota, api.CodeAccountTrial:
		return true
	}
	return false
}
