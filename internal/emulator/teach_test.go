package emulator

import (
	"fmt"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// TestErrorsNameTheRule: the rules a module most often breaks are answered
// with their code and a message that says the rule and what broke it, so a
// module test against the emulator reads as it would against TRTC.
func TestErrorsNameTheRule(t *testing.T) {
	h := newHarness(t)
	_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "sixteen_chars_xx", Product: catalog.ProductRTCEngine})
	wantRefusal(t, err, "InvalidParameterValue.AppName", `"sixteen_chars_xx"`, "16 characters", "1 to 15 characters")

	_, err = h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "ok", Description: api.Ptr("has space"), Product: catalog.ProductRTCEngine})
	wantRefusal(t, err, "InvalidParameterValue.Description", `"has space"`, "letter, a digit or an underscore")

	tags := make([]api.Tag, 0, catalog.MaxTagsPerResource)
	for i := 0; i < catalog.MaxTagsPerResource; i++ {
		tags = append(tags, api.Tag{TagKey: fmt.Sprintf("k%02d", i), TagValue: "v"})
	}
	full := h.createApp("full", tags...)
	out, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{catalog.ResourceName(DefaultUIN, full)}, Tags: []api.Tag{{TagKey: "one_more", TagValue: "v"}}})
	if err == nil && len(out.FailedResources) == 1 {
		err = &api.Error{Code: out.FailedResources[0].Code, Message: out.FailedResources[0].Message}
	}
	wantRefusal(t, err, api.CodeTagLimitPerResource, "at most 50 tags", "would make 51")

	trial := h.createApp("trial")
	for i := 0; i < catalog.MaxTrialsPerApp; i++ {
		if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: trial}); err != nil {
			t.Fatal(err)
		}
		h.clk.Advance(15 * 24 * time.Hour)
	}
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: trial})
	wantRefusal(t, err, "LimitExceeded.AppTrialQuota", "used 2 of its 2 trials")

	h.emu.SetAccount(Account{AppQuota: 2, AccountTrialQuota: 2})
	_, err = h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "third", Product: catalog.ProductRTCEngine})
	wantRefusal(t, err, "LimitExceeded.AppQuota", "already holds 2 applications, its quota")
	_, err = h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: full})
	wantRefusal(t, err, "LimitExceeded.AccountTrialQuota", "used 2 of its 2 trials")
}
