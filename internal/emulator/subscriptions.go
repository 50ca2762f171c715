package emulator

import (
	"fmt"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// Edition and subscription actions (internal/api/README.md, Editions and
// subscriptions). Purchases cost nothing: a configured balance <= 0 refuses
// them, any other balance (and the default, unlimited) accepts them.

func init() {
	register(
		def(api.ServiceTRTC, "DescribeAppSubscription", true, []string{"SdkAppId"}, (*Emulator).describeAppSubscription),
		def(api.ServiceTRTC, "CreateTrtcFreeLicense", false, []string{"SdkAppId"}, (*Emulator).createTrtcFreeLicense),
		def(api.ServiceTRTC, "CreateAppSubscription", false, []string{"SdkAppId", "Edition", "PeriodMonths"}, (*Emulator).createAppSubscription),
		def(api.ServiceTRTC, "ModifyAppSubscriptionAutoRenew", false, []string{"SdkAppId", "AutoRenew"}, (*Emulator).modifyAutoRenew),
	)
}

func (e *Emulator) describeAppSubscription(c *call, req *api.DescribeAppSubscriptionRequest) (any, *apiError) {
	a := e.view(c.spec, req.SdkAppId)
	if a == nil {
		return nil, e.missing(req.SdkAppId)
	}
	return &api.DescribeAppSubscriptionResponse{
		SdkAppId: a.id, Product: a.product, Edition: a.sub.edition, Status: a.sub.status,
		StartTime: wireTime(a.sub.start), ExpireTime: wireTime(a.sub.expire), AutoRenew: a.sub.autoRenew,
		TrialsUsed: int64(a.trialsUsed), AccountTrialsUsed: int64(e.st.accountTrials),
	}, nil
}

func (e *Emulator) createTrtcFreeLicense(c *call, req *api.CreateTrtcFreeLicenseRequest) (any, *apiError) {
	a, aerr := e.writable(req.SdkAppId)
	if aerr != nil {
		return nil, aerr
	}
	switch a.sub.edition {
	case catalog.EditionBasic:
	case catalog.EditionTrial: // one trial at a time: the running one counts against the allowance
		return nil, errf("LimitExceeded.AppTrialQuota", "the application %d already has a trial running until %s (one at a time); it has used %d of its %d trials",
			a.id, messageTime(a.sub.expire), a.trialsUsed, catalog.MaxTrialsPerApp)
	default:
		return nil, errf("FailedOperation.PaidEditionActive", "the application %d has the paid edition %s until %s; a trial is not possible",
			a.id, a.sub.edition, messageTime(a.sub.expire))
	}
	if a.trialsUsed >= catalog.MaxTrialsPerApp {
		return nil, errf("LimitExceeded.AppTrialQuota", "the application %d has used %d of its %d trials", a.id, a.trialsUsed, catalog.MaxTrialsPerApp)
	}
	if e.st.accountTrials >= e.account.AccountTrialQuota {
		return nil, errf("LimitExceeded.AccountTrialQuota", "the account has used %d of its %d trials", e.st.accountTrials, e.account.AccountTrialQuota)
	}
	e.beforeWrite(a.id, a)
	now := e.now()
	a.sub = subscription{edition: catalog.EditionTrial, status: api.SubscriptionActive, start: now, expire: now.Add(catalog.TrialLength(a.product))}
	a.trialsUsed++
	e.st.accountTrials++
	return &api.CreateTrtcFreeLicenseResponse{ExpireTime: wireTime(a.sub.expire)}, nil
}

func (e *Emulator) createAppSubscription(c *call, req *api.CreateAppSubscriptionRequest) (any, *apiError) {
	if aerr := checkClientToken(req.ClientToken); aerr != nil {
		return nil, aerr
	}
	token := ""
	if req.ClientToken != nil {
		token = *req.ClientToken
	}
	if t, ok := e.st.dealTokens[token]; ok && token != "" {
		return &api.CreateAppSubscriptionResponse{DealId: t.dealID, ExpireTime: wireTime(t.at)}, nil
	}
	a, aerr := e.writable(req.SdkAppId)
	if aerr != nil {
		return nil, aerr
	}
	if !catalog.IsPaidEdition(a.product, req.Edition) {
		return nil, errf("InvalidParameterValue.Edition", "Edition %q is not a paid edition of %s (one of %v)", req.Edition, a.product, catalog.PaidEditions[a.product])
	}
	validPeriod := false
	for _, p := range catalog.Periods {
		validPeriod = validPeriod || p == req.PeriodMonths
	}
	if !validPeriod {
		return nil, errf("InvalidParameterValue.Period", "PeriodMonths %d must be one of %v", req.PeriodMonths, catalog.Periods)
	}
	current := a.sub.edition
	if catalog.IsPaidEdition(a.product, current) && current != req.Edition {
		return nil, errf("UnsupportedOperation.EditionSwitch", "the application %d has the paid edition %s until %s; switching to %s needs a service ticket",
			a.id, current, messageTime(a.sub.expire), req.Edition)
	}
	if b := e.account.Balance; b != nil && *b <= 0 {
		return nil, errf("FailedOperation.InsufficientBalance", "the account balance is insufficient to buy %s for %d months", req.Edition, req.PeriodMonths)
	}
	e.beforeWrite(a.id, a)
	now := e.now()
	months := int(req.PeriodMonths)
	if current == req.Edition { // renewal: extend the same edition
		a.sub.expire = a.sub.expire.AddDate(0, months, 0)
		a.sub.status = api.SubscriptionActive
	} else { // from Basic, or converting a trial at once
		a.sub = subscription{edition: req.Edition, status: api.SubscriptionActive, start: now, expire: now.AddDate(0, months, 0)}
	}
	if req.AutoRenew != nil {
		a.sub.autoRenew = *req.AutoRenew
	}
	e.st.nextDeal++
	deal := fmt.Sprintf("%s%08d", now.In(api.TimeZone).Format("20060102"), e.st.nextDeal)
	if token != "" {
		e.st.dealTokens[token] = tokenEntry{at: a.sub.expire, appID: a.id, dealID: deal, expires: now.Add(catalog.ClientTokenTTL)}
	}
	return &api.CreateAppSubscriptionResponse{DealId: deal, ExpireTime: wireTime(a.sub.expire)}, nil
}

func (e *Emulator) modifyAutoRenew(c *call, req *api.ModifyAppSubscriptionAutoRenewRequest) (any, *apiError) {
	a, aerr := e.writable(req.SdkAppId)
	if aerr != nil {
		return nil, aerr
	}
	if !catalog.IsPaidEdition(a.product, a.sub.edition) {
		return nil, errf("FailedOperation.NoPaidEdition", "the application %d has the edition %s; auto-renewal applies to paid editions only", a.id, a.sub.edition)
	}
	e.beforeWrite(a.id, a)
	a.sub.autoRenew = req.AutoRenew
	return &api.ModifyAppSubscriptionAutoRenewResponse{}, nil
}
