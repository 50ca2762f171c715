package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// TestHostileIDsAndNumbers extends TestHostileBodies to every action taking
// an SdkAppId or a number: negative, fractional, huge and overflowing values
// are InvalidParameter (a field of the wrong type), never a panic or a
// silent wrap-around to some other application.
func TestHostileIDsAndNumbers(t *testing.T) {
	h := newHarness(t)
	h.createApp("exists")
	idActions := map[string]string{
		"DescribeSdkAppInfo":             ``,
		"ModifyAppInfo":                  `,"AppName":"x"`,
		"ModifyAppStatus":                `,"Status":"close"`,
		"DeleteTrtcApp":                  ``,
		"DescribeAppSubscription":        ``,
		"CreateTrtcFreeLicense":          ``,
		"CreateAppSubscription":          `,"Edition":"Standard","PeriodMonths":1`,
		"ModifyAppSubscriptionAutoRenew": `,"AutoRenew":false`,
	}
	bad := []string{"-1", "-1400000001", "1400000001.5", "1e400", "18446744073709551616", "-0.0", `"1400000001"`, "true", "[1400000001]"}
	for action, rest := range idActions {
		for _, id := range bad {
			env, resp := h.raw(rawRequest{action: action, body: []byte(`{"SdkAppId":` + id + rest + `}`)})
			if resp.StatusCode != http.StatusOK || env.code() != "InvalidParameter" {
				t.Errorf("%s SdkAppId %s: HTTP %d code %q, want InvalidParameter", action, id, resp.StatusCode, env.code())
			}
		}
	}
	for _, months := range []string{"1e400", "9223372036854775808", "-9223372036854775809", "1.5"} {
		env, _ := h.raw(rawRequest{action: "CreateAppSubscription", body: []byte(`{"SdkAppId":1400000001,"Edition":"Standard","PeriodMonths":` + months + `}`)})
		if env.code() != "InvalidParameter" {
			t.Errorf("PeriodMonths %s: code %q, want InvalidParameter", months, env.code())
		}
	}
	for _, months := range []string{"-1", "0", "9223372036854775807"} {
		env, _ := h.raw(rawRequest{action: "CreateAppSubscription", body: []byte(`{"SdkAppId":1400000001,"Edition":"Standard","PeriodMonths":` + months + `}`)})
		if env.code() != "InvalidParameterValue.Period" {
			t.Errorf("PeriodMonths %s: code %q, want InvalidParameterValue.Period", months, env.code())
		}
	}
	// Nothing above touched the application.
	if info := h.info(firstSdkAppID); info.AppName != "exists" || info.Status != "Enabled" {
		t.Errorf("the application changed: %+v", info)
	}
}

// TestHostileNestingAndText: deep nesting inside a known field, invalid
// UTF-8 and control characters in every text field and in headers.
func TestHostileNestingAndText(t *testing.T) {
	h := newHarness(t)
	deep := strings.Repeat(`[`, 50000) + strings.Repeat(`]`, 50000)
	deepObj := strings.Repeat(`{"a":`, 50000) + `1` + strings.Repeat(`}`, 50000)
	cases := []struct {
		name, action, body, want string
	}{
		{"nested tags", "CreateTrtcApp", `{"AppName":"a","Product":"Call","Tags":` + deep + `}`, "InvalidParameter"},
		{"nested object tag", "CreateTrtcApp", `{"AppName":"a","Product":"Call","Tags":[` + deepObj + `]}`, "InvalidParameter"},
		{"nested resource list", "TagResources", `{"ResourceList":` + deep + `,"Tags":[]}`, "InvalidParameter"},
		{"invalid UTF-8 description", "CreateTrtcApp", "{\"AppName\":\"a\",\"Product\":\"Call\",\"Description\":\"\xfe\"}", "InvalidParameter"},
		{"invalid UTF-8 product", "CreateTrtcApp", "{\"AppName\":\"a\",\"Product\":\"Call\xc0\"}", "InvalidParameter"},
		{"invalid UTF-8 field name", "CreateTrtcApp", "{\"AppName\":\"a\",\"Product\":\"Call\",\"\xff\":1}", "InvalidParameter"},
		{"escaped control in name", "CreateTrtcApp", `{"AppName":"a\u0007","Product":"Call"}`, "InvalidParameterValue.AppName"},
		{"right-to-left override in tag value", "CreateTrtcApp", `{"AppName":"a","Product":"Call","Tags":[{"TagKey":"k","TagValue":"\u202egnp"}]}`, "InvalidParameterValue.TagValueCharacterIllegal"},
		{"BOM before the body", "DescribeAppStatList", "\ufeff{}", "InvalidParameter"},
		{"huge Limit", "DescribeAppStatList", `{"Limit":1e30}`, "InvalidParameter"},
		{"number as string field", "CreateTrtcApp", `{"AppName":1,"Product":"Call"}`, "InvalidParameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, resp := h.raw(rawRequest{action: tc.action, service: serviceOf(tc.action), body: []byte(tc.body)})
			if resp.StatusCode != http.StatusOK || env.code() != tc.want {
				t.Fatalf("HTTP %d code %q, want %q", resp.StatusCode, env.code(), tc.want)
			}
		})
	}
	headers := []struct {
		name, header, value, want string
	}{
		{"invalid UTF-8 action", "X-TC-Action", "Create\xffApp", "InvalidAction"},
		{"overlong action", "X-TC-Action", strings.Repeat("A", 64<<10), "InvalidAction"},
		{"invalid UTF-8 version", "X-TC-Version", "2019-07-22\xff", "NoSuchVersion"},
		{"timestamp over int64: malformed", "X-TC-Timestamp", "99999999999999999999999", "AuthFailure.SignatureFailure"},
		{"max int64 timestamp", "X-TC-Timestamp", "9223372036854775807", "AuthFailure.SignatureExpire"},
		{"min int64 timestamp", "X-TC-Timestamp", "-9223372036854775808", "AuthFailure.SignatureExpire"},
		{"negative timestamp", "X-TC-Timestamp", "-1", "AuthFailure.SignatureExpire"},
		{"garbage authorization", "Authorization", "TC3-HMAC-SHA256 \xff\xfe", "AuthFailure.SignatureFailure"},
	}
	for _, tc := range headers {
		t.Run(tc.name, func(t *testing.T) {
			env, resp := h.raw(rawRequest{action: "DescribeAppStatList", tamper: func(r *http.Request) { r.Header.Set(tc.header, tc.value) }})
			if resp.StatusCode != http.StatusOK || env.code() != tc.want {
				t.Fatalf("HTTP %d code %q, want %q", resp.StatusCode, env.code(), tc.want)
			}
		})
	}
	if n := len(h.emu.Apps()); n != 0 {
		t.Errorf("hostile requests created %d application(s)", n)
	}
}

func serviceOf(action string) string {
	if action == "TagResources" {
		return "tag"
	}
	return ""
}

// TestHostileAdminBodies: the admin surface refuses bad bodies with 400 and
// changes nothing (faults, clock, account stay as they were).
func TestHostileAdminBodies(t *testing.T) {
	h := newHarness(t)
	deep := strings.Repeat(`{"a":`, 20000) + `1` + strings.Repeat(`}`, 20000)
	cases := []struct{ path, body string }{
		{"/_emulator/faults", "garbage\xff"},
		{"/_emulator/faults", deep},
		{"/_emulator/faults", `{"error_rate":1.5}`},
		{"/_emulator/faults", `{"drop_rate":-0.1}`},
		{"/_emulator/faults", `{"error_rate":1e400}`},
		{"/_emulator/faults", `{"latency":"-1s"}`},
		{"/_emulator/faults", `{"read_lag":"99999999999h"}`},
		{"/_emulator/faults", `{"actions":"CreateTrtcApp"}`},
		{"/_emulator/faults", `{"error_rate":0.5} {"error_rate":1}`},
		{"/_emulator/faults", `{"error_rate":0.5,"padding":"` + strings.Repeat("x", 2<<20) + `"}`},
		{"/_emulator/clock", `{"advance":"-1h"}`},
		{"/_emulator/clock", `{"advance":"1e30h"}`},
		{"/_emulator/clock", `{"advance":168}`},
		{"/_emulator/account", `{"app_quota":-1}`},
		{"/_emulator/account", `{"app_quota":1e400}`},
		{"/_emulator/account", `{"account_trial_quota":"10"}`},
		{"/_emulator/account", `{"quota":10}`},
		{"/_emulator/account", `[]`},
		{"/_emulator/fleet", "garbage\xff"},
		{"/_emulator/fleet", deep},
		{"/_emulator/fleet", `{"apps":[{"name":"a"}]} {"apps":[]}`},
		{"/_emulator/fleet", `{"apps":[{"name":"a","tags":{"qcs:x":"y"}}]}`},
		{"/_emulator/fleet", `{"account":{"app_quota":-1},"apps":[]}`},
	}
	before := h.emu.Now()
	account := h.emu.Account()
	for _, tc := range cases {
		if code := h.admin(http.MethodPost, tc.path, tc.body, nil); code != http.StatusBadRequest {
			t.Errorf("POST %s %.60q: HTTP %d, want 400", tc.path, tc.body, code)
		}
	}
	if !h.emu.Now().Equal(before) {
		t.Errorf("the clock moved from %v to %v", before, h.emu.Now())
	}
	if got := h.emu.Account(); got.AppQuota != account.AppQuota || got.AccountTrialQuota != account.AccountTrialQuota {
		t.Errorf("the account changed: %+v", got)
	}
	var faults faultsWire
	h.admin(http.MethodGet, "/_emulator/faults", "", &faults)
	if faults.ErrorRate != 0 || faults.DropRate != 0 || len(faults.Actions) != 0 {
		t.Errorf("faults were set: %+v", faults)
	}
}
