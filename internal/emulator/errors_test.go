package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
	"github.com/trtc-oss/terraform-provider-trtc/internal/catalog"
)

// errorCase provokes one error code; cfg, when set, adjusts the emulator.
type errorCase struct {
	code string
	run  func(h *harness) string
	cfg  func(*Config)
}

// errorCases provoke each error code the emulator sends: every rule of
// internal/api/README.md, with the code of its table.
func errorCases() []errorCase {
	rtc := func(h *harness, name string) uint64 { return h.createApp(name) }
	apiCode := func(err error) string { return api.Code(err) }
	tag := func(h *harness, tags ...api.Tag) string {
		_, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{catalog.ResourceName(DefaultUIN, rtc(h, "a"))}, Tags: tags})
		return apiCode(err)
	}
	return []errorCase{
		{"AuthFailure.SignatureFailure", func(h *harness) string { // missing Authorization
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", tamper: func(r *http.Request) { r.Header.Del("Authorization") }})
			return env.code()
		}, nil},
		{"AuthFailure.SignatureFailure", func(h *harness) string { // malformed Authorization
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", tamper: func(r *http.Request) { r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential=x") }})
			return env.code()
		}, nil},
		{"AuthFailure.SignatureFailure", func(h *harness) string { // wrong key
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: DefaultSecretID, secretKey: "wrong"})
			return env.code()
		}, nil},
		{"AuthFailure.SecretIdNotFound", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: "AKIDunknown", secretKey: DefaultSecretKey})
			return env.code()
		}, nil},
		{"AuthFailure.SignatureExpire", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", timestamp: h.clk.Now().Add(-301 * time.Second).Unix()})
			return env.code()
		}, nil},
		{"AuthFailure.TokenFailure", func(h *harness) string {
			out, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/r", RoleSessionName: "tf"})
			if err != nil {
				return err.Error()
			}
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", secretID: out.Credentials.TmpSecretId, secretKey: out.Credentials.TmpSecretKey, token: "wrong"})
			return env.code()
		}, nil},
		{"InvalidAction", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "RunInstances"})
			return env.code()
		}, nil},
		{"InvalidAction", func(h *harness) string { // a service not served
			env, _ := h.raw(rawRequest{service: "cvm", version: "2017-03-12", action: "DescribeInstances"})
			return env.code()
		}, nil},
		{"NoSuchVersion", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", version: "2018-01-01"})
			return env.code()
		}, nil},
		{"RequestSizeLimitExceeded", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", body: []byte(`{"AppNames":["` + strings.Repeat("a", maxBody) + `"]}`)})
			return env.code()
		}, nil},
		{"InvalidParameter", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeSdkAppInfo", body: []byte(`{"SdkAppId":"1400000001"}`)})
			return env.code()
		}, nil},
		{"UnknownParameter", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeSdkAppInfo", body: []byte(`{"SdkAppId":1400000001,"Region":"x"}`)})
			return env.code()
		}, nil},
		{"MissingParameter", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "CreateTrtcApp", body: []byte(`{"AppName":"a"}`)})
			return env.code()
		}, nil},
		{"MissingParameter", func(h *harness) string {
			_, err := h.api.ModifyAppInfo(h.ctx, &api.ModifyAppInfoRequest{SdkAppId: rtc(h, "a")})
			return apiCode(err)
		}, nil},
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
		}, nil},
		{"InternalError", func(h *harness) string {
			h.emu.SetFaults(Faults{ErrorRate: 1})
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
			return apiCode(err)
		}, nil},
		{"ServiceUnavailable", func(h *harness) string {
			h.emu.SetFaults(Faults{ErrorRate: 1, ErrorCode: "ServiceUnavailable"})
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
			return apiCode(err)
		}, nil},
		{"ResourceUnavailable", func(h *harness) string {
			h.emu.SetFaults(Faults{ErrorRate: 1, ErrorCode: "ResourceUnavailable"})
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.AppName", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "sixteen_chars_xx", Product: "Call"})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.Description", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Description: api.Ptr("has space"), Product: "Call"})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.Product", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Chat"})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.DataRegion", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", DataRegion: api.Ptr("ap-guangzhou")})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.DataRegion", func(h *harness) string { // Live outside its two regions
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Live", DataRegion: api.Ptr("ap-tokyo")})
			return apiCode(err)
		}, nil},
		{"LimitExceeded.AppQuota", func(h *harness) string {
			h.emu.SetAccount(Account{AppQuota: 0, AccountTrialQuota: 10})
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call"})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.Limit", func(h *harness) string {
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{Limit: api.Ptr[uint64](1000)})
			return apiCode(err)
		}, nil},
		{"FailedOperation.SdkAppIdNotExist", func(h *harness) string {
			_, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: 1, Status: api.StatusOpen})
			return apiCode(err)
		}, nil},
		{NotFoundCodeModel, func(h *harness) string {
			_, err := h.api.DescribeSdkAppInfo(h.ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: 1})
			return apiCode(err)
		}, func(c *Config) { c.NotFoundCode = NotFoundCodeModel }},
		{"UnauthorizedOperation.SdkAppId", func(h *harness) string {
			_, err := h.api.DescribeSdkAppInfo(h.ctx, &api.DescribeSdkAppInfoRequest{SdkAppId: 1300000001})
			return apiCode(err)
		}, func(c *Config) { c.OtherAccountApps = []uint64{1300000001} }},
		{"FailedOperation.AppDeleting", func(h *harness) string {
			id := rtc(h, "a")
			h.disable(id)
			if _, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: id}); err != nil {
				return err.Error()
			}
			_, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: id})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.Status", func(h *harness) string {
			_, err := h.api.ModifyAppStatus(h.ctx, &api.ModifyAppStatusRequest{SdkAppId: rtc(h, "a"), Status: "Enabled"})
			return apiCode(err)
		}, nil},
		{"FailedOperation.AppEnabled", func(h *harness) string {
			_, err := h.api.DeleteTrtcApp(h.ctx, &api.DeleteTrtcAppRequest{SdkAppId: rtc(h, "a")})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.TagKeyCharacterIllegal", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: []api.Tag{{TagKey: " lead", TagValue: "v"}}})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.TagKeyEmpty", func(h *harness) string { return tag(h, api.Tag{TagKey: "", TagValue: "v"}) }, nil},
		{"InvalidParameterValue.TagKeyLengthExceeded", func(h *harness) string {
			return tag(h, api.Tag{TagKey: strings.Repeat("k", catalog.TagKeyMaxLength+1), TagValue: "v"})
		}, nil},
		{"InvalidParameterValue.TagValueCharacterIllegal", func(h *harness) string { return tag(h, api.Tag{TagKey: "k", TagValue: "a#b"}) }, nil},
		{"InvalidParameterValue.TagValueEmpty", func(h *harness) string { return tag(h, api.Tag{TagKey: "k", TagValue: ""}) }, nil},
		{"InvalidParameterValue.TagValueLengthExceeded", func(h *harness) string {
			return tag(h, api.Tag{TagKey: "k", TagValue: strings.Repeat("v", catalog.TagValueMaxLength+1)})
		}, nil},
		{"InvalidParameterValue.TagKeyDuplicate", func(h *harness) string {
			return tag(h, api.Tag{TagKey: "k", TagValue: "1"}, api.Tag{TagKey: "k", TagValue: "2"})
		}, nil},
		{"InvalidParameterValue.DeleteTagsParamError", func(h *harness) string {
			_, err := h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{Resource: catalog.ResourceName(DefaultUIN, rtc(h, "a")),
				ReplaceTags: []api.Tag{{TagKey: "k", TagValue: "v"}}, DeleteTags: []api.TagKeyObject{{TagKey: "k"}}})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.ReservedTagKey", func(h *harness) string {
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: []api.Tag{{TagKey: "qcs:owner", TagValue: "v"}}})
			return apiCode(err)
		}, nil},
		{"LimitExceeded.ResourceAttachedTags", func(h *harness) string {
			tags := make([]api.Tag, 51)
			for i := range tags {
				tags[i] = api.Tag{TagKey: "k" + strings.Repeat("x", i), TagValue: "v"}
			}
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", Tags: tags})
			return apiCode(err)
		}, nil},
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
		}, nil},
		{"LimitExceeded.AccountTrialQuota", func(h *harness) string {
			h.emu.SetAccount(Account{AppQuota: 300, AccountTrialQuota: 0})
			_, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: rtc(h, "a")})
			return apiCode(err)
		}, nil},
		{"FailedOperation.PaidEditionActive", func(h *harness) string {
			id := rtc(h, "a")
			if _, err := h.buy(id, catalog.EditionPro, 1, false); err != nil {
				return err.Error()
			}
			_, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.Edition", func(h *harness) string {
			_, err := h.buy(rtc(h, "a"), catalog.EditionGroupCall, 1, false)
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.Period", func(h *harness) string {
			_, err := h.buy(rtc(h, "a"), catalog.EditionPro, 24, false)
			return apiCode(err)
		}, nil},
		{"UnsupportedOperation.EditionSwitch", func(h *harness) string {
			id := rtc(h, "a")
			if _, err := h.buy(id, catalog.EditionStandard, 1, false); err != nil {
				return err.Error()
			}
			_, err := h.buy(id, catalog.EditionPro, 1, false)
			return apiCode(err)
		}, nil},
		{"FailedOperation.InsufficientBalance", func(h *harness) string {
			h.emu.SetAccount(Account{Balance: api.Ptr(0.0), AppQuota: 300, AccountTrialQuota: 10})
			_, err := h.buy(rtc(h, "a"), catalog.EditionPro, 1, false)
			return apiCode(err)
		}, nil},
		{"FailedOperation.NoPaidEdition", func(h *harness) string {
			_, err := h.api.ModifyAppSubscriptionAutoRenew(h.ctx, &api.ModifyAppSubscriptionAutoRenewRequest{SdkAppId: rtc(h, "a"), AutoRenew: true})
			return apiCode(err)
		}, nil},
		{"LimitExceeded.AppTrialQuota", func(h *harness) string { // a trial already running
			id := rtc(h, "a")
			if _, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id}); err != nil {
				return err.Error()
			}
			_, err := h.api.CreateTrtcFreeLicense(h.ctx, &api.CreateTrtcFreeLicenseRequest{SdkAppId: id})
			return apiCode(err)
		}, nil},
		{"InvalidParameter", func(h *harness) string { // ClientToken over 64 characters
			_, err := h.api.CreateTrtcApp(h.ctx, &api.CreateTrtcAppRequest{AppName: "a", Product: "Call", ClientToken: api.Ptr(strings.Repeat("t", 65))})
			return apiCode(err)
		}, nil},
		{"InvalidParameter", func(h *harness) string { // OrderField
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{OrderField: api.Ptr("name")})
			return apiCode(err)
		}, nil},
		{"InvalidParameter", func(h *harness) string { // OrderType
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{OrderType: api.Ptr[uint64](2)})
			return apiCode(err)
		}, nil},
		{"InvalidParameter", func(h *harness) string { // more than 100 SdkAppIds
			_, err := h.api.DescribeAppStatList(h.ctx, &api.DescribeAppStatListRequest{SdkAppIds: make([]uint64, 101)})
			return apiCode(err)
		}, nil},
		{"UnsupportedProtocol", func(h *harness) string {
			env, _ := h.raw(rawRequest{action: "DescribeAppStatList", tamper: func(r *http.Request) { r.Method = http.MethodGet }})
			return env.code()
		}, nil},
		{"InvalidParameter.ParamError", func(h *harness) string { // RoleArn
			_, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "arn:aws:iam::1:role/x", RoleSessionName: "tf"})
			return apiCode(err)
		}, nil},
		{"InvalidParameter.ParamError", func(h *harness) string { // RoleSessionName
			_, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/" + DefaultUIN + ":roleName/r", RoleSessionName: "x"})
			return apiCode(err)
		}, nil},
		{"ResourceNotFound.RoleNotFound", func(h *harness) string {
			_, err := h.api.AssumeRole(h.ctx, &api.AssumeRoleRequest{RoleArn: "qcs::cam::uin/42:roleName/r", RoleSessionName: "tf"})
			return apiCode(err)
		}, nil},
		{"AuthFailure.UnauthorizedOperation", func(h *harness) string { // a resource name of another uin
			_, err := h.api.ModifyResourceTags(h.ctx, &api.ModifyResourceTagsRequest{Resource: catalog.ResourceName("42", rtc(h, "a")), ReplaceTags: []api.Tag{{TagKey: "k", TagValue: "v"}}})
			return apiCode(err)
		}, nil},
		{"InvalidParameterValue.ResourceDescriptionError", func(h *harness) string {
			_, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: []string{"qcs::cvm:ap-guangzhou:uin/1:instance/ins-1"}, Tags: []api.Tag{{TagKey: "k", TagValue: "v"}}})
			return apiCode(err)
		}, nil},
		{"LimitExceeded.ResourceNumPerRequest", func(h *harness) string {
			_, err := h.api.TagResources(h.ctx, &api.TagResourcesRequest{ResourceList: make([]string, 11), Tags: []api.Tag{{TagKey: "k", TagValue: "v"}}})
			return apiCode(err)
		}, nil},
		{"LimitExceeded.ResourceNumPerRequest", func(h *harness) string { // ResourceIds of a read
			_, err := h.api.DescribeResourceTagsByResourceIds(h.ctx, &api.DescribeResourceTagsByResourceIdsRequest{ServiceType: "trtc", ResourcePrefix: "sdkappid", ResourceIds: make([]string, 51)})
			return apiCode(err)
		}, nil},
		{"LimitExceeded.TagNumPerRequest", func(h *harness) string { return tag(h, make([]api.Tag, 11)...) }, nil},
		{"InvalidParameterValue.OffsetInvalid", func(h *harness) string {
			_, err := h.api.DescribeResourceTagsByResourceIds(h.ctx, &api.DescribeResourceTagsByResourceIdsRequest{ServiceType: "trtc", ResourcePrefix: "sdkappid", ResourceIds: []string{"1"}, Offset: api.Ptr[uint64](1)})
			return apiCode(err)
		}, nil},
	}
}

// TestEveryContractErrorCode provokes each error code the emulator sends
// and checks the answer's code, that the code is in the SDK's error tables
// or the model's list (sdk_codes_test.go), and the error counter of
// /_emulator/stats.
func TestEveryContractErrorCode(t *testing.T) {
	for _, tc := range errorCases() {
		t.Run(tc.code, func(t *testing.T) {
			if codeSource(tc.code) == "" {
				t.Fatalf("%s is in neither the SDK's error tables nor the model's codes", tc.code)
			}
			var h *harness
			if tc.cfg != nil {
				h = newHarness(t, tc.cfg)
			} else {
				h = newHarness(t)
			}
			if got := tc.run(h); got != tc.code {
				t.Fatalf("got %q, want %s", got, tc.code)
			}
			if n := h.emu.Stats().Errors[tc.code]; n < 1 {
				t.Fatalf("stats errors[%s] = %d", tc.code, n)
			}
		})
	}
}
