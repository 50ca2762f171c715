package emulator

import (
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

func (h *harness) sub(id uint64) *api.DescribeAppSubscriptionResponse {
	h.t.Helper()
	out, err := h.api.DescribeAppSubscription(h.ctx, &api.DescribeAppSubscriptionRequest{SdkAppId: id})
	if err != nil {
		h.t.Fatalf("DescribeAppSubscription: %v", err)
	}
	return out
}

func (h *harness) buy(id uint64, edition string, months int64, autoRenew bool) (*api.CreateAppSubscriptionResponse, error) {
	return h.api.CreateAppSubscription(h.ctx, &api.CreateAppSubscriptionRequest{SdkAppId: id, Edition: edition, PeriodMonths: months, AutoRenew: api.Ptr(autoRenew)})
}

func TestTrialThenPurchaseThenRenewal(t *testing.T) {
	h := newHarness(t)
	id := h.createApp("subs")
	if s := h.sub(id); s.Edition != catalog.EditionBasic || s.Status != api.SubscriptionNone || s.ExpireTime != "" || s.Product != catalog.ProductRTCEngine {
		t.Fatalf("new application subscription: %+v", s)
	}
	trial, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
	if err != nil {
		t.Fatal(err)
	}
	if trial.ExpireTime != "2026-03-08 12:00:00" {
		t.Fatalf("trial ExpireTime = %s, want 7 days later", trial.ExpireTime)
	}
	_, err = h.api.ModifyAppSubscriptionAutoRenew(h.ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: true})
	wantCode(t, err, "FailedOperation.NoPaidEdition")

	h.clk.Advance(24 * time.Hour)
	deal, err := h.buy(id, catalog.EditionStandard, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if deal.ExpireTime != "2026-04-02 12:00:00" || deal.DealId == "" {
		t.Fatalf("trial conversion: %+v", deal)
	}
	s := h.sub(id)
	if s.Edition != catalog.EditionStandard || s.Status != api.SubscriptionActive || s.StartTime != "2026-03-02 12:00:00" || s.TrialsUsed != 1 || s.AccountTrialsUsed != 1 {
		t.Fatalf("after purchase: %+v", s)
	}
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
	wantCode(t, err, "FailedOperation.PaidEditionActive")
	_, err = h.buy(id, catalog.EditionPro, 1, false)
	wantCode(t, err, "UnsupportedOperation.EditionSwitch")

	renewal, err := h.buy(id, catalog.EditionStandard, 3, false)
	if err != nil || renewal.ExpireTime != "2026-07-02 12:00:00" {
		t.Fatalf("renewal of the same edition: %+v %v", renewal, err)
	}
	if renewal.DealId == deal.DealId {
		t.Fatal("two purchases share a DealId")
	}

	// Auto-renewal at expiry extends by one month; without it, Basic/Expired.
	if _, err := h.api.ModifyAppSubscriptionAutoRenew(h.ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: true}); err != nil {
		t.Fatal(err)
	}
	h.emu.Advance(122 * 24 * time.Hour) // emulator clock: 2026-07-02 12:00 (UTC+8) reached
	if s := h.sub(id); s.Edition != catalog.EditionStandard || s.ExpireTime != "2026-08-02 12:00:00" || !s.AutoRenew {
		t.Fatalf("after auto-renewal: %+v", s)
	}
	if _, err := h.api.ModifyAppSubscriptionAutoRenew(h.ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: id, AutoRenew: false}); err != nil {
		t.Fatal(err)
	}
	h.emu.Advance(31 * 24 * time.Hour)
	if s := h.sub(id); s.Edition != catalog.EditionBasic || s.Status != api.SubscriptionExpired || s.ExpireTime != "" {
		t.Fatalf("after expiry without auto-renewal: %+v", s)
	}
	if v := h.emu.Apps()[0].Edition; v != catalog.EditionBasic {
		t.Fatalf("admin Edition = %s", v)
	}
}

func TestTrialExpiryAndQuotas(t *testing.T) {
	h := newHarness(t)
	live, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "live", Product: catalog.ProductLive})
	if err != nil {
		t.Fatal(err)
	}
	trial, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: live.SdkAppId})
	if err != nil || trial.ExpireTime != "2026-03-15 12:00:00" {
		t.Fatalf("Live trial lasts 14 days: %+v %v", trial, err)
	}
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: live.SdkAppId})
	// One trial at a time: the running one counts against the allowance. The
	// message gives its end in RFC 3339 UTC (the wire's 2026-03-15 12:00:00).
	wantRefusal(t, err, "LimitExceeded.AppTrialQuota", "already has a trial running until 2026-03-15T04:00:00Z", "used 1 of its 2 trials")
	h.clk.Advance(14 * 24 * time.Hour)
	if s := h.sub(live.SdkAppId); s.Edition != catalog.EditionBasic || s.Status != api.SubscriptionExpired {
		t.Fatalf("after the trial: %+v", s)
	}
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: live.SdkAppId}); err != nil {
		t.Fatal(err)
	}
	h.clk.Advance(14 * 24 * time.Hour)
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: live.SdkAppId})
	wantRefusal(t, err, "LimitExceeded.AppTrialQuota", "used 2 of its 2 trials")
	_, err = h.buy(live.SdkAppId, catalog.EditionStandard, 1, false)
	wantCode(t, err, "InvalidParameterValue.Edition")

	a := h.emu.Account()
	a.AccountTrialQuota = 3
	h.emu.SetAccount(a)
	other := h.createApp("other")
	if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: other}); err != nil {
		t.Fatal(err)
	}
	third := h.createApp("third")
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: third})
	wantCode(t, err, "LimitExceeded.AccountTrialQuota")
}

func TestPurchaseRules(t *testing.T) {
	h := newHarness(t)
	call, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "call", Product: catalog.ProductCall})
	if err != nil {
		t.Fatal(err)
	}
	id := call.SdkAppId
	_, err = h.buy(id, catalog.EditionPro, 1, false)
	wantCode(t, err, "InvalidParameterValue.Edition")
	_, err = h.buy(id, catalog.EditionGroupCall, 5, false)
	wantCode(t, err, "InvalidParameterValue.Period")

	a := h.emu.Account()
	a.Balance = api.Ptr(0.0)
	h.emu.SetAccount(a)
	_, err = h.buy(id, catalog.EditionGroupCall, 1, false)
	wantCode(t, err, "FailedOperation.InsufficientBalance")
	a.Balance = api.Ptr(100.0)
	h.emu.SetAccount(a)

	req := &api.CreateAppSubscriptionRequest{SdkAppId: id, Edition: catalog.EditionGroupCall, PeriodMonths: 12, ClientToken: api.Ptr("deal-token")}
	first, err := h.api.CreateAppSubscription(h.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := h.api.CreateAppSubscription(h.ctx, req)
	if err != nil || *again != *first {
		t.Fatalf("repeat with the same ClientToken: %+v %v, want %+v", again, err, first)
	}
	if s := h.sub(id); s.ExpireTime != "2027-03-01 12:00:00" {
		t.Fatalf("the repeat bought again: %+v", s)
	}
	// Messages give times in RFC 3339 UTC; the wire fields stay UTC+8.
	_, err = h.buy(id, catalog.EditionOneToOneCall, 1, false)
	wantRefusal(t, err, "UnsupportedOperation.EditionSwitch", "GroupCall until 2027-03-01T04:00:00Z")
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
	wantRefusal(t, err, "FailedOperation.PaidEditionActive", "GroupCall until 2027-03-01T04:00:00Z")
}
