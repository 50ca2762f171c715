package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// TestEveryContractErrorCode provokes each error code internal/api/README.md
// names and checks the answer's code and the error counter of /_emulator/stats.
func TestEveryContractErrorCode(t *testing.T) {
	rtc := func(h *harness, name string) uint64 { return h.createApp(name) }
	apiCode := func(err error) string { return api.Code(err) }
	cases := []struct {
		code string
		run  func(h *harness) string
	}{
		{"AuthFailure.SignatureFailure", func(h *harness) string { // missing Authorization
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", tamper: func(r *http.Request) { r.Header.Del("Authorization") }})
			return env.code()
		}},
		{"AuthFailure.SignatureFailure", func(h *harness) string { // malformed Authorization
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", tamper: func(r *http.Request) { r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential=x") }})
			return env.code()
		}},
		{"AuthFailure.SignatureFailure", func(h *harness) string { // wrong key
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: DefaultSecretID, secretKey: "wrong"})
			return env.code()
		}},
		{"AuthFailure.SecretIdNotFound", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: "AKIDunknown", secretKey: DefaultSecretKey})
			return env.code()
		}},
		{"AuthFailure.SignatureExpire", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", timestamp: h.clk.Now().Add(-301 * time.Second).Unix()})
			return env.code()
		}},
		{"AuthFailure.TokenFailure", func(h *harness) string {
			out, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/r", RoleSessionName: "tf"})
			if err != nil {
				return err.Error()
			}
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: out.Credentials.TmpSecretId, secretKey: out.Credentials.TmpSecretKey, token: "wrong"})
			return env.code()
		}},
		{"InvalidAction", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "RunInstances"})
			return env.code()
		}},
		{"InvalidAction", func(h *harness) string { // a service not served
			env, _ := h.raw(rawRequest{service: "cvm", version: "2017-03-12", action: "DescribeInstances"})
			return env.code()
		}},
		{"NoSuchVersion", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", version: "2018-01-01"})
			return env.code()
		}},
		{"RequestSizeLimitExceeded", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", body: []byte(`{"AppNames":["` + strings.Repeat("a", maxBody) + `"]}`)})
			return env.code()
		}},
		{"InvalidParameter", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeSdkAppInfo", body: []byte(`{"SdkAppId":"1400000001"}`)})
			return env.code()
		}},
		{"UnknownParameter", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeSdkAppInfo", body: []byte(`{"SdkAppId":1400000001,"Region":"x"}`)})
			return env.code()
		}},
		{"MissingParameter", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "CreateTrtcApp", body: []byte(`{"AppName":"a"}`)})
			return env.code()
		}},
		{"MissingParameter", func(h *harness) string {
			_, err := h.api.ModifyAppInfo(h.ctx, &api.ModifyAppInfoRequest{SdkAppId: rtc(h, "a")})
			return apiCode(err)
		}},
		{"RequestLimitExceeded", func(h *harness) string {
			h.emu.mu.Lock()
			h.emu.limiter.rate = 2
			h.emu.mu.Unlock()
			code := ""
			for i := 0; i < 3 && code == ""; i++ {
				_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
				code = apiCode(err)
			}
			return code
		}},
		{"InternalError", func(h *harness) string {
			h.emu.SetFaults(Faults{ErrorRate: 1})
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
			return apiCode(err)
		}},
		{"ServiceUnavailable", func(h *harness) string {
			h.emu.SetFaults(Faults{ErrorRate: 1, ErrorCode: "ServiceUnavailable"})
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
			return apiCode(err)
		}},
		{"ResourceUnavailable", func(h *harness) string {
			h.emu.SetFaults(Faults{ErrorRate: 1, ErrorCode: "ResourceUnavailable"})
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
			return apiCode(err)
		}},
		{"InvalidParameterValue.AppName", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "sixteen_chars_xx", Product: "Call"})
			return apiCode(err)
		}},
		{"InvalidParameterValue.Description", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Description: api.Ptr("has space"), Product: "Call"})
			return apiCode(err)
		}},
		{"InvalidParameterValue.Product", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Chat"})
			return apiCode(err)
		}},
		{"InvalidParameterValue.DataRegion", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", DataRegion: api.Ptr("ap-guangzhou")})
			return apiCode(err)
		}},
		{"InvalidParameterValue.DataRegion", func(h *harness) string { // Live outside its two regions
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Live", DataRegion: api.Ptr("ap-tokyo")})
			return apiCode(err)
		}},
		{"LimitExceeded.AppQuota", func(h *harness) string {
			h.emu.SetAccount(Account{AppQuota: 0, AccountTrialQuota: 10})
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call"})
			return apiCode(err)
		}},
		{"InvalidParameterValue.Limit", func(h *harness) string {
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{Limit: api.Ptr[uint64](1000)})
			return apiCode(err)
		}},
		{"ResourceNotFound.SdkAppId", func(h *harness) string {
			_, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: 1, Status: api.StatusOpen})
			return apiCode(err)
		}},
		{"FailedOperation.AppDeleting", func(h *harness) string {
			id := rtc(h, "a")
			h.disable(id)
			if _, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil {
				return err.Error()
			}
			_, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: id})
			return apiCode(err)
		}},
		{"InvalidParameterValue.Status", func(h *harness) string {
			_, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: rtc(h, "a"), Status: "Enabled"})
			return apiCode(err)
		}},
		{"FailedOperation.AppEnabled", func(h *harness) string {
			_, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: rtc(h, "a")})
			return apiCode(err)
		}},
		{"InvalidParameterValue.TagKey", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: []api.Tag{{TagKey: " lead", TagValue: "v"}}})
			return apiCode(err)
		}},
		{"InvalidParameterValue.TagValue", func(h *harness) string {
			_, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{catalog.ResourceName(DefaultUIN, rtc(h, "a"))}, Tags: []api.Tag{{TagKey: "k", TagValue: "a#b"}}})
			return apiCode(err)
		}},
		{"InvalidParameterValue.ReservedTagKey", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: []api.Tag{{TagKey: "qcs:owner", TagValue: "v"}}})
			return apiCode(err)
		}},
		{"LimitExceeded.TagNumPerResource", func(h *harness) string {
			tags := make([]api.Tag, 51)
			for i := range tags {
				tags[i] = api.Tag{TagKey: "k" + strings.Repeat("x", i), TagValue: "v"}
			}
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: tags})
			return apiCode(err)
		}},
		{"LimitExceeded.AppTrialQuota", func(h *harness) string {
			id := rtc(h, "a")
			for i := 0; i < 2; i++ {
				if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id}); err != nil {
					return err.Error()
				}
				h.clk.Advance(8 * 24 * time.Hour)
			}
			_, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
			return apiCode(err)
		}},
		{"LimitExceeded.AccountTrialQuota", func(h *harness) string {
			h.emu.SetAccount(Account{AppQuota: 300, AccountTrialQuota: 0})
			_, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: rtc(h, "a")})
			return apiCode(err)
		}},
		{"FailedOperation.PaidEditionActive", func(h *harness) string {
			id := rtc(h, "a")
			if _, err := h.buy(id, catalog.EditionPro, 1, false); err != nil {
				return err.Error()
			}
			_, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
			return apiCode(err)
		}},
		{"InvalidParameterValue.Edition", func(h *harness) string {
			_, err := h.buy(rtc(h, "a"), catalog.EditionGroupCall, 1, false)
			return apiCode(err)
		}},
		{"InvalidParameterValue.Period", func(h *harness) string {
			_, err := h.buy(rtc(h, "a"), catalog.EditionPro, 24, false)
			return apiCode(err)
		}},
		{"UnsupportedOperation.EditionSwitch", func(h *harness) string {
			id := rtc(h, "a")
			if _, err := h.buy(id, catalog.EditionStandard, 1, false); err != nil {
				return err.Error()
			}
			_, err := h.buy(id, catalog.EditionPro, 1, false)
			return apiCode(err)
		}},
		{"FailedOperation.InsufficientBalance", func(h *harness) string {
			h.emu.SetAccount(Account{Balance: api.Ptr(0.0), AppQuota: 300, AccountTrialQuota: 10})
			_, err := h.buy(rtc(h, "a"), catalog.EditionPro, 1, false)
			return apiCode(err)
		}},
		{"FailedOperation.NoPaidEdition", func(h *harness) string {
			_, err := h.api.ModifyAppSubscriptionAutoRenew(h.ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: rtc(h, "a"), AutoRenew: true})
			return apiCode(err)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			h := newHarness(t)
			if got := tc.run(h); got != tc.code {
				t.Fatalf("got %q, want %s", got, tc.code)
			}
			if n := h.emu.Stats().Errors[tc.code]; n < 1 {
				t.Fatalf("stats errors[%s] = %d", tc.code, n)
			}
		})
	}
}
